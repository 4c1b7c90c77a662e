export interface SynonymLineError {
  line: number;
  message: string;
}

export type ParsedSynonyms =
  { ok: true; synonyms: Record<string, string[]> } | { ok: false; errors: SynonymLineError[] };

/** Server limits (SynonymMap in @kcc/contracts/kennisbank), checked here to give a message per line. */
export const SYNONYM_LIMITS = { maxEntries: 5000, maxTermWords: 4, maxLength: 100, maxSynonyms: 20 };

/** One line per entry, sorted: `term: syn1, syn2`. */
export function formatSynonyms(synonyms: Record<string, string[]>): string {
  return Object.keys(synonyms)
    .sort((a, b) => a.localeCompare(b, 'nl'))
    .map((term) => `${term}: ${(synonyms[term] ?? []).join(', ')}`)
    .join('\n');
}

/**
 * Parses the editor text. Blank lines and lines starting with `#` are skipped. Each other line needs a term
 * (up to 4 words), a colon and 1 to 20 comma-separated words. A term may appear once.
 */
export function parseSynonyms(text: string): ParsedSynonyms {
  const synonyms: Record<string, string[]> = {};
  const errors: SynonymLineError[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const colon = trimmed.indexOf(':');
    if (colon === -1) {
      errors.push({ line, message: 'Er staat geen dubbele punt in. Schrijf: woord: synoniem1, synoniem2' });
      return;
    }
    const term = trimmed.slice(0, colon).trim().toLowerCase().replace(/\s+/g, ' ');
    const words = [
      ...new Set(
        trimmed
          .slice(colon + 1)
          .split(',')
          .map((w) => w.trim().toLowerCase().replace(/\s+/g, ' '))
          .filter((w) => w !== ''),
      ),
    ];
    if (term === '') errors.push({ line, message: 'Het woord vóór de dubbele punt ontbreekt.' });
    else if (term.split(' ').length > SYNONYM_LIMITS.maxTermWords)
      errors.push({ line, message: `"${term}" heeft meer dan ${SYNONYM_LIMITS.maxTermWords} woorden.` });
    else if (term.length > SYNONYM_LIMITS.maxLength)
      errors.push({
        line,
        message: `"${term.slice(0, 30)}…" is langer dan ${SYNONYM_LIMITS.maxLength} tekens.`,
      });
    else if (Object.hasOwn(synonyms, term))
      errors.push({ line, message: `"${term}" staat al op een eerdere regel.` });
    if (words.length === 0) errors.push({ line, message: 'Na de dubbele punt staat geen synoniem.' });
    else if (words.length > SYNONYM_LIMITS.maxSynonyms)
      errors.push({ line, message: `Meer dan ${SYNONYM_LIMITS.maxSynonyms} synoniemen op één regel.` });
    else if (words.some((w) => w.length > SYNONYM_LIMITS.maxLength))
      errors.push({ line, message: `Een synoniem is langer dan ${SYNONYM_LIMITS.maxLength} tekens.` });
    if (errors.length === 0 || errors[errors.length - 1]!.line !== line) synonyms[term] = words;
  });
  if (errors.length === 0 && Object.keys(synonyms).length > SYNONYM_LIMITS.maxEntries)
    errors.push({ line: lines.length, message: `Hoogstens ${SYNONYM_LIMITS.maxEntries} regels.` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, synonyms };
}
