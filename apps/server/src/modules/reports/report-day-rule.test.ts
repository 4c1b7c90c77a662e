import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { QueueWindowStats, ReportMetrics, ReportResponse } from '@kcc/contracts/dashboard';
import type { Channel } from '@kcc/contracts/domain';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import { contactsMigrations } from '../contacts/contacts.migrations';
import type { ContactsRepository } from '../contacts/contacts.repository';
import { contactsUnitOfWork } from '../contacts/index';
import { DashboardService } from '../dashboard/dashboard.service';
import { startOfDayAmsterdam } from '../dashboard/local-day';
import type { RoutingService } from '../routing/routing.service';
import { REPORT_CSV_HEADERS, reportToCsv } from './report-csv';
import { ReportRegistrations } from './report-registrations';
import { ReportService } from './report.service';
import { reportsMigrations } from './reports.migrations';

/*
 * Reports and the live dashboard on one real event log (SQLite and PostgreSQL) with a fixed clock: a contact counts on the
 * local day it was answered or abandoned, in both. The days are chosen so that one midnight is also the end of
 * an ISO week and of a month (Sunday 31 May → Monday 1 June 2026, summer time).
 */

const SEC = 1000;
const MIN = 60 * SEC;
const D0 = '2026-05-31'; // Sunday
const D1 = '2026-06-01'; // Monday: a new ISO week and a new month
const D2 = '2026-06-02';
const MIDNIGHT1 = startOfDayAmsterdam(D1);
const MIDNIGHT2 = startOfDayAmsterdam(D2);
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const QUEUES = [
  {
    id: 'algemeen',
    name: 'Algemeen',
    channels: ['telefoon'],
    servicenorm: { targetPercent: 80, withinSeconds: 30 },
  },
  {
    id: 'belastingen',
    name: 'Belastingen',
    channels: ['telefoon'],
    servicenorm: { targetPercent: 80, withinSeconds: 60 },
  },
  { id: 'chat', name: 'Chat', channels: ['chat'], servicenorm: { targetPercent: 80, withinSeconds: 120 } },
];

function fakeRouting(): RoutingService {
  const agent = { id: 'user-anna', skills: {}, capacity: { telefoon: 1, chat: 2 }, queueIds: [] };
  const fake = {
    queueIds: () => QUEUES.map((q) => q.id),
    hasQueue: (id: string) => QUEUES.some((q) => q.id === id),
    queueConfig: (id: string) => QUEUES.find((q) => q.id === id),
    queueSnapshot: () => ({ waiting: 0, offered: 0, assigned: 0, oldestArrivedAt: undefined }),
    agentIds: () => ['user-anna'],
    isAgent: (id: string) => id === 'user-anna',
    agentConfig: (id: string) => (id === 'user-anna' ? agent : undefined),
    servedQueueIds: () => QUEUES.map((q) => q.id),
    agentSnapshot: () => ({ presence: 'beschikbaar' }),
    agentState: () => ({ presence: 'beschikbaar', since: new Date().toISOString() }),
    activeContactIds: () => [],
  };
  return fake as unknown as RoutingService;
}

let opened: OpenTestStore;
let contacts: ContactsRepository;
let dashboard: DashboardService;
let reports: ReportService;

/** Run `fn` with the clock at `at`. */
async function at(ms: number, fn: () => Promise<void>): Promise<void> {
  vi.setSystemTime(ms);
  await fn();
}

async function arrive(id: string, channel: Channel, queueId: string): Promise<void> {
  const now = Date.now();
  await contacts.transaction(async () => {
    await contacts.insertIfNew({
      id,
      channel,
      externalId: id,
      queueId,
      status: 'queued',
      priority: 0,
      from: {},
      createdAt: now,
    });
    await contacts.appendEvent({ contactId: id, type: 'created', at: now, data: { channel, queueId } });
    await contacts.appendEvent({ contactId: id, type: 'queued', at: now, data: { queueId } });
  });
}

async function event(
  id: string,
  type: string,
  extra: { agentId?: string; data?: Record<string, unknown> } = {},
) {
  await contacts.appendEvent({ contactId: id, type, at: Date.now(), ...extra });
}
const answer = (id: string) => event(id, 'assigned', { agentId: 'user-anna' });
const close = (id: string) => event(id, 'closed', { agentId: 'user-anna' });
const abandon = (id: string) => event(id, 'abandoned', { data: { reason: 'caller-hung-up' } });

