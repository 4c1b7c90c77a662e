/**
 * SMTP ingest benchmark (issue 3): messages per second that the KCC server accepts over SMTP, each one parsed
 * (mailparser), sanitised, stored durably as an `email` contact with its first message and routed before the
 * 250 reply; next to a bare smtp-server sink (reads the data, answers 250) on the same machine in the same run.
 * Both run in their own process; the client is nodemailer with a pool of 4 connections.
 *
 *   npx tsx apps/server/bench/smtp.bench.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { isMain, round, runDirectly, type BenchResult, type BenchRow } from './bench-util';
import { freePort, startServerProcess } from './processes';
import { benchServerEnv, seedBenchStore } from './seed';

const MESSAGES = Number(process.env.SMTP_BENCH_MESSAGES ?? 1000);
const WARMUP = 50;
const CONNECTIONS = 4;
const BODY =
  'Geachte heer, mevrouw,\n\nIk wil graag weten wanneer mijn aanvraag voor een parkeervergunning klaar is.\n'.repeat(
    12,
  );

/** Child role: a bare sink that drains each message and answers 250. */
function runSink(): void {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    console.log(`SINK_PORT ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

async function startSink(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, SMTP_BENCH_ROLE: 'sink' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`sink exited ${code}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /SINK_PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

/** Send `count` distinct messages through a pool; returns messages/s after the warm-up. */
async function measure(port: number, runId: string): Promise<{ rate: number; failures: number }> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  });
  const send = (i: number) =>
    transport.sendMail({
      from: `Inwoner ${i} <inwoner${i}@example.nl>`,
      to: 'kcc@gemeente.example',
      subject: `Parkeervergunning ${i}`,
      messageId: `<${runId}-${i}@example.nl>`,
      text: BODY,
      html: `<p>${BODY.replace(/\n/g, '<br>')}</p>`,
    });
  let failures = 0;
  await Promise.all(Array.from({ length: WARMUP }, (_, i) => send(i).catch(() => failures++)));
  const started = performance.now();
  await Promise.all(Array.from({ length: MESSAGES }, (_, i) => send(WARMUP + i).catch(() => failures++)));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { rate: MESSAGES / seconds, failures };
}

export async function runSmtpBench(): Promise<BenchResult> {
  const runId = `bench-${Date.now()}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-smtp-bench-'));
  const seeded = await seedBenchStore(dataDir, { agents: 0, capacity: {} });
  const smtpPort = await freePort();
  const server = await startServerProcess(
    benchServerEnv(dataDir, seeded.tokenSecret, 'bench-integratie-sleutel', {
      KCC_SMTP_PORT: String(smtpPort),
    }),
  );
  const rows: BenchRow[] = [];
  try {
    const kcc = await measure(smtpPort, runId);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dataDir, 'kcc.sqlite'), { readonly: true });
    const stored = (
      db.prepare("SELECT COUNT(*) AS n FROM contacts WHERE channel = 'email'").get() as { n: number }
    ).n;
    db.close();
    rows.push(
      {
        name: 'SMTP ingest into KCC (parse, sanitise, store, route)',
        value: round(kcc.rate, 1),
        unit: 'messages/s',
        note: `${MESSAGES} msgs, ${CONNECTIONS} connections, ~${Math.round(BODY.length / 1024)} kB text + html`,
      },
      {
        name: 'SMTP ingest: e-mail contacts stored',
        value: stored,
        unit: 'contacts',
        note: `expected ${MESSAGES + WARMUP}; failures ${kcc.failures}`,
      },
    );
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const sink = await startSink();
  try {
    const bare = await measure(sink.port, `${runId}-sink`);
    rows.push({
      name: 'Floor: bare smtp-server sink',
      value: round(bare.rate, 1),
      unit: 'messages/s',
      note: `same client; failures ${bare.failures}`,
    });
  } finally {
    sink.stop();
  }
  return { rows };
}

if (process.env.SMTP_BENCH_ROLE === 'sink') runSink();
else if (isMain(import.meta.url)) runDirectly('SMTP ingest rate (issue 3)', runSmtpBench);
