/**
 * The seed of the managed list of gespreksresultaten (issue 2, §5). Codes are stable identifiers;
 * `contactGelukt` fills Klantcontact.indicatieContactGelukt.
 */
export const GESPREKSRESULTATEN_SEED: readonly { code: string; naam: string; contactGelukt: boolean }[] = [
  { code: 'zelfstandig_afgehandeld', naam: 'Zelfstandig afgehandeld', contactGelukt: true },
  { code: 'afgehandeld_na_ruggespraak', naam: 'Afgehandeld na ruggespraak', contactGelukt: true },
  { code: 'doorverbonden_naar_afdeling', naam: 'Doorverbonden naar afdeling', contactGelukt: true },
  { code: 'doorverbonden_naar_collega', naam: 'Doorverbonden naar collega', contactGelukt: true },
  { code: 'contactverzoek_gemaakt', naam: 'Contactverzoek gemaakt', contactGelukt: true },
  { code: 'verwezen_naar_andere_instantie', naam: 'Verwezen naar andere instantie', contactGelukt: true },
  { code: 'klant_belt_terug', naam: 'Klant belt terug', contactGelukt: true },
  { code: 'verbinding_verbroken', naam: 'Verbinding verbroken', contactGelukt: false },
];
