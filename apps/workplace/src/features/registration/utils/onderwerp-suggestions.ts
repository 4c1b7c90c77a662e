import type { Onderwerp } from '@kcc/contracts/onderwerpen';

export const MAX_SUGGESTIONS = 8;

const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Onderwerpen that match what the agent typed: names that start with it first, then names with a word that starts
 * with it, then names that contain it; case and accents do not matter. Empty input suggests nothing to pick from
 * a long list, except when asked (`all`).
 */
export function onderwerpSuggestions(
  items: Onderwerp[],
  typed: string,
  options: { all?: boolean } = {},
): { shown: Onderwerp[]; total: number } {
  const q = fold(typed);
  if (q === '') {
    return options.all
      ? { shown: items.slice(0, MAX_SUGGESTIONS), total: items.length }
      : { shown: [], total: 0 };
  }
  const ranked = items
    .map((item) => {
      const name = fold(item.naam);
      const rank = name.startsWith(q)
        ? 0
        : name.split(/[\s-/]/).some((w) => w.startsWith(q))
          ? 1
          : name.includes(q)
            ? 2
            : 3;
      return { item, rank };
    })
    .filter((r) => r.rank < 3)
    .sort((a, b) => a.rank - b.rank);
  return { shown: ranked.slice(0, MAX_SUGGESTIONS).map((r) => r.item), total: ranked.length };
}

/** The list's onderwerp with exactly this name (case and spacing aside), if any. */
export function exactOnderwerp(items: Onderwerp[], typed: string): Onderwerp | undefined {
  const q = fold(typed);
  return q === '' ? undefined : items.find((item) => fold(item.naam) === q);
}
