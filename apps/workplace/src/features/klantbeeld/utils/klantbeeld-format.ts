import type { IntegraalKlantbeeld, Register, ZaakView } from '@kcc/contracts/klantbeeld';

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

/** `YYYY-MM-DD` as a local calendar date ("20 november 2026"); anything else is shown as it came. */
export function formatDatum(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
  }
  return dateFormat.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export const REGISTER_LABELS: Record<Register, string> = {
  brp: 'BRP',
  kvk: 'Handelsregister',
  zaken: 'Zaken',
  klantinteracties: 'Klantregister',
};

export const BRON_STATUS_LABELS = {
  beschikbaar: 'geladen',
  niet_beschikbaar: 'niet beschikbaar',
  niet_van_toepassing: 'niet nodig',
  afgeschermd: 'afgeschermd tot verificatie',
} as const;

/** The deadline that counts for the resident: the planned end, else the latest end. */
export function zaakDeadline(zaak: ZaakView): string | undefined {
  return zaak.einddatumGepland ?? zaak.uiterlijkeEinddatumAfdoening;
}

/** The name to show on top: the partij in the klantregister, else the name from the BRP or KvK. */
export function klantbeeldNaam(integraal: IntegraalKlantbeeld, partijNaam?: string): string | undefined {
  if (partijNaam) return partijNaam;
  const id = integraal.identiteit;
  if (id.status !== 'beschikbaar') return undefined;
  return id.data.soort === 'persoon' ? id.data.naam.volledigeNaam : id.data.naam;
}
