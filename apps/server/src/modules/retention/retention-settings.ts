import { isIsoDuration } from '../audit';

/** The kinds of data with a bewaartermijn of their own. */
export const RETENTION_KINDS = ['contacten', 'transcripten', 'bijlagen', 'verwerkingenlog'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export interface RetentionSettings {
  /** ISO 8601 duration per kind, counted from the contact's closing (the log: from each action's tijdstip). */
  terms: Record<RetentionKind, string>;
  /** Local hour (Europe/Amsterdam) of the daily run, 0–23. */
  hour: number;
}

/**
 * Defaults a municipality replaces with the terms of its own selectielijst: a year for what was said and who said
 * it, three months for e-mail attachments (often copies of ID documents), two years for the verwerkingenlog (the
 * register's bewaartermijn).
 */
export const DEFAULT_RETENTION: RetentionSettings = {
  terms: { contacten: 'P1Y', transcripten: 'P1Y', bijlagen: 'P3M', verwerkingenlog: 'P2Y' },
  hour: 3,
};

const ENV: Record<RetentionKind, string> = {
  contacten: 'KCC_BEWAARTERMIJN_CONTACTEN',
  transcripten: 'KCC_BEWAARTERMIJN_TRANSCRIPTEN',
  bijlagen: 'KCC_BEWAARTERMIJN_BIJLAGEN',
  verwerkingenlog: 'KCC_BEWAARTERMIJN_VERWERKINGENLOG',
};

export function retentionSettingsFromEnv(
  env: Record<string, string | undefined>,
): { ok: true; settings: RetentionSettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const terms = { ...DEFAULT_RETENTION.terms };
  for (const kind of RETENTION_KINDS) {
    const value = env[ENV[kind]];
    if (value === undefined) continue;
    if (isIsoDuration(value)) terms[kind] = value;
    else
      problems.push(
        `${ENV[kind]}: geen ISO 8601-termijn in jaren, maanden, weken of dagen (zoals P1Y of P6M)`,
      );
  }
  const rawHour = env.KCC_OPSCHONEN_UUR;
  const hour = rawHour === undefined ? DEFAULT_RETENTION.hour : Number(rawHour);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    problems.push('KCC_OPSCHONEN_UUR: een heel uur van 0 tot 23');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: { terms, hour } };
}
