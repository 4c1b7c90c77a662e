/**
 * The deterministic split of the generalisation queries into a development set (constants may be tuned
 * on it) and a test set (never tuned on). A query's set follows from its id alone (FNV-1a, 32 bit), so
 * adding queries never moves existing ones between sets and nobody chooses where a query lands.
 */
export type EvalSplit = 'dev' | 'test';

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function splitOf(queryId: string): EvalSplit {
  return fnv1a(`kennisbank-eval:${queryId}`) % 2 === 0 ? 'dev' : 'test';
}
