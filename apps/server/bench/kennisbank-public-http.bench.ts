import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { registerErrorHandlers } from '../src/http/error-handlers';
import { createKennisbankService } from '../src/modules/kennisbank/kennisbank.module';
import { registerPublicKennisbankRoutes } from '../src/modules/kennisbank/kennisbank-public.routes';
import { openDatabase } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { sqliteForm } from '../src/store/migrate-store';
import { openStore } from '../src/store/store';
import { kennisbankMigrations } from '../src/modules/kennisbank/kennisbank.migrations';
import { isMain, percentile, round, runDirectly, type BenchResult } from './bench-util';

/** What residents type in "Zoek uw vraag": short questions, colloquial words, typos. */
const QUERIES = [
  'paspoort aanvragen',
  'wat kost een id kaart',
  'hoe lang duurt een paspoort',
  'kliko kapot',
  'grofvuil ophalen',
  'verhuizing doorgeven',
  'parkeervergunning',
  'afvalstoffenheffing niet betalen',
  'woz waarde te hoog',
  'rijbewijs verlengen',
  'uittreksel brp',
  'hondenbelasting',
  'bijstand aanvragen',
  'laadpaal aanvragen',
  'lantaarnpaal kapot',
  'trouwen gemeente',
  'geboorte aangeven',
  'kwijtschelding',
  'paspord kwijt',
  'parking permit',
];

/**
 * HTTP latency of the anonymous `GET /api/public/kennisbank/search` on loopback: the kennisbank module with the
 * seeded demo corpus behind Fastify with the server's error handlers and the public routes, one keep-alive
 * client, requests one after another. The per-IP rate limit is raised for the run (one client sends them all).
 * Goal: p95 ≤ 10 ms.
 */
export async function runPublicKennisbankHttpBench(options: { rounds?: number } = {}): Promise<BenchResult> {
  const rounds = options.rounds ?? 50;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-bench-kennisbank-public-'));
  const db = openDatabase(dataDir);
  migrate(db, kennisbankMigrations.map(sqliteForm));
  const app = Fastify({ logger: false });
  registerErrorHandlers(app);
  const service = await createKennisbankService({
    store: openStore({ sqlite: db }),
    demo: true,
    log: app.log,
  });
  registerPublicKennisbankRoutes(app, { service, originAllowed: () => false, limit: 1_000_000 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const once = async (q: string) => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/public/kennisbank/search?q=${encodeURIComponent(q)}`);
      await res.json();
      if (res.status !== 200) throw new Error(`public search ${q} → ${res.status}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 5; i++) for (const q of QUERIES) await once(q); // warm-up (JIT, connection)
    const http: number[] = [];
    for (let r = 0; r < rounds; r++) for (const q of QUERIES) http.push(await once(q));
    http.sort((a, b) => a - b);
    const load = os.loadavg()[0]!.toFixed(1);
    const note = `${http.length} sequential requests (${QUERIES.length} queries × ${rounds}), loopback, keep-alive; load avg ${load} on ${os.cpus().length} cores`;
    return {
      rows: [
        {
          name: 'public kennisbank HTTP search p50',
          value: round(percentile(http, 50), 3),
          unit: 'ms',
          note,
        },
        {
          name: 'public kennisbank HTTP search p95',
          value: round(percentile(http, 95), 3),
          unit: 'ms',
          note: `${note}; goal ≤ 10 ms`,
        },
        {
          name: 'public kennisbank HTTP search p99',
          value: round(percentile(http, 99), 3),
          unit: 'ms',
          note,
        },
      ],
    };
  } finally {
    await app.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url))
  runDirectly('Public kennisbank search over HTTP', () => runPublicKennisbankHttpBench());
