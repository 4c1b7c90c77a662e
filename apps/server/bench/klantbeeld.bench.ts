/**
 * Klantbeeld composition benchmark: four registers (BRP, Open Zaak, Open Klant, KvK) as in-process HTTP mocks
 * on loopback, each request answered after a random 50–200 ms delay. Measures the parallel composition
 * (KlantbeeldService) p50/p95 next to the same register calls made one after another in the same run, and
 * next to the slowest single register.
 *
 *   npx tsx apps/server/bench/klantbeeld.bench.ts          # table, JSON on the last line
 *   npx tsx apps/server/bench/klantbeeld.bench.ts --json   # JSON only
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { createBrpConnector } from '../src/connectors/brp/brp-connector';
import { createKvkConnector } from '../src/connectors/kvk/kvk-connector';
import { createOpenKlantClient } from '../src/connectors/openklant/openklant-client';
import {
  createOpenKlantOutboxRepository,
  createOpenKlantOverdracht,
  OpenKlantOutbox,
  openKlantOutboxMigrations,
  openKlantOverdrachtMigrations,
  toOutboxRegistratie,
} from '../src/connectors/openklant/openklant-outbox';
import { migrateStore } from '../src/store/migrate-store';
import { openStore } from '../src/store/store';
import { createOpenKlantReader } from '../src/connectors/openklant/openklant-reader';
import { createOpenZaakConnector } from '../src/connectors/openzaak/openzaak-connector';
import { OPENKLANT_TOKEN, startOpenKlantMock } from '../test-support/connectors/openklant-mock';
import {
  BRP_API_KEY,
  KVK_API_KEY,
  OPENZAAK_CLIENT_ID,
  OPENZAAK_SECRET,
  startBrpMock,
  startKvkMock,
  startOpenZaakMock,
} from '../test-support/connectors/register-mocks';
import { KlantbeeldService } from '../src/modules/klantbeeld/klantbeeld.service';
import type { Registers } from '../src/modules/klantbeeld/ports';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const ROUNDS = 20;
const MIN_DELAY = 50;
const MAX_DELAY = 200;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? 0;
}
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Deterministic PRNG so runs are comparable. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function runKlantbeeldBench(): Promise<{ rows: BenchRow[] }> {
  const rand = mulberry32(20260820);
  const delay = () => MIN_DELAY + Math.floor(rand() * (MAX_DELAY - MIN_DELAY + 1));
  const [brpMock, zakenMock, kvkMock, okMock] = await Promise.all([
    startBrpMock(),
    startOpenZaakMock(),
    startKvkMock(),
    startOpenKlantMock(),
  ]);
  try {
    // Open Klant holds the resident with history (written through the outbox, before delays are switched on).
    const partij = okMock.seedPartij({
      bsn: '999993653',
      naam: { voornaam: 'Fatima', achternaam: 'El Amrani' },
      telefoon: '0612345678',
    });
    const okHttp = createOpenKlantClient({ url: okMock.base, token: OPENKLANT_TOKEN, timeoutMs: 5000 });
    const db = new Database(':memory:');
    const store = openStore({ sqlite: db });
    await migrateStore(store, openKlantOutboxMigrations);
    for (const m of openKlantOverdrachtMigrations) db.exec(m.sql);
    const outbox = new OpenKlantOutbox(
      { repository: createOpenKlantOutboxRepository(store), overdracht: createOpenKlantOverdracht(db) },
      okHttp,
    );
    for (const onderwerp of ['Bezwaar WOZ', 'Afvalpas kwijt']) {
      outbox.handOver(
        toOutboxRegistratie(
          {
            contact: { id: 'b', channel: 'telefoon', from: {} },
            medewerker: { userId: 'u', username: 'anna', name: 'Anna de Vries' },
            request: {
              onderwerp,
              gespreksresultaat: 'zelfstandig_afgehandeld',
              interneTaak: { gevraagdeHandeling: 'Terugbellen' },
            },
            at: new Date(),
          },
          { klantcontact: { uuid: randomUUID(), url: 'lokaal' } },
          { partijUuid: partij.uuid },
        ),
      );
    }
    await outbox.processDue();

    for (const m of [brpMock, zakenMock, okMock]) m.setDelay(delay);
    kvkMock.setDelay(delay);

    const timeoutMs = 5000;
    const registers: Registers = {
      brp: createBrpConnector({ url: `${brpMock.url}/haalcentraal/api/brp`, apiKey: BRP_API_KEY, timeoutMs }),
      zaken: createOpenZaakConnector({
        url: zakenMock.url,
        clientId: OPENZAAK_CLIENT_ID,
        secret: OPENZAAK_SECRET,
        timeoutMs,
      }),
      kvk: createKvkConnector({ url: `${kvkMock.url}/api`, apiKey: KVK_API_KEY, timeoutMs }),
      klantinteracties: createOpenKlantReader(okHttp),
    };
    const service = new KlantbeeldService(registers, {
      timeoutsMs: { brp: 10_000, zaken: 10_000, kvk: 10_000, klantinteracties: 10_000 },
    });
    const partijView = (await registers.klantinteracties.getPartij(partij.uuid))!;
    const doel = { doel: 'klantvraag_zonder_contact', doelOmschrijving: 'bench' };

    // Warm-up: compile nothing lazily inside the measured rounds (Catalogi cache, JIT).
    await service.compose({ partij: partijView, ...doel });

    const parallel: number[] = [];
    const sequential: number[] = [];
    const slowest: number[] = [];
    const perRegister: Record<string, number[]> = { brp: [], zaken: [], klantinteracties: [], kvk: [] };
    let failedSections = 0;
    for (let i = 0; i < ROUNDS; i++) {
      let composed: Awaited<ReturnType<typeof service.compose>> | undefined;
      parallel.push(
        await timed(async () => {
          // The integraal klantbeeld of a resident who also runs a company: four registers at once.
          const [k] = await Promise.all([
            service.compose({ partij: partijView, ...doel }).then((x) => (composed = x)),
            registers.kvk.basisprofiel('90001234'),
          ]);
          return k;
        }),
      );
      for (const s of [
        composed!.identiteit,
        composed!.zaken,
        composed!.klantcontacten,
        composed!.interneTaken,
      ]) {
        if (s.status !== 'beschikbaar') failedSections++;
      }
      const t = {
        brp: await timed(() => registers.brp.raadpleeg('999993653')),
        zaken: await timed(() => registers.zaken.zakenVanPersoon('999993653')),
        klantinteracties: await timed(async () => {
          await registers.klantinteracties.klantcontactenVan(partij.uuid, 50);
          await registers.klantinteracties.openInterneTakenVanPartij(partij.uuid);
        }),
        kvk: await timed(() => registers.kvk.basisprofiel('90001234')),
      };
      for (const [k, v] of Object.entries(t)) perRegister[k]!.push(v);
      sequential.push(t.brp + t.zaken + t.klantinteracties + t.kvk);
      slowest.push(Math.max(t.brp, t.zaken, t.klantinteracties, t.kvk));
    }
    const violations = [
      ...brpMock.violations,
      ...zakenMock.violations,
      ...kvkMock.violations,
      ...okMock.violations,
    ];
    const p50 = percentile(parallel, 50);
    return {
      rows: [
        {
          name: 'klantbeeld composition p50 (parallel, 4 registers)',
          value: round1(p50),
          unit: 'ms',
          note: `${ROUNDS} rounds, every request delayed ${MIN_DELAY}–${MAX_DELAY} ms`,
        },
        {
          name: 'klantbeeld composition p95 (parallel, 4 registers)',
          value: round1(percentile(parallel, 95)),
          unit: 'ms',
        },
        {
          name: 'same register calls one after another, p50',
          value: round1(percentile(sequential, 50)),
          unit: 'ms',
          note: 'sum of the four registers, measured in the same run',
        },
        {
          name: 'same register calls one after another, p95',
          value: round1(percentile(sequential, 95)),
          unit: 'ms',
        },
        {
          name: 'slowest single register, p50',
          value: round1(percentile(slowest, 50)),
          unit: 'ms',
          note: 'per round the max of the four; klantinteracties alone = history, then open interne taken (in the composition they run side by side)',
        },
        ...Object.entries(perRegister).map(([k, v]) => ({
          name: `register ${k} alone, p50`,
          value: round1(percentile(v, 50)),
          unit: 'ms',
        })),
        {
          name: 'parallel p50 / sequential p50',
          value: round1((p50 / percentile(sequential, 50)) * 100),
          unit: '%',
        },
        { name: 'sections not available during the run', value: failedSections, unit: 'count' },
        { name: 'spec violations in mock traffic', value: violations.length, unit: 'count' },
      ],
    };
  } finally {
    await Promise.all([brpMock.close(), zakenMock.close(), kvkMock.close(), okMock.close()]);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const json = process.argv.includes('--json');
  const { rows } = await runKlantbeeldBench();
  if (!json) {
    console.log('| metric | value | unit | note |\n|---|---:|---|---|');
    for (const r of rows) console.log(`| ${r.name} | ${r.value} | ${r.unit} | ${r.note ?? ''} |`);
  }
  console.log(JSON.stringify({ rows }));
}