const FIGURES = [
  'offered',
  'answered',
  'answeredWithinNorm',
  'abandoned',
  'shortAbandoned',
  'serviceLevel',
  'asaSeconds',
  'ahtSeconds',
  'abandonRate',
] as const;
type Figures = Pick<QueueWindowStats, (typeof FIGURES)[number]>;
const figures = (m: Figures | ReportMetrics): Figures =>
  Object.fromEntries(FIGURES.map((k) => [k, m[k]])) as unknown as Figures;
const NONE: Figures = {
  offered: 0,
  answered: 0,
  answeredWithinNorm: 0,
  abandoned: 0,
  shortAbandoned: 0,
  serviceLevel: null,
  asaSeconds: null,
  ahtSeconds: null,
  abandonRate: null,
};

/** The dashboard's "today" (overall and per queue) equals the report of that one day, for the same events. */
async function expectReportEqualsBoard(day: string, report: ReportResponse): Promise<void> {
  const board = await dashboard.snapshot();
  expect(board.day).toBe(day);
  expect(figures(report.total)).toEqual(figures(board.totals.today));
  expect(report.buckets).toHaveLength(1);
  expect(figures(report.buckets[0]!)).toEqual(figures(board.totals.today));
  for (const q of board.queues) {
    const row = report.byQueue.find((r) => r.queue === q.id);
    expect(row ? figures(row) : NONE, q.id).toEqual(figures(q.today));
  }
}

/**
 * Day 0 (Sunday), the night, day 1 (Monday) and the night after:
 * - c1 phone, arrives 23:58, answered 00:01 (wait 180 s), closed 00:06 → day 1, handle time 300 s on day 1
 * - c2 phone, arrives 23:59, abandoned 00:00:30 (wait 90 s) → abandoned on day 1
 * - c3 phone, arrives 23:59:58, abandoned 00:00:01 (3 s: short) → short abandon on day 1
 * - c4 phone, arrives 23:40, answered 23:50 (wait 600 s), closed 00:02 → day 0; its handle time on day 1
 * - c5 chat, arrives 22:00, answered 22:00:20, closed 22:10:20 → day 0 entirely
 * - c6 phone in belastingen at 23:57, overflowed to algemeen 23:59, answered 00:03 (wait 360 s) → algemeen, day 1
 * - c7 phone, arrives day 1 10:00, answered 10:00:10, closed 10:05:10 → day 1
 * - c8 phone, arrives day 1 23:30, answered day 2 00:02 → offered on day 1 while it waited; answered on day 2
 */
async function playNightAndDay(checkpoints: {
  endOfDay0?: () => Promise<void>;
  noonDay1?: () => Promise<void>;
  endOfDay1?: () => Promise<void>;
}): Promise<void> {
  const day0 = startOfDayAmsterdam(D0);
  await at(day0 + 22 * 60 * MIN, () => arrive('c5', 'chat', 'chat'));
  await at(day0 + 22 * 60 * MIN + 20 * SEC, () => answer('c5'));
  await at(day0 + 22 * 60 * MIN + 20 * SEC + 10 * MIN, () => close('c5'));
  await at(MIDNIGHT1 - 20 * MIN, () => arrive('c4', 'telefoon', 'algemeen'));
  await at(MIDNIGHT1 - 10 * MIN, () => answer('c4'));
  await at(MIDNIGHT1 - 3 * MIN, () => arrive('c6', 'telefoon', 'belastingen'));
  await at(MIDNIGHT1 - 2 * MIN, () => arrive('c1', 'telefoon', 'algemeen'));
  await at(MIDNIGHT1 - MIN, async () => {
    await arrive('c2', 'telefoon', 'algemeen');
    await event('c6', 'overflowed', { data: { fromQueueId: 'belastingen', toQueueId: 'algemeen' } });
  });
  await at(MIDNIGHT1 - 2 * SEC, () => arrive('c3', 'telefoon', 'algemeen'));
  vi.setSystemTime(MIDNIGHT1 - 1);
  await checkpoints.endOfDay0?.();

  await at(MIDNIGHT1 + 1 * SEC, () => abandon('c3'));
  await at(MIDNIGHT1 + 30 * SEC, () => abandon('c2'));
  await at(MIDNIGHT1 + 1 * MIN, () => answer('c1'));
  await at(MIDNIGHT1 + 2 * MIN, () => close('c4'));
  await at(MIDNIGHT1 + 3 * MIN, () => answer('c6'));
  await at(MIDNIGHT1 + 6 * MIN, () => close('c1'));
  await at(MIDNIGHT1 + 10 * 60 * MIN, () => arrive('c7', 'telefoon', 'algemeen'));
  await at(MIDNIGHT1 + 10 * 60 * MIN + 10 * SEC, () => answer('c7'));
  await at(MIDNIGHT1 + 10 * 60 * MIN + 10 * SEC + 5 * MIN, () => close('c7'));
  vi.setSystemTime(MIDNIGHT1 + 12 * 60 * MIN);
  await checkpoints.noonDay1?.();
  await at(MIDNIGHT2 - 30 * MIN, () => arrive('c8', 'telefoon', 'algemeen'));
  vi.setSystemTime(MIDNIGHT2 - 1);
  await checkpoints.endOfDay1?.();
  await at(MIDNIGHT2 + 2 * MIN, () => answer('c8'));
  vi.setSystemTime(MIDNIGHT2 + 60 * MIN);
}

