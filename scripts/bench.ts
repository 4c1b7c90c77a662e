/**
 * `npm run bench`: every benchmark of the project in sequence, each printed as a markdown table with its goal
 * checks, and `docs/benchmarks.md` regenerated with the machine description (full runs only).
 *
 *   npx tsx --expose-gc scripts/bench.ts                       # all
 *   npx tsx --expose-gc scripts/bench.ts --only loopback,registration
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatValue, round, toMarkdown, type BenchRow } from '../apps/server/bench/bench-util';
import { LOOPBACK_ROWS } from '../apps/server/bench/loopback.bench';
import { RELAY_ROWS } from '../apps/server/bench/cobrowse-relay.bench';
import { REGISTRATION_ROWS } from '../apps/server/bench/registration.bench';
import { STORE_ROWS } from '../apps/server/bench/store.bench';
import { KI_CALLS, klantinteractiesRowName } from '../apps/server/bench/klantinteracties-api.bench';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = path.join(ROOT, 'docs/benchmarks.md');

interface GoalCheck {
  goal: string;
  measured: string;
  /** undefined: the row the goal needs was not in the result. */
  met: boolean | undefined;
}

interface BenchSpec {
  name: string;
  title: string;
  /** Relative to the repository root. */
  file: string;
  exportName: string;
  how: string;
  goals: (rows: BenchRow[]) => GoalCheck[];
}

interface Outcome {
  spec: BenchSpec;
  status: 'ok' | 'missing' | 'failed';
  rows: BenchRow[];
  goals: GoalCheck[];
  seconds: number;
  error?: string;
}

const byName = (rows: BenchRow[], name: string) => rows.find((r) => r.name === name);

function atMost(label: string, row: BenchRow | undefined, limit: number, unit: string): GoalCheck {
  const goal = `${label} ≤ ${formatValue(limit)} ${unit}`;
  if (!row) return { goal, measured: 'no such row', met: undefined };
  return { goal, measured: `${formatValue(row.value)} ${row.unit}`, met: row.value <= limit };
}

function atLeast(label: string, row: BenchRow | undefined, limit: number, unit: string): GoalCheck {
  const goal = `${label} ≥ ${formatValue(limit)} ${unit}`;
  if (!row) return { goal, measured: 'no such row', met: undefined };
  return { goal, measured: `${formatValue(row.value)} ${row.unit}`, met: row.value >= limit };
}

