import { describe, expect, it } from 'vitest';
import type { StoredAgentEvent, StoredContactEvent } from './contact-fold';
import { localDayStart, startOfDayAmsterdam } from './local-day';
import { OccupancyTracker, occupancyRatio, occupancyStats } from './occupancy';

const MIN = 60_000;
/** 2026-03-10 (CET, UTC+1): local clock time → epoch ms. */
const DAY = startOfDayAmsterdam('2026-03-10');
const at = (hh: number, mm: number) => DAY + (hh * 60 + mm) * MIN;

let seq = 0;
const presence = (agentId: string, p: string, time: number): StoredAgentEvent => ({
  seq: ++seq,
  agentId,
  type: 'presence-changed',
  at: time,
  data: { presence: p },
});
const contact = (contactId: string, type: string, time: number, agentId?: string): StoredContactEvent => ({
  seq: ++seq,
  contactId,
  type,
  at: time,
  ...(agentId !== undefined ? { agentId } : {}),
});

function feed(tracker: OccupancyTracker, events: (StoredAgentEvent | StoredContactEvent)[]): void {
  for (const e of events) {
    if ('contactId' in e) tracker.applyContactEvent(e);
    else tracker.applyAgentEvent(e);
  }
}

describe('occupancy (bezetting)', () => {
  // Hand-computed: A is available 10:00–10:20 and 10:30–10:40 (30 min), busy 10:05–10:15 (10 min: talk 10:05–10:12,
  // nawerk 10:12–10:15). B is available 10:10–10:30 (20 min), busy 10:10–10:25 (15 min, then the contact went
  // back to the queue). Pauze (A 10:20–10:30) and offline (B after 10:30) do not count.
  const day = () => {
    const tracker = new OccupancyTracker(localDayStart(at(10, 0)));
    feed(tracker, [
      presence('a', 'beschikbaar', at(10, 0)),
      contact('c1', 'assigned', at(10, 5), 'a'),
      presence('b', 'beschikbaar', at(10, 10)),
      contact('c2', 'assigned', at(10, 10), 'b'),
      contact('c1', 'registered', at(10, 12), 'a'),
      contact('c1', 'nawerk', at(10, 12), 'a'),
      presence('a', 'nawerk', at(10, 12)),
      presence('a', 'beschikbaar', at(10, 15)),
      contact('c1', 'closed', at(10, 15), 'a'),
      presence('a', 'pauze', at(10, 20)),
      contact('c2', 'requeued', at(10, 25), 'b'),
      presence('a', 'beschikbaar', at(10, 30)),
      presence('b', 'offline', at(10, 30)),
    ]);
    return tracker;
  };

  it('is busy time over available time per agent and over a team, today up to now', () => {
    const tracker = day();
    const now = at(10, 40);
    expect(tracker.today(['a'], now)).toEqual({ busyMs: 10 * MIN, availableMs: 30 * MIN });
    expect(tracker.today(['b'], now)).toEqual({ busyMs: 15 * MIN, availableMs: 20 * MIN });
    const team = tracker.today(['a', 'b'], now);
    expect(team).toEqual({ busyMs: 25 * MIN, availableMs: 50 * MIN });
    expect(occupancyRatio(team)).toBe(0.5);
    expect(occupancyStats(team)).toEqual({
      occupancy: 0.5,
      busyAgentSeconds: 1500,
      availableAgentSeconds: 3000,
    });
    // Nobody available: no figure rather than 0 %.
    expect(occupancyStats(tracker.today(['nobody'], now)).occupancy).toBeNull();
  });

  it('uses the minutes of the last-30-minutes window (the current minute and the 29 before it)', () => {
    const tracker = day();
    // Window at 10:40 starts at 10:11. A: available 10:11–10:20 + 10:30–10:40 = 19 min, busy 10:11–10:15 = 4 min.
    // B: available 10:11–10:30 = 19 min, busy 10:11–10:25 = 14 min.
    expect(tracker.recent(['a'], at(10, 40))).toEqual({ busyMs: 4 * MIN, availableMs: 19 * MIN });
    expect(tracker.recent(['b'], at(10, 40))).toEqual({ busyMs: 14 * MIN, availableMs: 19 * MIN });
    // The open segment counts up to now, within the current minute too.
    expect(tracker.recent(['a'], at(10, 40) + 30_000)).toEqual({
      busyMs: 4 * MIN,
      availableMs: 19 * MIN + 30_000,
    });
  });

  it('counts an agent with several contacts once, and a warm transfer lets the holder go', () => {
    const tracker = new OccupancyTracker(localDayStart(at(9, 0)));
    feed(tracker, [
      presence('a', 'beschikbaar', at(9, 0)),
      contact('x', 'assigned', at(9, 0), 'a'),
      contact('y', 'assigned', at(9, 2), 'a'),
      contact('x', 'closed', at(9, 4), 'a'),
      // y is offered to colleague b: a lets go at once
      contact('y', 'offered', at(9, 6), 'b'),
    ]);
    expect(tracker.today(['a'], at(9, 10))).toEqual({ busyMs: 6 * MIN, availableMs: 10 * MIN });
  });

  it('starts today at midnight; the recent window still sees the minutes before it', () => {
    const tracker = new OccupancyTracker(DAY);
    const midnight = startOfDayAmsterdam('2026-03-11');
    feed(tracker, [
      presence('a', 'beschikbaar', midnight - 10 * MIN),
      contact('c', 'assigned', midnight - 5 * MIN, 'a'),
    ]);
    tracker.reset(midnight);
    const now = midnight + 10 * MIN;
    expect(tracker.today(['a'], now)).toEqual({ busyMs: 10 * MIN, availableMs: 10 * MIN });
    expect(tracker.recent(['a'], now)).toEqual({ busyMs: 15 * MIN, availableMs: 20 * MIN });
  });

  it('seeds a presence without counting the time before it (replay start, restart)', () => {
    const tracker = new OccupancyTracker(DAY);
    tracker.seedPresence('a', 'beschikbaar', at(8, 0));
    feed(tracker, [contact('c', 'assigned', at(8, 30), 'a')]);
    expect(tracker.today(['a'], at(9, 0))).toEqual({ busyMs: 30 * MIN, availableMs: 60 * MIN });
    // Ignores events whose presence it does not know.
    expect(tracker.applyAgentEvent(presence('a', 'koffie', at(9, 0)))).toBeUndefined();
  });
});

