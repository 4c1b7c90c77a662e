import { describe, expect, it } from 'vitest';
import { ContactFold, type StoredContactEvent } from './contact-fold';
import { LiveStats } from './live-stats';
import { localDay, localDayStart, startOfDayAmsterdam } from './local-day';
import { windowStats } from './service-level';

const SEC = 1000;
const MIN = 60 * SEC;
/** Local midnight Europe/Amsterdam between 15 and 16 January 2026 (CET: 23:00 UTC). */
const MIDNIGHT = startOfDayAmsterdam('2026-01-16');

let seq = 0;
const ev = (
  contactId: string,
  type: string,
  at: number,
  data?: Record<string, unknown>,
): StoredContactEvent => ({
  seq: ++seq,
  contactId,
  type,
  at,
  ...(type === 'assigned' || type === 'closed' ? { agentId: 'user-anna' } : {}),
  ...(data ? { data } : {}),
});

/** Feeds the events in order with a clock: the day rolls over when an event is at or after midnight. */
function run(events: StoredContactEvent[]): LiveStats {
  const fold = new ContactFold({ withinSeconds: () => 30, channelOf: () => undefined });
  const stats = new LiveStats(localDayStart(events[0]?.at ?? MIDNIGHT));
  const touched = { queues: new Set<string>(), agents: new Set<string>() };
  for (const e of events) {
    const dayStart = localDayStart(e.at);
    if (dayStart !== stats.day) stats.reset(dayStart);
    for (const f of fold.apply(e)) stats.apply(f, touched);
  }
  return stats;
}

describe('"today" across midnight (Europe/Amsterdam)', () => {
  it('counts a contact on the day it was answered or abandoned, handle times on the day they ended', () => {
    expect(localDay(MIDNIGHT - 2 * MIN)).toBe('2026-01-15');
    expect(localDay(MIDNIGHT + MIN)).toBe('2026-01-16');
    const q = { queueId: 'algemeen' };
    const events = [
      ...['c1', 'c2', 'c3', 'c4', 'c5'].map((id) =>
        ev(id, 'created', MIDNIGHT - 20 * MIN, { channel: 'telefoon' }),
      ),
      // c4: answered yesterday (23:51), closed today: only its handle time (11 min) counts today
      ev('c4', 'queued', MIDNIGHT - 10 * MIN, q),
      ev('c4', 'assigned', MIDNIGHT - 9 * MIN),
      // c1: arrived 23:58, answered 00:01 (wait 180 s, outside the 30 s norm), closed 00:05 (handle 4 min)
      ev('c1', 'queued', MIDNIGHT - 2 * MIN, q),
      // c2: arrived 23:59, abandoned 00:00:30 (90 s: a real abandon)
      ev('c2', 'queued', MIDNIGHT - MIN, q),
      // c3: arrived 23:59:58, abandoned 00:00:01 (3 s: a short abandon)
      ev('c3', 'queued', MIDNIGHT - 2 * SEC, q),
      ev('c3', 'abandoned', MIDNIGHT + SEC),
      ev('c2', 'abandoned', MIDNIGHT + 30 * SEC),
      ev('c1', 'assigned', MIDNIGHT + MIN),
      ev('c4', 'closed', MIDNIGHT + 2 * MIN),
      // c5: arrived and answered today within the norm (10 s)
      ev('c5', 'queued', MIDNIGHT + 2 * MIN, q),
      ev('c5', 'assigned', MIDNIGHT + 2 * MIN + 10 * SEC),
      ev('c1', 'closed', MIDNIGHT + 5 * MIN),
    ];
    const stats = run(events);
    expect(stats.day).toBe(MIDNIGHT);
    const today = windowStats(stats.today('algemeen'));
    expect(today).toEqual({
      offered: 3, // c1, c2, c5 (c3 is a short abandon)
      answered: 2, // c1, c5
      answeredWithinNorm: 1, // c5
      abandoned: 1, // c2
      shortAbandoned: 1, // c3
      serviceLevel: 1 / 3,
      asaSeconds: (180 + 10) / 2,
      ahtSeconds: (4 * 60 + 11 * 60) / 2,
      abandonRate: 1 / 3,
      handled: 2, // c1, c4
    });
  });

  it('leaves a contact that arrived and ended before midnight out of today', () => {
    const q = { queueId: 'algemeen' };
    const stats = run([
      ev('d1', 'created', MIDNIGHT - 10 * MIN, { channel: 'chat' }),
      ev('d1', 'queued', MIDNIGHT - 10 * MIN, q),
      ev('d1', 'assigned', MIDNIGHT - 9 * MIN),
      ev('d1', 'closed', MIDNIGHT - 5 * MIN),
      ev('d2', 'created', MIDNIGHT + MIN, { channel: 'chat' }),
      ev('d2', 'queued', MIDNIGHT + MIN, q),
    ]);
    expect(stats.today('algemeen')).toMatchObject({ offered: 1, answered: 0, handled: 0, abandoned: 0 });
  });
});
