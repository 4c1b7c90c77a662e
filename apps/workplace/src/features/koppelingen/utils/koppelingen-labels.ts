import type { KoppelingenResponse, OutboxItem, Register } from '@kcc/contracts/klantbeeld';

type Bron = KoppelingenResponse['registers'][number]['bron'];
type OutboxCounts = NonNullable<KoppelingenResponse['openKlantOutbox']>['aantallen'];

export const REGISTER_LABELS: Record<Register, string> = {
  klantinteracties: 'Klantregister (Klantinteracties)',
  brp: 'BRP (personen)',
  kvk: 'Handelsregister (KvK)',
  zaken: 'Zaken (Open Zaak)',
};

export const BRON_LABELS: Record<Bron, string> = {
  embedded: 'Ingebouwd (demogegevens)',
  extern: 'Gekoppeld',
};

export const OUTBOX_STATE_LABELS: Record<OutboxItem['state'], string> = {
  wachtend: 'Wachtend',
  gecompenseerd: 'Teruggedraaid',
  mislukt: 'Mislukt',
};

/** What each state means for the beheerder, and what "Opnieuw proberen" does then (B1). */
export const OUTBOX_STATE_UITLEG: Record<OutboxItem['state'], string> = {
  wachtend: 'Het doorsturen lukte nog niet. De werkplek probeert het vanzelf opnieuw bij de volgende poging.',
  gecompenseerd:
    'Open Klant weigerde de registratie. Het halve klantcontact is daar weer verwijderd. Opnieuw proberen begint helemaal opnieuw.',
  mislukt:
    'Open Klant weigerde de registratie en het opruimen lukte ook niet. Opnieuw proberen gaat verder waar het stopte.',
};

/** The counts in display order; `verstuurd` reads as "Doorgestuurd". */
export const OUTBOX_COUNT_LABELS: readonly (readonly [keyof OutboxCounts, string])[] = [
  ['wachtend', 'Wachtend'],
  ['verstuurd', 'Doorgestuurd'],
  ['gecompenseerd', 'Teruggedraaid'],
  ['mislukt', 'Mislukt'],
];

/** The registrations not (yet) in Open Klant: every state except `verstuurd`. */
export function openCount(aantallen: OutboxCounts): number {
  return aantallen.wachtend + aantallen.gecompenseerd + aantallen.mislukt;
}
