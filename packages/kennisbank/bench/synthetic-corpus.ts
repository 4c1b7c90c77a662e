import type { KennisbankDocument } from '../src/index';

/** mulberry32: a small seeded PRNG, so the generated corpus is the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates `size` documents from the corpus vocabulary: words are drawn from the corpus' own word
 * stream (so their frequencies follow the real distribution), titles from title words.
 */
export function generateCorpus(
  corpus: KennisbankDocument[],
  size: number,
  seed: number,
): KennisbankDocument[] {
  const random = mulberry32(seed);
  const words = corpus.flatMap((d) => d.body.split(/\s+/)).filter((w) => w.length > 0);
  const titleWords = corpus.flatMap((d) => d.title.split(/\s+/)).filter((w) => w.length > 0);
  const types = [...new Set(corpus.map((d) => d.type))];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const docs: KennisbankDocument[] = [];
  for (let i = 0; i < size; i++) {
    const titleLength = 2 + Math.floor(random() * 7);
    const bodyLength = 20 + Math.floor(random() * 60);
    const title = Array.from({ length: titleLength }, () => pick(titleWords)).join(' ');
    const body = Array.from({ length: bodyLength }, () => pick(words)).join(' ');
    docs.push({ id: `syn:${i}`, type: pick(types), title, body });
  }
  return docs;
}
