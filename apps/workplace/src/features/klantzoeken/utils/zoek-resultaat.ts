import type { OrganisatieZoekResponse, PersoonZoekResponse } from '@kcc/contracts/klantbeeld';

/** Whom to open: the same shape the klantbeeld feature takes. */
export type GekozenKlant = { soort: 'persoon'; bsn: string } | { soort: 'organisatie'; kvkNummer: string };

export interface ZoekResultaat {
  key: string;
  naam: string;
  /** Short description lines: birth date, address, vestiging. */
  regels: string[];
  geheimhouding: boolean;
  inactief: boolean;
  klant: GekozenKlant;
}

export interface ZoekResultaten {
  items: ZoekResultaat[];
  maximumBereikt: boolean;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric' });
function geboren(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `geboren ${dateFormat.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])))}` : iso;
}

const TYPE_LABELS = {
  hoofdvestiging: 'Hoofdvestiging',
  nevenvestiging: 'Nevenvestiging',
  rechtspersoon: 'Rechtspersoon',
} as const;

export function toZoekResultaten(soort: 'persoon', response: PersoonZoekResponse): ZoekResultaten;
export function toZoekResultaten(soort: 'organisatie', response: OrganisatieZoekResponse): ZoekResultaten;
export function toZoekResultaten(
  soort: 'persoon' | 'organisatie',
  response: PersoonZoekResponse | OrganisatieZoekResponse,
): ZoekResultaten {
  if (soort === 'persoon') {
    const { items, maximumBereikt } = response as PersoonZoekResponse;
    return {
      maximumBereikt,
      items: items.map((p) => ({
        key: p.bsn,
        naam: p.volledigeNaam,
        regels: [...(p.geboortedatum ? [geboren(p.geboortedatum)] : []), p.adresregels.join(', ')].filter(
          Boolean,
        ),
        geheimhouding: p.geheimhouding,
        inactief: false,
        klant: { soort: 'persoon', bsn: p.bsn },
      })),
    };
  }
  const { items, maximumBereikt } = response as OrganisatieZoekResponse;
  return {
    maximumBereikt,
    items: items.map((o) => ({
      key: `${o.kvkNummer}-${o.vestigingsnummer ?? o.type}`,
      naam: o.naam,
      regels: [`KvK ${o.kvkNummer} · ${TYPE_LABELS[o.type]}`, o.adresregels.join(', ')].filter(Boolean),
      geheimhouding: false,
      inactief: !o.actief,
      klant: { soort: 'organisatie', kvkNummer: o.kvkNummer },
    })),
  };
}
