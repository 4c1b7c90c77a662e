/**
 * The texts residents get (B1): what happened with their question, no name, no address, no BSN; the onderwerp
 * (shortened) so they know which question it is about, and a kenmerk to refer to.
 */
export type Aanleiding =
  | { soort: 'interne_taak_verwerkt'; onderwerp: string; afdeling?: string }
  | { soort: 'terugbelverzoek_afgesloten'; uitkomst: 'gelukt' | 'niet-bereikt'; pogingen: number }
  | { soort: 'vervolg_geregistreerd'; onderwerp: string; afdeling?: string }
  | { soort: 'beoordeling'; link?: string };

export interface Bericht {
  onderwerp: string;
  tekst: string;
}

const kort = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
};

export function bericht(a: Aanleiding, opties: { kenmerk: string; telefoon: string }): Bericht {
  const vragen = `Heeft u nog een vraag? Bel ons op ${opties.telefoon}.`;
  const kenmerk = `Uw kenmerk: ${opties.kenmerk}`;
  switch (a.soort) {
    case 'interne_taak_verwerkt':
      return {
        onderwerp: 'Uw vraag is afgehandeld',
        tekst: [
          `Uw vraag over "${kort(a.onderwerp)}" is afgehandeld${a.afdeling ? ` door ${a.afdeling}` : ''}.`,
          vragen,
          kenmerk,
        ].join('\n'),
      };
    case 'terugbelverzoek_afgesloten':
      return a.uitkomst === 'gelukt'
        ? {
            onderwerp: 'Wij hebben u teruggebeld',
            tekst: ['Wij hebben u teruggebeld, zoals u had gevraagd.', vragen, kenmerk].join('\n'),
          }
        : {
            onderwerp: 'Wij konden u niet bereiken',
            tekst: [
              `U vroeg ons om u terug te bellen. Wij hebben het ${a.pogingen} keer geprobeerd, maar wij konden u niet bereiken. Wij bellen niet nog een keer.`,
              vragen,
              kenmerk,
            ].join('\n'),
          };
    case 'vervolg_geregistreerd':
      return {
        onderwerp: 'Wij zoeken uw vraag verder uit',
        tekst: [
          `Wij hebben uw vraag over "${kort(a.onderwerp)}" doorgestuurd naar ${a.afdeling ?? 'een collega'}. U krijgt bericht als uw vraag is afgehandeld.`,
          kenmerk,
        ].join('\n'),
      };
    case 'beoordeling':
      return {
        onderwerp: 'Hoe was uw gesprek met de gemeente?',
        tekst: [
          'U heeft de gemeente gebeld. Wilt u ons laten weten hoe tevreden u bent? Dat kost 1 minuut.',
          a.link ?? '',
          'De link werkt 1 keer.',
        ].join('\n'),
      };
  }
}
