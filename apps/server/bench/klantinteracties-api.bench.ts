/**
 * Klantinteracties API benchmark (issue 13): filtered and expanded list calls as KISS makes them, in process
 * (`app.inject` into Fastify with the embedded API), on a store with 100,000 klantcontacten and 50,000 partijen,
 * next to the same calls on 1,000 klantcontacten and 500 partijen measured in the same run.
 *
 *   npx tsx apps/server/bench/klantinteracties-api.bench.ts
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/store';
import fastify, { type FastifyInstance } from 'fastify';
import { createKlantinteracties, klantinteractiesMigrations } from '../src/modules/klantinteracties/index';
import {
  isMain,
  percentile,
  round,
  runDirectly,
  sortedCopy,
  type BenchResult,
  type BenchRow,
} from './bench-util';

const TOKEN = 'bench-token';
const BASE = 'http://127.0.0.1:4700';
const WARMUP = 50;
const ROUNDS = 400;

export const KI_CALLS = [
  'history of a partij (klantcontacten, 3 expands)',
  'betrokkenen by wasPartij__url',
  'partij by BSN, expand digitaleAdressen',
  'digitaal adres by phone, expand verstrektDoorBetrokkene',
  'klantcontacten by BSN of a betrokkene',
  'open interne taken of an actor, page of 20',
  'open interne taken of an actor with 5 taken',
] as const;

export const klantinteractiesRowName = (call: string, size: 'large' | 'small') =>
  `${size === 'large' ? '100k klantcontacten' : '1k klantcontacten'}: ${call}, p95`;

interface World {
  app: FastifyInstance;
  db: Database.Database;
  partijen: { uuid: string; bsn: string; phone: string }[];
  actoren: string[];
  /** An afdeling with exactly 5 taken (3 open) in both worlds: the same answer on 1k and on 100k. */
  kleineAfdeling: string;
}

/** A valid BSN (11-proef) from a running number. */
function bsnOf(n: number): string {
  const digits = String(100_000_000 + n)
    .slice(1, 9)
    .split('')
    .map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0);
  for (let last = 0; last <= 9; last++) {
    if ((sum - last) % 11 === 0 && !(digits.every((d) => d === 0) && last === 0))
      return digits.join('') + last;
  }
  return bsnOf(n + 50_000_000);
}

