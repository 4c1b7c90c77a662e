import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KennisbankDocument, ProductInfo } from '../src/index';
import { toKennisbankDocument, withProductInfo, withZoektermen } from '../src/index';

/** assets/kennisbank in the repository, found from this file. */
export const ASSETS_DIR = fileURLToPath(new URL('../../../assets/kennisbank/', import.meta.url));

export const CORPUS_FILES = [
  'kennisbank.jsonl',
  'werkinstructies.jsonl',
  'afdelingen.jsonl',
  'nieuws.jsonl',
] as const;

function readJsonl(file: string): unknown[] {
  return readFileSync(ASSETS_DIR + file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as unknown);
}

/** Every shipped kennisbank document (corpus plus KCC seed content). */
export function loadShippedCorpus(): KennisbankDocument[] {
  const kanalen = loadKanalenmatrix();
  const info = JSON.parse(readFileSync(ASSETS_DIR + 'productinformatie.json', 'utf8')) as Record<
    string,
    ProductInfo
  >;
  const zoektermen = loadZoektermen();
  const docs: KennisbankDocument[] = [];
  for (const file of CORPUS_FILES) {
    for (const raw of readJsonl(file)) {
      const mapped = toKennisbankDocument(raw);
      if (!mapped) continue;
      const doc = withZoektermen(withProductInfo(mapped, info[mapped.id]), zoektermen[mapped.id]);
      const kanaal = kanalen.get(doc.id);
      if (kanaal) doc.kanaal = kanaal;
      docs.push(doc);
    }
  }
  return docs;
}

/** The shipped kanalenmatrix by UPL id, as the server attaches it to search results. */
export function loadKanalenmatrix(): Map<string, { primair: string; secundair: string }> {
  const raw = JSON.parse(readFileSync(ASSETS_DIR + 'kanalenmatrix.json', 'utf8')) as Record<
    string,
    { uplId?: string; primair: string; secundair: string }
  >;
  const byId = new Map<string, { primair: string; secundair: string }>();
  for (const entry of Object.values(raw)) {
    if (entry.uplId) byId.set(entry.uplId, { primair: entry.primair, secundair: entry.secundair });
  }
  return byId;
}

export function loadSynonyms(): Record<string, string[]> {
  return JSON.parse(readFileSync(ASSETS_DIR + 'synoniemen.json', 'utf8')) as Record<string, string[]>;
}

/** The words residents use per article id (`zoektermen.json`), added to the article's keywords. */
export function loadZoektermen(): Record<string, string[]> {
  return JSON.parse(readFileSync(ASSETS_DIR + 'zoektermen.json', 'utf8')) as Record<string, string[]>;
}
