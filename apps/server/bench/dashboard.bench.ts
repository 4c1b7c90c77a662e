/**
 * Dashboard update latency under load: 500 bot agents, 50 contacts/s. Latency is "event → visible delta": from the
 * moment an agent's accept ack arrives (the assignment is committed on the server) to the first `dashboard:delta`
 * on a `/dashboard` client that shows that agent holding that contact. Both clocks are this process's
 * `performance.now()`. Server CPU and memory come from /proc of the server child process.
 *
 *   npx tsx apps/server/bench/dashboard.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exponential, mulberry32 } from '@kcc/routing/simulator';
import { simUsername, SIM_AGENT_PASSWORD } from '../src/modules/dashboard/sim-agents';
import { login, sendInbound, SimAgent } from '../test-support/simulation/sim-agent';
import { connectDashboard } from '../test-support/dashboard-client';
import {
  isMain,
  openLoop,
  percentile,
  round,
  runDirectly,
  sleep,
  sortedCopy,
  withLoopDelay,
  type BenchResult,
} from './bench-util';
import { processCpuMs, startServerProcess } from './processes';

const AGENTS = 500;
const RATE = 50;
const SECONDS = 20;
const WARMUP = 100;
const MEAN_HANDLE_S = 4;
const INTEGRATION_KEY = 'dashboard-bench-sleutel';

function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function runDashboardBench(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-dashboard-bench-'));
  const server = await startServerProcess({
    KCC_DATA_DIR: dataDir,
    KCC_LOG_LEVEL: 'warn',
    KCC_INTEGRATION_KEY: INTEGRATION_KEY,
    KCC_SMTP_PORT: '0',
    KCC_WRAP_UP_MS: '1000',
    KCC_SIM_AGENTS: String(AGENTS),
    KCC_WORKPLACE_DIR: path.join(dataDir, 'no-workplace'),
  });
  const bots: SimAgent[] = [];
  try {
    const random = mulberry32(7);
    const assignedAt = new Map<string, { agentId: string; at: number; measured: boolean }>();
    const latencies: number[] = [];
    let errors = 0;
    let registered = 0;
    let sent = 0;
    for (let i = 1; i <= AGENTS; i++) {
      bots.push(
        new SimAgent(
          server.url,
          simUsername(i),
          SIM_AGENT_PASSWORD,
          {
            handleMs: () => exponential(random, MEAN_HANDLE_S * 1000),
            gespreksresultaat: () => 'zelfstandig_afgehandeld',
            onderwerp: () => 'Benchmark',
          },
          {
            onAssigned: (agentId, contact, at) =>
              assignedAt.set(contact.id, {
                agentId,
                at,
                measured: Number(contact.externalId.slice(6)) >= WARMUP,
              }),
            onRegistered: () => registered++,
            onError: () => errors++,
          },
        ),
      );
    }
    // Log in a few at a time (scrypt per login), then all go beschikbaar.
    for (let i = 0; i < bots.length; i += 20) await Promise.all(bots.slice(i, i + 20).map((b) => b.start()));

    const view = await connectDashboard(server.url, (await login(server.url, 'tess', 'demo')).token);
    let deltaCount = 0;
    let deltaBytes = 0;
    view.onDelta = (delta) => {
      const now = performance.now();
      deltaCount++;
      deltaBytes += JSON.stringify(delta).length;
      for (const agent of delta.agents) {
        for (const c of agent.contacts) {
          const a = assignedAt.get(c.id);
          if (!a || a.agentId !== agent.id) continue;
          if (a.measured) latencies.push(now - a.at);
          assignedAt.delete(c.id);
        }
      }
    };

    const cpuBefore = processCpuMs(server.pid);
    const t0 = performance.now();
    const count = RATE * SECONDS;
    const { result: loop, p99Ms: clientLoopP99 } = await withLoopDelay(() =>
      openLoop(count, RATE, (i) => {
        sent++;
        sendInbound(server.url, INTEGRATION_KEY, { channel: 'telefoon', externalId: `bench-${i}` }).catch(
          () => errors++,
        );
      }),
    );
    const elapsedS = (performance.now() - t0) / 1000;
    const cpuAfter = processCpuMs(server.pid);
    const rss = rssMb(server.pid);
    await sleep(1500); // let the last deltas arrive
    view.socket.disconnect();

    const sorted = sortedCopy(latencies);
    const missing = [...assignedAt.values()].filter((a) => a.measured).length;
    const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
    const lagP99 = percentile(sortedCopy(loop.lagMs), 99);
    const note = `${AGENTS} agents, ${RATE} contacts/s for ${SECONDS} s (telefoon, mean handle ${MEAN_HANDLE_S} s, nawerk 1 s); first ${WARMUP} contacts warm-up; server in a child process`;
    return {
      rows: [
        {
          name: 'Dashboard: assignment → visible delta, p50',
          value: round(percentile(sorted, 50), 1),
          unit: 'ms',
          note,
        },
        {
          name: 'Dashboard: assignment → visible delta, p99',
          value: round(percentile(sorted, 99), 1),
          unit: 'ms',
          note: `${latencies.length} measured, ${missing} not seen (assigned and finished within one 250 ms coalescing window); deltas are coalesced to ≤ 4/s (250 ms), so up to 250 ms is by design; client loop delay p99 ${round(clientLoopP99, 1)} ms, send lag p99 ${round(lagP99, 1)} ms`,
        },
        {
          name: 'Dashboard: deltas received',
          value: round(deltaCount / elapsedS, 2),
          unit: 'deltas/s',
          note: `${deltaCount} deltas, mean ${round(deltaBytes / Math.max(1, deltaCount) / 1024, 1)} KiB each`,
        },
        {
          name: 'Server CPU under load',
          value: cpuMs !== undefined ? round((cpuMs / (elapsedS * 1000)) * 100, 1) : Number.NaN,
          unit: '% of one core',
          note: `user + system from /proc over the ${round(elapsedS, 1)} s schedule; ${sent} contacts, ${registered} registered, ${errors} errors`,
        },
        {
          name: 'Server CPU per contact',
          value: cpuMs !== undefined ? round(cpuMs / sent, 2) : Number.NaN,
          unit: 'ms',
          note: 'inbound, routing, accept, registration, nawerk and the dashboard read model',
        },
        {
          name: 'Server memory (RSS) under load',
          value: rss !== undefined ? round(rss, 0) : Number.NaN,
          unit: 'MiB',
          note: 'VmRSS at the end of the schedule',
        },
      ],
    };
  } finally {
    for (const b of bots) b.stop();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) runDirectly('Dashboard under load', runDashboardBench);
