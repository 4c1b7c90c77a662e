import type { Gegevensbron, Handeling, VerwerkingsactieDto } from '@kcc/contracts/verwerkingen';

export const HANDELING_LABELS: Record<Handeling, string> = {
  inzien: 'Ingezien',
  zoeken: 'Gezocht',
  koppelen: 'Gekoppeld',
  aanmaken: 'Aangemaakt',
  exporteren: 'Geëxporteerd',
};

export const BRON_LABELS: Record<Gegevensbron, string> = {
  klantinteracties: 'Klantregister',
  brp: 'BRP',
  zaken: 'Zaken',
  kvk: 'Handelsregister',
  verwerkingenlog: 'Verwerkingenlog',
};

/** Who did it: the employee and their role, or the system for system-to-system reads. */
export function wieLabel(actie: VerwerkingsactieDto): string {
  return actie.gebruiker ? `${actie.gebruiker.naam} (${actie.gebruiker.rol})` : `Systeem: ${actie.systeem}`;
}

/** The categories of data of all objects in the action, without repeats. */
export function categorieen(actie: VerwerkingsactieDto): string[] {
  return [
    ...new Set(actie.verwerkteObjecten.flatMap((o) => o.verwerkteSoortenGegevens.map((s) => s.soortGegeven))),
  ];
}