/** Rows written straight into the store's tables (the API's own writes are far too slow to seed 100,000). */
function seed(db: Database.Database, partijen: number, klantcontacten: number): Omit<World, 'app' | 'db'> {
  const now = new Date('2025-06-01T08:00:00Z').getTime();
  const out: Omit<World, 'app' | 'db'> = { partijen: [], actoren: [], kleineAfdeling: randomUUID() };
  const insertPartij = db.prepare(
    `INSERT INTO ki_partijen (uuid, soort_partij, indicatie_actief, identificatie_json, naam, naam_zoek, created_at)
     VALUES (?, 'persoon', 1, ?, ?, ?, ?)`,
  );
  const insertPi = db.prepare(
    `INSERT INTO ki_partij_identificatoren (uuid, partij_uuid, code_objecttype, code_soort_object_id, object_id, code_register)
     VALUES (?, ?, 'natuurlijk_persoon', 'bsn', ?, 'brp')`,
  );
  const insertDa = db.prepare(
    `INSERT INTO ki_digitale_adressen (uuid, partij_uuid, betrokkene_uuid, soort_digitaal_adres, adres, adres_match,
       is_standaard_adres, created_at) VALUES (?, ?, ?, 'telefoonnummer', ?, ?, ?, ?)`,
  );
  const insertActor = db.prepare(
    `INSERT INTO ki_actoren (uuid, naam, soort_actor, created_at) VALUES (?, ?, 'organisatorische_eenheid', ?)`,
  );
  const insertKc = db.prepare(
    `INSERT INTO ki_klantcontacten (uuid, kanaal, onderwerp, inhoud, taal, vertrouwelijk, plaatsgevonden_op,
       plaatsgevonden_ms, created_at) VALUES (?, ?, ?, ?, 'nld', 0, ?, ?, ?)`,
  );
  const insertB = db.prepare(
    `INSERT INTO ki_betrokkenen (uuid, klantcontact_uuid, partij_uuid, rol, initiator, contactnaam_json, created_at)
     VALUES (?, ?, ?, 'klant', 1, ?, ?)`,
  );
  const insertO = db.prepare(
    `INSERT INTO ki_onderwerpobjecten (uuid, klantcontact_uuid, identificator_json, code_objecttype, code_register,
       code_soort_object_id, object_id, created_at) VALUES (?, ?, ?, 'zaak', 'open-zaak', 'uuid', ?, ?)`,
  );
  const insertAk = db.prepare(
    'INSERT INTO ki_actorklantcontacten (uuid, actor_uuid, klantcontact_uuid, created_at) VALUES (?, ?, ?, ?)',
  );
  const insertT = db.prepare(
    `INSERT INTO ki_interne_taken (uuid, gevraagde_handeling, klantcontact_uuid, status, toegewezen_op, created_at)
     VALUES (?, 'Terugbellen', ?, ?, ?, ?)`,
  );
  const insertTa = db.prepare(
    'INSERT INTO ki_interne_taak_actoren (interne_taak_uuid, actor_uuid, position) VALUES (?, ?, 0)',
  );
  db.transaction(() => {
    const iso = new Date(now).toISOString();
    for (let i = 0; i < 20; i++) {
      const uuid = randomUUID();
      insertActor.run(uuid, `Afdeling ${i}`, iso);
      out.actoren.push(uuid);
    }
    insertActor.run(out.kleineAfdeling, 'Kleine afdeling', iso);
    for (let i = 0; i < partijen; i++) {
      const uuid = randomUUID();
      const bsn = bsnOf(i + 1);
      const phone = `06${String(10_000_000 + i).slice(-8)}`;
      const naam = `Inwoner ${i}`;
      insertPartij.run(
        uuid,
        JSON.stringify({ contactnaam: { achternaam: naam } }),
        naam,
        naam.toLowerCase(),
        iso,
      );
      insertPi.run(randomUUID(), uuid, bsn);
      insertDa.run(randomUUID(), uuid, null, phone, phone, 1, iso);
      out.partijen.push({ uuid, bsn, phone });
    }
    const onderwerpen = [
      'Afvalpas kwijt',
      'Bezwaar WOZ-waarde',
      'Paspoort aanvragen',
      'Parkeervergunning',
      'Verhuizing',
    ];
    for (let i = 0; i < klantcontacten; i++) {
      const uuid = randomUUID();
      const at = now - i * 60_000;
      const p = out.partijen[i % partijen]!;
      insertKc.run(
        uuid,
        i % 3 === 0 ? 'telefoon' : 'chat',
        onderwerpen[i % 5],
        `Vraag ${i}`,
        new Date(at).toISOString(),
        at,
        iso,
      );
      const b = randomUUID();
      insertB.run(b, uuid, p.uuid, JSON.stringify({ achternaam: `Inwoner ${i % partijen}` }), iso);
      if (i % 4 === 0) insertDa.run(randomUUID(), null, b, p.phone, p.phone, 0, iso);
      if (i % 2 === 0) {
        const zaak = randomUUID();
        insertO.run(
          randomUUID(),
          uuid,
          JSON.stringify({
            objectId: zaak,
            codeObjecttype: 'zaak',
            codeRegister: 'open-zaak',
            codeSoortObjectId: 'uuid',
          }),
          zaak,
          iso,
        );
      }
      insertAk.run(randomUUID(), out.actoren[i % 20], uuid, iso);
      if (i % 10 === 0) {
        const t = randomUUID();
        const k = i / 10;
        insertT.run(t, uuid, k % 3 === 0 ? 'verwerkt' : 'te_verwerken', new Date(at).toISOString(), iso);
        insertTa.run(t, out.actoren[k % 20]);
      }
      if (i % 10 === 1 && i < 50) {
        const t = randomUUID();
        insertT.run(t, uuid, i < 30 ? 'te_verwerken' : 'verwerkt', new Date(at).toISOString(), iso);
        insertTa.run(t, out.kleineAfdeling);
      }
    }
  })();
  db.exec('ANALYZE');
  return out;
}

