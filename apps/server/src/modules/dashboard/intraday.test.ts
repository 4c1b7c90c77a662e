import { describe, expect, it } from 'vitest';
import type { ContactFact } from './contact-fold';
import { IntradaySeries } from './intraday';
import { startOfDayAmsterdam } from './local-day';

const MIN = 60_000;
const DAY = startOfDayAmsterdam('2026-03-10');
const at = (hh: number, mm: number) => DAY + (hh * 60 + mm) * MIN;

const arrived = (id: string, time: number, queueId = 'algemeen'): ContactFact => ({
  kind: 'arrived',
  contactId: id,
  queueId,
  channel: 'telefoon',
  arrivedAt: time,
});
const answered = (id: string, arrivedAt: number, time: number, withinNorm: boolean): ContactFact => ({
  kind: 'answered',
  contactId: id,
  queueId: 'algemeen',
  channel: 'telefoon',
  arrivedAt,
  at: time,
  waitMs: time - arrivedAt,
  withinNorm,
  agentId: 'a',
});
const abandoned = (id: string, arrivedAt: number, time: number): ContactFact => ({
  kind: 'abandoned',
  contactId: id,
  queueId: 'algemeen',
  channel: 'telefoon',
  arrivedAt,
  at: time,
  waitMs: time - arrivedAt,
  short: time - arrivedAt < 5000,
});

describe('intraday series', () => {
  it('keeps the most contacts waiting at once and the service level per 15 minutes, carried over quiet intervals', () => {
    const series = new IntradaySeries(DAY);
    for (const f of [
      arrived('c1', at(8, 1)),
      arrived('c2', at(8, 2)),
      arrived('c3', at(8, 3)),
      answered('c1', at(8, 1), at(8, 1) + 20_000, true),
      answered('c2', at(8, 2), at(8, 20), false), // answered in the next interval, counts for its arrival
      abandoned('c3', at(8, 3), at(8, 40)),
      arrived('c4', at(8, 44)),
    ])
      series.apply(f);
    const intervals = series.intervals('algemeen', at(9, 10));
    expect(intervals).toHaveLength(9 * 4 + 1);
    const [i800, i815, i830, i845, i900] = intervals.slice(32);
    expect(i800).toMatchObject({ start: new Date(at(8, 0)).toISOString(), maxWaiting: 3, offered: 3 });
    expect(i800!.serviceLevel).toBeCloseTo(1 / 3, 10);
    expect(i815).toMatchObject({ maxWaiting: 2, offered: 0, serviceLevel: null });
    // 8:40 the last one left, 8:44 another came: at most 1 at once
    expect(i830).toMatchObject({ maxWaiting: 1, offered: 1 });
    expect(i845).toMatchObject({ maxWaiting: 1, offered: 0 });
    expect(i900).toMatchObject({ maxWaiting: 1 });
    expect(intervals[0]).toMatchObject({ maxWaiting: 0, offered: 0, serviceLevel: null });
  });

  it('moves a waiting contact to the other queue at the time it moved', () => {
    const series = new IntradaySeries(DAY);
    series.apply(arrived('c1', at(8, 0)));
    series.apply({
      kind: 'moved',
      contactId: 'c1',
      fromQueueId: 'algemeen',
      toQueueId: 'wmo',
      channel: 'telefoon',
      arrivedAt: at(8, 0),
      at: at(8, 20),
    });
    const algemeen = series.intervals('algemeen', at(8, 20));
    const wmo = series.intervals('wmo', at(8, 20));
    expect(algemeen.at(-2)).toMatchObject({ maxWaiting: 1, offered: 0 });
    expect(algemeen.at(-1)).toMatchObject({ maxWaiting: 1 });
    expect(wmo.at(-2)).toMatchObject({ maxWaiting: 0, offered: 1 });
    expect(wmo.at(-1)).toMatchObject({ maxWaiting: 1 });
  });

  it('starts a new day empty but keeps who is still waiting', () => {
    const series = new IntradaySeries(DAY);
    series.apply(arrived('c1', at(23, 50)));
    const next = startOfDayAmsterdam('2026-03-11');
    series.reset(next);
    series.apply(answered('c1', at(23, 50), next + 5 * MIN, false));
    const [first] = series.intervals('algemeen', next + 20 * MIN);
    expect(first).toMatchObject({ maxWaiting: 1, offered: 0, serviceLevel: null });
  });
});
