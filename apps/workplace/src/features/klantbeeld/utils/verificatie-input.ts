import type { VerificatieRequest } from '@kcc/contracts/klantbeeld';

export interface VerificatieDraft {
  geboortedatum: string;
  postcode: string;
  huisnummer: string;
}

export type VerificatieErrors = Partial<Record<keyof VerificatieDraft, string>>;

/** `12-3-1984`, `12 03 1984` or `1984-03-12` → `1984-03-12`; undefined when it is not a real date. */
export function parseGeboortedatum(text: string): string | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const nl = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (nl) [d, m, y] = [Number(nl[1]), Number(nl[2]), Number(nl[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Checks what the agent typed before it goes to the server (which checks again). */
export function toVerificatieRequest(
  draft: VerificatieDraft,
): { ok: true; body: VerificatieRequest } | { ok: false; errors: VerificatieErrors } {
  const errors: VerificatieErrors = {};
  const geboortedatum = parseGeboortedatum(draft.geboortedatum);
  if (!geboortedatum)
    errors.geboortedatum = 'Typ de geboortedatum als dag-maand-jaar, bijvoorbeeld 31-01-1990.';
  const postcode = draft.postcode.replace(/\s+/g, '').toUpperCase();
  if (!/^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode))
    errors.postcode = 'Een postcode is 4 cijfers en 2 letters, zoals 7311 AB.';
  const huisnummer = Number.parseInt(draft.huisnummer.trim(), 10);
  if (!/^\d{1,5}/.test(draft.huisnummer.trim()) || !(huisnummer >= 1)) {
    errors.huisnummer = 'Typ alleen het huisnummer, zonder toevoeging.';
  }
  if (Object.keys(errors).length > 0 || !geboortedatum) return { ok: false, errors };
  return { ok: true, body: { geboortedatum, postcode, huisnummer } };
}