const BENCHES: BenchSpec[] = [
  {
    name: 'routing',
    title: 'Routing engine (in process)',
    file: 'packages/routing/bench/engine.bench.ts',
    exportName: 'runRoutingBench',
    how:
      'The pure routing engine in this process on one thread, with 500 agents, 20 queues and 5,000 waiting contacts. ' +
      'Assignment decisions (offers made) per second in steady state, where every decision is followed by accept, ' +
      'finish and a new arrival, and during a login burst; next to a naive full-scan router with the same policy ' +
      'measured in the same run.',
    goals: (rows) => [
      atLeast(
        'Assignment decisions/s, steady state',
        rows.find(
          (r) => r.unit === 'decisions/s' && /steady/i.test(r.name) && !/baseline|naive/i.test(r.name),
        ),
        50_000,
        'decisions/s',
      ),
    ],
  },
  {
    name: 'loopback',
    title: 'Inbound → offer over loopback',
    file: 'apps/server/bench/loopback.bench.ts',
    exportName: 'runLoopbackBench',
    how:
      'The sync server (`apps/server/src/main.ts`) runs in a child process on a temporary data dir seeded with the demo ' +
      'queues and 200 medewerkers (chat capacity 3). 200 socket.io clients connect to `/agent` and set `beschikbaar`; ' +
      'each accepts every offer, keeps the chat 1–3 s, registers it over HTTP and sets `beschikbaar` again (ending ' +
      'nawerk). Inbound chat webhooks are POSTed on an open-loop schedule of 50/s; latency is `performance.now()` just ' +
      'before the POST to the `contact:offered` event on the agent socket (same clock, same process), first 100 ' +
      'contacts are warm-up. The floor, in the same run: a bare socket.io server in a child process whose `echo` ' +
      'event acks the same JSON payload, one client, same rate and count. All clients share this process; the ' +
      "client's event-loop delay and send lag are reported so client-side noise is visible. The server logs at " +
      '`warn` (no per-request log lines). Each contact costs the server four commits (contact stored and offered, ' +
      'accept, registration with its routing outcome, presence); HTTP answers wait for one shared fdatasync of the ' +
      'WAL (KCC_DB_SYNCHRONOUS=full, see docs/decisions.md). The disk row measures the commit latency in the same ' +
      'run, and the server CPU row shows how much of the time was computation.',
    goals: (rows) => {
      const floor = byName(rows, LOOPBACK_ROWS.floorP99);
      const p99 = byName(rows, LOOPBACK_ROWS.p99);
      if (!floor || !p99)
        return [{ goal: 'p99 ≤ 3 × floor p99 + 5 ms', measured: 'no such row', met: undefined }];
      const limit = 3 * floor.value + 5;
      return [
        {
          goal: `p99 ≤ 3 × floor p99 + 5 ms (= ${formatValue(round(limit, 2))} ms)`,
          measured: `${formatValue(p99.value)} ms`,
          met: p99.value <= limit,
        },
      ];
    },
  },
  {
    name: 'registration',
    title: 'Durable registrations',
    file: 'apps/server/bench/registration.bench.ts',
    exportName: 'runRegistrationBench',
    how:
      'Agents hold seeded chat contacts (restored to them at server start). In process: `app.inject` into a server ' +
      'built by `createServer`, one `POST /api/contacts/:id/registration` (Bearer, Idempotency-Key, embedded ' +
      'Klantinteracties store) after the other for 8 s; this is the full route: auth, validation, the transaction ' +
      'with klantcontact, betrokkene, actorklantcontact, contact update, events and idempotency record, then the ' +
      'routing outcome (nawerk or closed), all in one commit, and the answer waits for the shared WAL fdatasync. ' +
      'Over HTTP: the server in a child process, 4 ' +
      'concurrent keep-alive clients for 8 s. Raw: every row the in-process run inserted or updated, found by ' +
      'comparing the database with a copy taken just before that run, written again into that copy with prepared ' +
      'better-sqlite3 statements, one transaction per registration, with the same durability guarantee (an fsync ' +
      'per commit) and the same opener and checkpointer as the server; the synchronous = NORMAL row shows how much ' +
      'of the raw cost the fsync is.',
    goals: (rows) => [
      atLeast('Registrations/s over HTTP', byName(rows, REGISTRATION_ROWS.http), 1_000, 'registrations/s'),
      atLeast('Registrations over HTTP vs raw', byName(rows, REGISTRATION_ROWS.httpVsRaw), 25, '% of raw'),
      atLeast(
        'Registrations/s in process',
        byName(rows, REGISTRATION_ROWS.inProcess),
        1_000,
        'registrations/s',
      ),
      atLeast(
        'Registrations in process vs raw',
        byName(rows, REGISTRATION_ROWS.inProcessVsRaw),
        25,
        '% of raw',
      ),
    ],
  },
  {
    name: 'store',
    title: 'Async store (Kysely) vs raw drivers',
    file: 'apps/server/bench/store.bench.ts',
    exportName: 'runStoreBench',
    how:
      'The write path of one repository moved to the async store (quick replies, `create`: one INSERT) through ' +
      'Kysely, next to the same rows written with the raw driver in the same run: a prepared better-sqlite3 ' +
      'statement on the server opener (WAL, synchronous = NORMAL), and `pool.query` with the same text on ' +
      'PostgreSQL (KCC_TEST_DATABASE_URL, else a throwaway cluster from scripts/pg-throwaway.sh). 2,000 rows one at ' +
      'a time per round; rounds alternate which side goes first; each side is the median of 7 rounds. One bare ' +
      'INSERT is the worst case for a query builder: its cost per statement is largest against the smallest query.',
    goals: (rows) => [
      atLeast('Kysely vs raw on SQLite', byName(rows, STORE_ROWS.sqliteRatio), 90, '% of raw'),
      atLeast('Kysely vs raw on PostgreSQL', byName(rows, STORE_ROWS.pgRatio), 90, '% of raw'),
    ],
  },
  {
    name: 'kennisbank',
    title: 'Kennisbank search (in process)',
    file: 'packages/kennisbank/bench/search.bench.ts',
    exportName: 'runKennisbankBench',
    how:
      'Build time, index memory (needs `--expose-gc`) and query latency p50/p95 of the kennisbank index on the ' +
      'shipped corpus and on a generated 100,000-document corpus, next to MiniSearch and Orama with default options ' +
      'measured in the same run.',
    goals: (rows) => [
      atMost('Query p95, shipped corpus', byName(rows, 'corpus kennisbank query p95'), 2, 'ms'),
      atMost('Query p95, 100,000 documents', byName(rows, '100k kennisbank query p95'), 20, 'ms'),
      atMost(
        'Slowest query shape, 100,000 documents',
        byName(rows, '100k kennisbank slowest query shape'),
        50,
        'ms',
      ),
    ],
  },
  {
    name: 'kennisbank-public-http',
    title: 'Public kennisbank search over HTTP (residents)',
    file: 'apps/server/bench/kennisbank-public-http.bench.ts',
    exportName: 'runPublicKennisbankHttpBench',
    how:
      'Anonymous `GET /api/public/kennisbank/search` over loopback: the kennisbank module with the demo corpus behind ' +
      "Fastify with the server's error handlers, one keep-alive client, requests one after another (rate limit raised).",
    goals: (rows) => [
      atMost('Public HTTP search p95', byName(rows, 'public kennisbank HTTP search p95'), 10, 'ms'),
    ],
  },
  {
    name: 'kennisbank-http',
    title: 'Kennisbank search over HTTP',
    file: 'apps/server/bench/kennisbank-http.bench.ts',
    exportName: 'runKennisbankHttpBench',
    how:
      '`GET /api/kennisbank/search` over loopback against a server in this process with the demo corpus, one ' +
      'keep-alive client, requests one after another.',
    goals: (rows) => [atMost('HTTP search p95', byName(rows, 'kennisbank HTTP search p95'), 10, 'ms')],
  },
  {
    name: 'klantbeeld',
    title: 'Klantbeeld composition from four registers',
    file: 'apps/server/bench/klantbeeld.bench.ts',
    exportName: 'runKlantbeeldBench',
    how:
      'The integraal klantbeeld composed from four mock registers on loopback, each answering with 50–200 ms delay, ' +
      'next to the same register calls made one after another in the same run.',
    goals: () => [],
  },
  {
    name: 'chat',
    title: 'Chat message latency, resident → agent',
    file: 'apps/server/bench/chat.bench.ts',
    exportName: 'runChatBench',
    how:
      'Resident → agent chat message latency over loopback with 500 concurrent chats, next to a plain socket.io ' +
      'round trip at the same rate in the same run.',
    goals: () => [],
  },
  {
    name: 'dashboard',
    title: 'Dashboard update latency under load',
    file: 'apps/server/bench/dashboard.bench.ts',
    exportName: 'runDashboardBench',
    how:
      'Assignment → visible delta on a `/dashboard` client with 500 agents and 50 contacts/s (server in its own ' +
      'process), with the server CPU and memory under that load.',
    goals: () => [],
  },
  {
    name: 'cobrowse',
    title: 'Co-browse (rrweb relay)',
    file: 'apps/server/bench/cobrowse.bench.ts',
    exportName: 'runCobrowseBench',
    how:
      'Debian Chromium against the server process, the built widget and the built workplace: a resident with a ' +
      'co-browse session (code, consent) and Anna watching in the workplace pane. Bytes of `cobrowse:events` frames ' +
      "the agent's page receives while a scripted resident fills in the demo parkeervergunning form (30 s), and on a " +
      '10,000-node page with a storm of 1,000 mutations every 100 ms; the resident’s synchronous time per batch ' +
      '(mutations plus the MutationObservers they trigger) and Chrome TaskDuration per batch, each next to the same ' +
      'storm without a session and with `@rrweb/record` alone (its default options, no masking or sending); latency from a DOM change on the resident page to the same text in the agent’s ' +
      'replay iframe (same machine clock), next to a bare socket.io echo round trip.',
    goals: (rows) => {
      const p99 = byName(rows, 'DOM change → agent replay p99');
      const floor = byName(rows, 'socket.io echo round trip p99 (floor)');
      const limit = floor ? 3 * floor.value + 50 : Number.NaN;
      return [
        atMost('Demo form', byName(rows, 'Demo form: bytes per minute while filling in'), 100, 'kB/min'),
        atMost(
          'Resident time per mutation batch (sync)',
          byName(rows, 'Resident mutation batch + observers (sync), recording'),
          50,
          'ms',
        ),
        {
          goal: 'DOM change → replay p99 ≤ 3 × echo p99 + 50 ms',
          measured:
            p99 && floor
              ? `${formatValue(p99.value)} ms (limit ${formatValue(round(limit, 1))} ms)`
              : 'no such row',
          met: p99 && floor ? p99.value <= limit : undefined,
        },
      ];
    },
  },
  {
    name: 'cobrowse-relay',
    title: 'Co-browse relay on several instances',
    file: 'apps/server/bench/cobrowse-relay.bench.ts',
    exportName: 'runCobrowseRelayBench',
    how:
      'A running co-browse session (phone code, consent) with the resident socket and the agent pane: once both on one ' +
      'server instance (state in memory), once the resident on instance A and the pane on instance B, two servers on ' +
      'one throwaway `redis-server` (KCC_REDIS_URL: shared state and the socket.io Redis Streams adapter). One ' +
      '`cobrowse:events` part of 881 characters at a time, from the emit on the resident socket to its arrival on ' +
      'the pane (the relay checks the session in the shared state for every part); 200 warm-up, 2,000 measured. ' +
      'Floor in the same run: a bare socket.io echo round trip with the same payload. Servers, Redis and clients on ' +
      'this machine; servers and clients share this process.',
    goals: (rows) => {
      const floor = byName(rows, RELAY_ROWS.floorP99);
      const cross = byName(rows, RELAY_ROWS.crossP99);
      const limit = floor ? 3 * floor.value + 50 : Number.NaN;
      return [
        {
          goal: 'Relay A → B p99 ≤ 3 × echo p99 + 50 ms (issue 12)',
          measured:
            cross && floor
              ? `${formatValue(cross.value)} ms (limit ${formatValue(round(limit, 1))} ms)`
              : 'no such row',
          met: cross && floor ? cross.value <= limit : undefined,
        },
      ];
    },
  },
  {
    name: 'smtp',
    title: 'SMTP ingest',
    file: 'apps/server/bench/smtp.bench.ts',
    exportName: 'runSmtpBench',
    how:
      'Messages per second through the SMTP channel (parse, sanitise, store, route) next to a bare smtp-server sink ' +
      'fed by the same client in the same run.',
    goals: () => [],
  },
  {
    name: 'klantinteracties',
    title: 'Klantinteracties API list calls (in process)',
    file: 'apps/server/bench/klantinteracties-api.bench.ts',
    exportName: 'runKlantinteractiesApiBench',
    how:
      'The embedded Klantinteracties API in this process (`app.inject` into Fastify: token auth, spec parameter ' +
      'check, filter SQL, count, page, serialisation with `_expand`) on an in-memory store seeded with 100,000 ' +
      'klantcontacten (each with a betrokkene and an actorklantcontact; every 2nd with an onderwerpobject, every ' +
      '4th with a digitaal adres of the betrokkene, every 10th with an interne taak) and 50,000 partijen (BSN ' +
      'identificator, phone number), then ANALYZE. One more afdeling has exactly 5 interne taken (3 open) in both sizes, so its row shows ' +
      'cost against table size for the same answer. The filtered and expanded calls KISS makes, 400 rounds each on ' +
      'varying partijen after 50 warm-up calls, p95; next to the same calls on 1,000 klantcontacten and 500 ' +
      'partijen in the same run.',
    goals: (rows) =>
      KI_CALLS.map((call) =>
        atMost(
          `${call}, 100k klantcontacten, p95`,
          byName(rows, klantinteractiesRowName(call, 'large')),
          20,
          'ms',
        ),
      ),
  },
];

