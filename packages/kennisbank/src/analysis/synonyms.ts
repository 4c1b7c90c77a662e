import { fold, tokenize } from './text';

export type SynonymMap = Record<string, string[]>;

/** Longest key, in words, that a synonym entry may have. */
export const MAX_SYNONYM_WORDS = 4;

/**
 * The beheerder's synonym and colloquial map as a lookup table. Keys are what residents or agents
 * say (kliko, gejat, gba); values are the words the content uses (container, gestolen, brp).
 * Expansion is one-directional: the key's own words are still searched, the values are added.
 */
export class SynonymTable {
  private readonly table = new Map<string, string[]>();

  constructor(map: SynonymMap = {}) {
    for (const [key, values] of Object.entries(map)) {
      if (typeof key !== 'string' || !Array.isArray(values)) continue;
      const keys = synonymKeyForms(key);
      for (const normalizedKey of keys) {
        const cleanValues = values
          .filter((v): v is string => typeof v === 'string')
          .map((v) => fold(v).trim())
          .filter((v) => v.length > 0 && !synonymKeyForms(v).includes(normalizedKey));
        if (cleanValues.length === 0) continue;
        const existing = this.table.get(normalizedKey) ?? [];
        this.table.set(normalizedKey, [...new Set([...existing, ...cleanValues])]);
      }
    }
  }

  get size(): number {
    return this.table.size;
  }

  entries(): IterableIterator<[string, string[]]> {
    return this.table.entries();
  }

  lookup(normalizedKey: string): readonly string[] | undefined {
    return this.table.get(normalizedKey);
  }

  /** Every word that occurs in a key or a value (to teach the compound splitter). */
  *words(): Iterable<string> {
    for (const [key, values] of this.table) {
      yield* key.split(' ');
      for (const v of values) for (const t of tokenize(v)) yield t.surface;
    }
  }
}

/** The lookup forms of a key: words joined by one space; a hyphenated key also as one word (id-kaart → "id kaart", "idkaart"). */
export function synonymKeyForms(text: string): string[] {
  const tokens = tokenize(text);
  const forms = new Set<string>();
  const spaced = tokens
    .filter((t) => !t.joined)
    .map((t) => t.surface)
    .join(' ');
  if (spaced) forms.add(spaced);
  if (tokens.some((t) => t.joined)) {
    forms.add(
      tokens
        .filter((t) => !t.part)
        .map((t) => t.surface)
        .join(' '),
    );
  }
  return [...forms];
}
