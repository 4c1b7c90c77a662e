/**
 * Replay a generated working day of telephony (CTI) events against a running KCC server
 * (docs/telefonie-cti.md). Deterministic for a seed; bounded in calls and speed.
 *
 *   npx tsx scripts/replay-cti-day.ts [--url http://127.0.0.1:4700] [--key demo-integratie-sleutel]
 *        [--calls 200] [--speed 600] [--seed 1] [--abandon 0.12] [--dry-run]
 *
 * Environment: KCC_URL and KCC_INTEGRATION_KEY are used when the flags are absent.
 * `--speed 600` plays one day-minute per 0.1 s (600× real time); `--speed 0` sends as fast as the server answers.
 * A call is offered, then either abandoned in the queue or ended after a talk time (the agent side is the
 * workplace: offers appear there as usual). Each event gets a stable eventId, so a second run with the same seed
 * is answered with `duplicate` (idempotency check).
 */
import { parseArgs } from 'node:util';

const MAX_CALLS = 5000;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    calls: { type: 'string', default: '200' },
    speed: { type: 'string', default: '600' },
    seed: { type: 'string', default: '1' },
    abandon: { type: 'string', default: '0.12' },
    'dry-run': { type: 'boolean', default: false },
  },
});

const baseUrl = (values.url ?? process.env.KCC_URL ?? 'http://127.0.0.1:4700').replace(/\/+$/, '');
const key = values.key ?? process.env.KCC_INTEGRATION_KEY ?? 'demo-integratie-sleutel';
const calls = Math.min(MAX_CALLS, Math.max(1, Number(values.calls)));
const speed = Math.max(0, Number(values.speed));
const abandonShare = Math.min(1, Math.max(0, Number(values.abandon)));
const seed = Number(values.seed);
if (![calls, speed, abandonShare, seed].every(Number.isFinite)) {
  console.error('Ongeldige parameters: --calls, --speed, --seed en --abandon zijn getallen.');
  process.exit(2);
}

/** mulberry32: small deterministic PRNG. */
function prng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CtiEvent {
  eventId: string;
  type: 'call.offered' | 'call.abandoned' | 'call.ended';
  callId: string;
  at: string;
  from?: string;
  to?: string;
}

/** A KCC day 08:00–17:00 with a morning peak: arrival times, caller numbers, dialled numbers, outcomes. */
function generateDay(): { at: number; event: CtiEvent }[] {
  const rand = prng(seed);
  const day = new Date();
  day.setHours(8, 0, 0, 0);
  const start = day.getTime();
  const span = 9 * 3600_000;
  const events: { at: number; event: CtiEvent }[] = [];
  for (let i = 0; i < calls; i++) {
    // Two thirds of the calls in the morning.
    const u = rand();
    const offset = u < 0.66 ? rand() * span * 0.45 : span * 0.45 + rand() * span * 0.55;
    const offeredAt = Math.round(start + offset);
    const callId = `replay-${seed}-${i}`;
    const from = `06${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    const to = rand() < 0.8 ? '14020' : '0201234567';
    const iso = (ms: number) => new Date(ms).toISOString();
    events.push({
      at: offeredAt,
      event: { eventId: `${callId}-offered`, type: 'call.offered', callId, at: iso(offeredAt), from, to },
    });
    if (rand() < abandonShare) {
      const after = offeredAt + Math.round(20_000 + rand() * 160_000);
      events.push({
        at: after,
        event: { eventId: `${callId}-abandoned`, type: 'call.abandoned', callId, at: iso(after) },
      });
    } else {
      const after = offeredAt + Math.round(60_000 + rand() * 420_000);
      events.push({
        at: after,
        event: { eventId: `${callId}-ended`, type: 'call.ended', callId, at: iso(after) },
      });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

async function main(): Promise<void> {
  const events = generateDay();
  console.log(
    `${calls} gesprekken, ${events.length} events naar ${baseUrl} (seed ${seed}, snelheid ${speed || 'max'}×)`,
  );
  if (values['dry-run']) {
    for (const e of events.slice(0, 10)) console.log(JSON.stringify(e.event));
    return;
  }
  const counts = new Map<string, number>();
  const first = events[0]?.at ?? 0;
  const wallStart = performance.now();
  for (const { at, event } of events) {
    if (speed > 0) {
      const due = (at - first) / speed;
      const wait = due - (performance.now() - wallStart);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    let outcome: string;
    try {
      const res = await fetch(`${baseUrl}/api/channels/telefonie/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-integration-key': key },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json().catch(() => ({}))) as { status?: string; title?: string };
      outcome = res.ok ? (body.status ?? String(res.status)) : `${res.status} ${body.title ?? ''}`.trim();
      if (res.status === 401) {
        console.error('De integratiesleutel klopt niet (--key of KCC_INTEGRATION_KEY).');
        process.exit(1);
      }
    } catch (err) {
      outcome = `netwerkfout: ${(err as Error).message}`;
    }
    const k = `${event.type} → ${outcome}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  console.log(`Klaar in ${((performance.now() - wallStart) / 1000).toFixed(1)} s:`);
  for (const [k, n] of [...counts].sort()) console.log(`  ${k}: ${n}`);
}

void main();
