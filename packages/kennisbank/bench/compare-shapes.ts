/**
 * The slowest query shapes (`adversarialQueries` in search.bench.ts) at 100,000 documents for one or more copies of
 * `src/`, each in a fresh process, so old and new code are compared in the same run on the same machine:
 *
 *   node --import tsx bench/compare-shapes.ts /tmp/src-before src
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KennisbankIndex } from '../src/index';
import { loadShippedCorpus, loadSynonyms } from '../eval/load-corpus';
import { adversarialQueries } from './search.bench';
import { generateCorpus } from './synthetic-corpus';

type IndexClass = new (options: { synonyms: Record<string, string[]> }) => KennisbankIndex;

async function measureCopy(srcDir: string): Promise<string> {
  const { KennisbankIndex } = (await import(pathToFileURL(resolve(srcDir, 'index.ts')).href)) as {
    KennisbankIndex: IndexClass;
  };
  const index = new KennisbankIndex({ synonyms: loadSynonyms() });
  index.upsertMany(generateCorpus(loadShippedCorpus(), 100_000, 20261123));
  index.search('paspoort aanvragen', { limit: 10 });
  const lines: string[] = [];
  for (const { shape, query } of adversarialQueries()) {
    let worst = 0;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      index.search(query, { limit: 10 });
      worst = Math.max(worst, performance.now() - t0);
    }
    lines.push(`${srcDir}\t${shape}\t${worst.toFixed(1)} ms`);
  }
  return lines.join('\n');
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] === self) {
  const [first, ...rest] = process.argv.slice(2);
  if (process.env.KB_SHAPES_CHILD === '1' && first) {
    console.log(await measureCopy(first));
  } else {
    for (const dir of [first, ...rest].filter((d): d is string => d !== undefined)) {
      process.stdout.write(
        execFileSync(process.execPath, ['--import', 'tsx', self, dir], {
          env: { ...process.env, KB_SHAPES_CHILD: '1' },
          encoding: 'utf8',
        }),
      );
    }
  }
}