describe('occupancy per queue', () => {
  it("counts a queue's busy time on its own contacts only: shared segments split, nawerk for the last queue", () => {
    const tracker = new OccupancyTracker(localDayStart(at(10, 0)));
    const events: [StoredAgentEvent | StoredContactEvent, string?][] = [
      [presence('a', 'beschikbaar', at(10, 0))],
      [contact('c1', 'assigned', at(10, 5), 'a'), 'algemeen'],
      [contact('c1', 'closed', at(10, 15), 'a')],
      [contact('c2', 'assigned', at(10, 20), 'a'), 'wmo'],
      [contact('c3', 'assigned', at(10, 20), 'a'), 'algemeen'],
      [contact('c2', 'closed', at(10, 30), 'a')],
      [contact('c3', 'closed', at(10, 30), 'a')],
      [presence('a', 'nawerk', at(10, 30))],
      [presence('a', 'beschikbaar', at(10, 35))],
    ];
    for (const [e, queueId] of events) {
      if ('contactId' in e) tracker.applyContactEvent(e, queueId);
      else tracker.applyAgentEvent(e);
    }
    const now = at(10, 40);
    // algemeen: 10 min (c1) + 5 min (half of c2+c3) + 5 min nawerk after c3; wmo: the other half of c2+c3
    expect(tracker.today(['a'], now, 'algemeen')).toEqual({ busyMs: 20 * MIN, availableMs: 40 * MIN });
    expect(tracker.today(['a'], now, 'wmo')).toEqual({ busyMs: 5 * MIN, availableMs: 40 * MIN });
    expect(tracker.today(['a'], now, 'belastingen')).toEqual({ busyMs: 0, availableMs: 40 * MIN });
    expect(tracker.today(['a'], now)).toEqual({ busyMs: 25 * MIN, availableMs: 40 * MIN });
    expect(tracker.recent(['a'], now, 'wmo')).toMatchObject({ busyMs: 5 * MIN });
  });

  it('counts the open segment for the queue of the contact held now', () => {
    const tracker = new OccupancyTracker(localDayStart(at(10, 0)));
    tracker.applyAgentEvent(presence('a', 'beschikbaar', at(10, 0)));
    tracker.applyContactEvent(contact('c1', 'assigned', at(10, 10), 'a'), 'wmo');
    expect(tracker.today(['a'], at(10, 20), 'wmo')).toEqual({ busyMs: 10 * MIN, availableMs: 20 * MIN });
    expect(tracker.today(['a'], at(10, 20), 'algemeen')).toEqual({ busyMs: 0, availableMs: 20 * MIN });
  });
});