const dayReport = (from: string, to = from) => reports.report({ period: 'day', from, to, format: 'json' });

describeEachStore(
  'reports count a contact on the day it was answered or abandoned, as the dashboard does',
  (stores) => {
    beforeEach(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(startOfDayAmsterdam(D0) + 8 * 60 * MIN);
      opened = await stores.openStore([...contactsMigrations, ...reportsMigrations]);
      const unit = contactsUnitOfWork(opened.store, silent);
      contacts = unit.contacts;
      dashboard = new DashboardService({
        routing: fakeRouting(),
        contacts,
        userName: () => undefined,
        events: unit.events,
        log: silent,
      });
      await dashboard.start();
      reports = new ReportService({
        contacts,
        registrations: new ReportRegistrations(opened.store),
        beloften: async () => [],
        kanaalsturing: async () => [],
        queues: () =>
          QUEUES.map((q) => ({ id: q.id, name: q.name, withinSeconds: q.servicenorm.withinSeconds })),
      });
    });

    afterEach(async () => {
      dashboard.stop();
      await opened.close();
      vi.useRealTimers();
    });

    it('a report of one day equals the dashboard "today" for the same events, during and after the day', async () => {
      await playNightAndDay({
        // The board at the end of day 0 shows c1, c2, c3 and c6 as offered without an outcome.
        endOfDay0: async () => expectReportEqualsBoard(D0, await dayReport(D0)),
        noonDay1: async () => expectReportEqualsBoard(D1, await dayReport(D1)),
        endOfDay1: async () => expectReportEqualsBoard(D1, await dayReport(D1)),
      });
      // Afterwards, each day's report is still what its board showed at the end of that day.
      const day0 = await dayReport(D0);
      expect(figures(day0.total)).toEqual({
        offered: 6, // c1–c6: c1, c2, c3 and c6 were still waiting at the end of the range
        answered: 2, // c4, c5
        answeredWithinNorm: 1, // c5 (20 s of 120 s); c4 waited 600 s
        abandoned: 0,
        shortAbandoned: 0,
        serviceLevel: 0.5,
        asaSeconds: (600 + 20) / 2,
        ahtSeconds: 600, // c5 only: c4's handling ended on day 1
        abandonRate: 0,
      });
      const day1 = await dayReport(D1);
      expect(figures(day1.total)).toEqual({
        offered: 5, // c1, c2 and c6 carried over, c7, and c8, still waiting at the end of the range
        answered: 3, // c1, c6, c7
        answeredWithinNorm: 1, // c7 (10 s)
        abandoned: 1, // c2
        shortAbandoned: 1, // c3
        serviceLevel: 1 / 4,
        asaSeconds: (180 + 360 + 10) / 3,
        ahtSeconds: (12 * 60 + 5 * 60 + 5 * 60) / 3, // c4, c1, c7
        abandonRate: 1 / 4,
      });
    });

    it('puts a contact that waited across midnight on the new day in a multi-day report, each contact once', async () => {
      await playNightAndDay({});
      const report = await dayReport(D0, D2);
      expect(report.buckets.map((b) => b.start)).toEqual([D0, D1, D2]);
      const [b0, b1, b2] = report.buckets;
      // Day 0: only what ended its wait that day.
      expect(b0).toMatchObject({ offered: 2, answered: 2, abandoned: 0, shortAbandoned: 0 });
      // Day 1: c1 (answered 00:01, waited 180 s), c2 (abandoned 00:00:30), c3 (short), c6, c7.
      expect(b1).toMatchObject({
        offered: 4,
        answered: 3,
        answeredWithinNorm: 1,
        abandoned: 1,
        shortAbandoned: 1,
        asaSeconds: (180 + 360 + 10) / 3,
      });
      // Day 2: c8, answered at 00:02 after waiting 32 minutes.
      expect(b2).toMatchObject({ offered: 1, answered: 1, answeredWithinNorm: 0, asaSeconds: 32 * 60 });
      expect(report.total).toMatchObject({ offered: 7, answered: 6, abandoned: 1, shortAbandoned: 1 });
      for (const key of [
        'offered',
        'answered',
        'answeredWithinNorm',
        'abandoned',
        'shortAbandoned',
      ] as const) {
        expect(
          report.buckets.reduce((n, b) => n + b[key], 0),
          key,
        ).toBe(report.total[key]);
      }
      // c6 counts in the queue it was answered in, on day 1; belastingen, where it arrived, keeps nothing.
      expect(report.byQueue.find((q) => q.queue === 'belastingen')).toMatchObject({
        offered: 0,
        answered: 0,
      });
      expect(report.byQueue.find((q) => q.queue === 'algemeen')).toMatchObject({ offered: 6, answered: 5 });
      expect(report.byQueue.find((q) => q.queue === 'chat')).toMatchObject({ offered: 1, answered: 1 });
      expect(report.byChannel.find((c) => c.channel === 'telefoon')).toMatchObject({
        offered: 6,
        answered: 5,
      });

      // The CSV follows: the night's contacts are on Monday's line.
      const lines = reportToCsv(report)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(';'));
      const col = (name: string) => REPORT_CSV_HEADERS.indexOf(name);
      const line = (start: string) => lines.find((l) => l[1] === start)!;
      expect(line(D0)[col('Aangeboden')]).toBe('2');
      expect(line(D1)[col('Aangeboden')]).toBe('4');
      expect(line(D1)[col('Verlaten')]).toBe('1');
      expect(line(D1)[col('Kort verlaten')]).toBe('1');
      expect(line(D1)[col('Serviceniveau (%)')]).toBe('25');
      expect(line(D1)[col('Gem. wachttijd (s)')]).toBe(((180 + 360 + 10) / 3).toFixed(1).replace('.', ','));
      expect(lines.at(-1)?.[col('Aangeboden')]).toBe('7');
    });

    it('puts it in the new ISO week and the new month when that midnight ends a week and a month', async () => {
      await playNightAndDay({});
      const week = await reports.report({
        period: 'week',
        from: '2026-05-25',
        to: '2026-06-07',
        format: 'json',
      });
      expect(week.buckets.map((b) => [b.start, b.label])).toEqual([
        ['2026-05-25', 'week 22 2026'],
        ['2026-06-01', 'week 23 2026'],
      ]);
      expect(week.buckets[0]).toMatchObject({ offered: 2, answered: 2, abandoned: 0, shortAbandoned: 0 });
      expect(week.buckets[1]).toMatchObject({ offered: 5, answered: 4, abandoned: 1, shortAbandoned: 1 });
      // c4 was answered in May but its handling ended in June: its handle time is June's.
      expect(week.buckets[0]?.ahtSeconds).toBe(600);

      const month = await reports.report({
        period: 'month',
        from: '2026-05-01',
        to: '2026-06-30',
        format: 'json',
      });
      expect(month.buckets.map((b) => b.label)).toEqual(['mei 2026', 'juni 2026']);
      expect(month.buckets[0]).toMatchObject({ offered: 2, answered: 2, serviceLevel: 0.5 });
      expect(month.buckets[1]).toMatchObject({ offered: 5, answered: 4, abandoned: 1, shortAbandoned: 1 });
      expect(month.total).toMatchObject({ offered: 7, answered: 6 });

      // A report that ends on Sunday still shows the night's contacts as offered without an outcome.
      const may = await reports.report({ period: 'month', from: '2026-05-01', to: D0, format: 'json' });
      expect(may.total).toMatchObject({ offered: 6, answered: 2, abandoned: 0, shortAbandoned: 0 });
    });

    it('counts a contact that arrived days before the range on the day it was answered, with its full wait', async () => {
      const arrivedAt = MIDNIGHT1 - 3 * 24 * 60 * MIN + 9 * 60 * MIN; // Friday 09:00
      await at(arrivedAt, () => arrive('mail', 'chat', 'chat'));
      await at(MIDNIGHT1 + 9 * 60 * MIN, () => answer('mail'));
      await at(MIDNIGHT1 + 9 * 60 * MIN + 5 * MIN, () => close('mail'));
      vi.setSystemTime(MIDNIGHT1 + 10 * 60 * MIN);
      const report = await dayReport(D1);
      await expectReportEqualsBoard(D1, report);
      expect(report.total).toMatchObject({
        offered: 1,
        answered: 1,
        asaSeconds: 3 * 24 * 3600,
        ahtSeconds: 300,
      });
    });
  },
);