/** Exported for probing query plans by hand. */
export async function buildWorld(partijen: number, klantcontacten: number): Promise<World> {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of klantinteractiesMigrations) db.transaction(() => db.exec(m.sqlite!))();
  const data = seed(db, partijen, klantcontacten);
  const ki = createKlantinteracties({
    store: openStore({ sqlite: db }),
    publicBaseUrl: BASE,
    now: () => new Date(),
  });
  const app = fastify({ logger: false });
  ki.registerApi(app, { token: TOKEN });
  await app.ready();
  return { app, db, ...data };
}

export function urlFor(call: (typeof KI_CALLS)[number], w: World, i: number): string {
  const p = w.partijen[(i * 7919) % w.partijen.length]!;
  const api = '/klantinteracties/api/v1';
  switch (call) {
    case 'history of a partij (klantcontacten, 3 expands)':
      return `${api}/klantcontacten?hadBetrokkene__wasPartij__uuid=${p.uuid}&expand=hadBetrokkenen,leiddeTotInterneTaken,gingOverOnderwerpobjecten&pageSize=50`;
    case 'betrokkenen by wasPartij__url':
      return `${api}/betrokkenen?wasPartij__url=${encodeURIComponent(`${BASE}${api}/partijen/${p.uuid}`)}&expand=digitaleAdressen`;
    case 'partij by BSN, expand digitaleAdressen':
      return `${api}/partijen?soortPartij=persoon&partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId=${p.bsn}&expand=digitaleAdressen`;
    case 'digitaal adres by phone, expand verstrektDoorBetrokkene':
      return `${api}/digitaleadressen?soortDigitaalAdres=telefoonnummer&adres=${p.phone}&expand=verstrektDoorBetrokkene`;
    case 'klantcontacten by BSN of a betrokkene':
      return `${api}/klantcontacten?hadBetrokkene__wasPartij__partijIdentificator__objectId=${p.bsn}&pageSize=50`;
    case 'open interne taken of an actor, page of 20':
      return `${api}/internetaken?status=te_verwerken&toegewezenAanActor__uuid=${w.actoren[i % w.actoren.length]}&pageSize=20`;
    case 'open interne taken of an actor with 5 taken':
      return `${api}/internetaken?status=te_verwerken&toegewezenAanActor__uuid=${w.kleineAfdeling}&pageSize=20`;
  }
}

async function measure(w: World, call: (typeof KI_CALLS)[number]): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const url = urlFor(call, w, i);
    const started = performance.now();
    const res = await w.app.inject({ method: 'GET', url, headers: { authorization: `Token ${TOKEN}` } });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    const body = JSON.parse(res.body) as { count: number };
    if (body.count < 1) throw new Error(`${url} found nothing: the bench would measure an empty answer`);
    if (i >= WARMUP) times.push(ms);
  }
  const sorted = sortedCopy(times);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

export async function runKlantinteractiesApiBench(): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const seedStarted = performance.now();
  const large = await buildWorld(50_000, 100_000);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const small = await buildWorld(500, 1_000);
  for (const call of KI_CALLS) {
    const big = await measure(large, call);
    const base = await measure(small, call);
    rows.push({
      name: klantinteractiesRowName(call, 'large'),
      value: round(big.p95, 2),
      unit: 'ms',
      note: `p50 ${round(big.p50, 2)} ms`,
    });
    rows.push({
      name: klantinteractiesRowName(call, 'small'),
      value: round(base.p95, 2),
      unit: 'ms',
      note: `p50 ${round(base.p50, 2)} ms; on 100× the data p95 ${round(big.p95 / base.p95, 1)}×, p50 ${round(big.p50 / base.p50, 1)}×`,
    });
  }
  rows.push({
    name: 'Seeding 100,000 klantcontacten and 50,000 partijen',
    value: round(seedSeconds, 1),
    unit: 's',
    note: `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end of the run`,
  });
  await large.app.close();
  await small.app.close();
  return { rows };
}

if (isMain(import.meta.url))
  runDirectly('Klantinteracties API list calls (in process)', runKlantinteractiesApiBench);