// ---------------------------------------------------------------- machine

function osName(): string {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()}, ${os.arch()})`;
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()} (${os.arch()})`;
}

function cpuModel(): string {
  const fromOs = os.cpus()[0]?.model.trim();
  if (fromOs) return fromOs;
  try {
    return /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

function machine(): string[] {
  return [
    `- CPU: ${cpuModel()}, ${os.cpus().length} logical cores (os.availableParallelism ${os.availableParallelism()})`,
    `- RAM: ${round(os.totalmem() / 2 ** 30, 1)} GiB`,
    `- OS: ${osName()}`,
    `- Node: ${process.version}${typeof globalThis.gc === 'function' ? ' (--expose-gc)' : ''}`,
  ];
}

// ---------------------------------------------------------------- running

function parseOnly(argv: string[]): Set<string> | undefined {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--only') {
      const value = argv[++i];
      if (!value) throw new Error('--only needs a name, e.g. --only loopback');
      names.push(...value.split(','));
    } else if (arg.startsWith('--only=')) names.push(...arg.slice('--only='.length).split(','));
    else if (arg === '--help' || arg === '-h') {
      console.log(`Usage: tsx scripts/bench.ts [--only ${BENCHES.map((b) => b.name).join(',')}]`);
      process.exit(0);
    } else throw new Error(`Unknown argument: ${arg}`);
  }
  if (names.length === 0) return undefined;
  const known = new Set(BENCHES.map((b) => b.name));
  const unknown = names.filter((n) => !known.has(n.trim()));
  if (unknown.length > 0)
    throw new Error(`Unknown benchmark: ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return new Set(names.map((n) => n.trim()));
}

function validRows(value: unknown): BenchRow[] {
  const rows = (value as { rows?: unknown } | undefined)?.rows;
  if (!Array.isArray(rows)) throw new Error('the bench did not return { rows: [...] }');
  for (const r of rows as Partial<BenchRow>[]) {
    if (typeof r.name !== 'string' || typeof r.value !== 'number' || typeof r.unit !== 'string')
      throw new Error(`malformed row: ${JSON.stringify(r)}`);
  }
  return rows as BenchRow[];
}

async function runOne(spec: BenchSpec): Promise<Outcome> {
  const file = path.join(ROOT, spec.file);
  if (!fs.existsSync(file)) {
    return { spec, status: 'missing', rows: [], goals: [], seconds: 0, error: `${spec.file} not found` };
  }
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const run = mod[spec.exportName];
    if (typeof run !== 'function') throw new Error(`${spec.file} does not export ${spec.exportName}()`);
    const rows = validRows(await (run as () => Promise<unknown>)());
    return {
      spec,
      status: 'ok',
      rows,
      goals: spec.goals(rows),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return {
      spec,
      status: 'failed',
      rows: [],
      goals: [],
      seconds: (performance.now() - started) / 1000,
      error,
    };
  }
}

const mark = (met: boolean | undefined) => (met === undefined ? '?' : met ? '✓' : '✗');

function goalLines(goals: GoalCheck[]): string[] {
  return goals.map((g) => `- ${mark(g.met)} ${g.goal}: measured ${g.measured}`);
}

function section(o: Outcome, withHow: boolean): string {
  const lines = [`## ${o.spec.title}`, ''];
  if (withHow) lines.push(`How measured: ${o.spec.how}`, '');
  if (o.status === 'missing') lines.push(`Not run: ${o.error}.`);
  else if (o.status === 'failed')
    lines.push('Failed:', '', '```', (o.error ?? '').split('\n').slice(0, 8).join('\n'), '```');
  else {
    lines.push(toMarkdown(o.rows), '');
    if (o.goals.length > 0) lines.push('Goals:', '', ...goalLines(o.goals), '');
    lines.push(`(${round(o.seconds, 1)} s; source \`${o.spec.file}\`)`);
  }
  return lines.join('\n');
}

function writeDoc(
  outcomes: Outcome[],
  startedAt: Date,
  loadBefore: string,
  loadAfter: string,
  seconds: number,
) {
  const commit = gitCommit();
  const allGoals = outcomes.flatMap((o) => o.goals.map((g) => ({ bench: o.spec.title, ...g })));
  const cores = os.cpus().length;
  const busy = Math.max(...os.loadavg()) > cores * 0.75;
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (\`scripts/bench.ts\`) on ${startedAt.toISOString()}${commit ? ` at commit \`${commit}\`` : ''}, ` +
      `in ${round(seconds)} s. Every full run rewrites this file; do not edit it by hand. ` +
      'Run one benchmark with `npm run bench -- --only <name>` ' +
      `(${BENCHES.map((b) => `\`${b.name}\``).join(', ')}); partial runs print their tables but leave this file alone.`,
    '',
    '## Machine',
    '',
    ...machine(),
    `- Load average (1 / 5 / 15 min): ${loadBefore} at start, ${loadAfter} at the end`,
    '',
    busy
      ? `The load average exceeded ${cores * 0.75} on ${cores} cores during this run: other work shared the CPU and the disk, so the numbers are noisy; compare them with the floor and baseline rows of the same run rather than across runs.`
      : 'Each benchmark puts its own numbers next to a floor or baseline measured in the same run, so they can be compared on this machine.',
    '',
    '## Goals',
    '',
    '| Benchmark | Goal | Measured | Met |',
    '| --- | --- | --- | :---: |',
    ...allGoals.map((g) => `| ${g.bench} | ${g.goal} | ${g.measured} | ${mark(g.met)} |`),
    ...outcomes
      .filter((o) => o.status !== 'ok')
      .map(
        (o) =>
          `| ${o.spec.title} | — | ${o.status === 'missing' ? 'not run (file missing)' : 'failed'} | ? |`,
      ),
    '',
    ...outcomes.flatMap((o) => [section(o, true), '']),
  ];
  fs.writeFileSync(DOC, `${lines.join('\n').trimEnd()}\n`);
}

async function main(): Promise<void> {
  let only: Set<string> | undefined;
  try {
    only = parseOnly(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const selected = BENCHES.filter((b) => !only || only.has(b.name));
  const startedAt = new Date();
  const loadBefore = load();
  const t0 = performance.now();
  console.log('# Benchmarks\n');
  console.log([...machine(), `- Load average: ${loadBefore}`].join('\n'));
  if (typeof globalThis.gc !== 'function')
    console.log('\n(Started without --expose-gc: memory rows that need a forced GC show n/a.)');

  const outcomes: Outcome[] = [];
  for (const spec of selected) {
    console.log(`\n… running ${spec.name} (${spec.file})`);
    const outcome = await runOne(spec);
    outcomes.push(outcome);
    if (outcome.status === 'missing') console.log(`\n${spec.name}: skipped, ${outcome.error}.`);
    else console.log(`\n${section(outcome, false)}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const loadAfter = load();

  const goals = outcomes.flatMap((o) => o.goals);
  console.log(
    `\nGoals: ${goals.filter((g) => g.met).length} of ${goals.length} met` +
      `; ${outcomes.filter((o) => o.status === 'failed').length} failed, ${outcomes.filter((o) => o.status === 'missing').length} not found; ${round(seconds)} s.`,
  );
  if (only) console.log('Partial run (--only): docs/benchmarks.md not rewritten.');
  else {
    writeDoc(outcomes, startedAt, loadBefore, loadAfter, seconds);
    console.log(`Wrote ${path.relative(process.cwd(), DOC) || DOC}.`);
  }
  process.exit(outcomes.some((o) => o.status === 'failed') ? 1 : 0);
}

void main();
