import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReportResponse } from '@kcc/contracts/dashboard';
import { mulberry32 } from '@kcc/routing/simulator';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { addDays, localDay, startOfDayAmsterdam } from '../dashboard/local-day';
import type { Store } from '../../store/store';
import { storeRows } from '../../../test-support/store-rows';
import type { ContactsTables } from '../contacts/contacts.repository';
import type { KennisbankTables } from '../kennisbank/kennisbank.repository';
import { DEMO_QUEUES } from '../queues/demo-queues';
import { onderwerpHash, type ReportRegistrationsTables } from './report-registrations';

const NORM = new Map(DEMO_QUEUES.map((q) => [q.config.id, q.config.servicenorm.withinSeconds]));
const PERSONAL = { name: 'Jan Jansen', phone: '0612345678', email: 'jan@example.nl' };

interface Seeded {
  day: string;
  contactIds: string[];
  partijen: string[];
}

/**
 * A day of contacts written straight into the store as the server would have: contacts rows with personal data,
 * and their events. Waits, handle times and outcomes come from a seeded PRNG.
 */
async function seedDay(server: TestServer): Promise<Seeded> {
  const random = mulberry32(42);
  const day = addDays(localDay(Date.now()), -2);
  const start = startOfDayAmsterdam(day);
  const contactRows: Insertable<ContactsTables['contacts']>[] = [];
  const eventRows: Insertable<ContactsTables['contact_events']>[] = [];
  const insertContact = (
    id: string,
    channel: string,
    externalId: string,
    queueId: string,
    subject: string | null,
    fromJson: string,
    createdAt: number,
    partij: string | null,
  ) => {
    const row = {
      id,
      channel,
      external_id: externalId,
      queue_id: queueId,
      status: 'closed',
      priority: 0,
      subject,
      from_json: fromJson,
      created_at: createdAt,
      updated_at: createdAt,
      partij_uuid: partij,
      registrations: 0,
    };
    contactRows.push(row);
    return row;
  };
  const event = (id: string, type: string, at: number, agentId: string | null, data?: object) =>
    eventRows.push({ contact_id: id, type, at, agent_id: agentId, data: data ? JSON.stringify(data) : null });
  const contactIds: string[] = [];
  const partijen = [randomUUID(), randomUUID(), randomUUID()];
  for (let i = 0; i < 80; i++) {
    const channel = i % 4 === 0 ? 'chat' : 'telefoon';
    const firstQueue = channel === 'chat' ? 'chat' : i % 5 === 1 ? 'belastingen' : 'algemeen';
    const id = randomUUID();
    contactIds.push(id);
    const arrival = start + 8 * 3600_000 + Math.floor(random() * 9 * 3600_000);
    const partij = i < 3 ? (partijen[i] ?? null) : null;
    const row = insertContact(
      id,
      channel,
      `ext-${i}`,
      firstQueue,
      'Vraag over afval',
      JSON.stringify(PERSONAL),
      arrival,
      partij,
    );
    event(id, 'created', arrival, null, { channel, queueId: firstQueue });
    event(id, 'queued', arrival, null, { queueId: firstQueue });
    const wait = Math.floor(random() * 150_000);
    if (firstQueue === 'belastingen' && wait > 120_000) {
      event(id, 'overflowed', arrival + 120_000, null, {
        fromQueueId: 'belastingen',
        toQueueId: 'algemeen',
      });
      row.queue_id = 'algemeen';
    }
    if (i % 7 === 3) {
      // abandoned; every other one within the 5 s short-abandon threshold
      const after = i % 14 === 3 ? Math.floor(random() * 4000) : 5000 + Math.floor(random() * 60_000);
      event(id, 'removed', arrival + after, null, { reason: 'cancelled' });
      event(id, 'abandoned', arrival + after, null, { reason: 'caller-hung-up', channel });
      continue;
    }
    const agent = i % 2 === 0 ? 'user-anna' : 'user-bram';
    const offerAt = arrival + wait;
    event(id, 'offered', offerAt, agent, { offerId: `o-${i}` });
    event(id, 'assigned', offerAt + 1500, agent, { offerId: `o-${i}` });
    const talk = 60_000 + Math.floor(random() * 400_000);
    event(id, 'registered', offerAt + 1500 + talk, agent, {
      klantcontact: randomUUID(),
      gespreksresultaat: 'x',
      afronden: true,
    });
    event(id, 'nawerk', offerAt + 1500 + talk, agent);
    event(id, 'closed', offerAt + 1500 + talk + 60_000, agent);
    if (i % 9 === 0)
      event(id, 'csat', offerAt + talk + 120_000, null, { score: 1 + (i % 5), channel: 'chat' });
    if (i % 11 === 0)
      event(id, 'kanaalswitch', arrival, null, {
        fromChannel: 'email',
        toChannel: channel,
        partijUuid: partijen[0],
        fromContactId: 'x',
      });
  }

  // Two calls that wait across a midnight: one from the evening before, answered just after midnight (it counts
  // on this day), and one arriving late this day, abandoned after the next midnight (still waiting at the end
  // of a report that ends on this day: offered here, its outcome belongs to the next day).
  const night = (id: string, arrival: number, outcome: 'assigned' | 'abandoned', after: number) => {
    insertContact(id, 'telefoon', id, 'algemeen', null, '{}', arrival, null);
    event(id, 'created', arrival, null, { channel: 'telefoon', queueId: 'algemeen' });
    event(id, 'queued', arrival, null, { queueId: 'algemeen' });
    if (outcome === 'assigned') {
      event(id, 'assigned', arrival + after, 'user-anna');
      event(id, 'closed', arrival + after + 240_000, 'user-anna');
    } else event(id, 'abandoned', arrival + after, null, { reason: 'caller-hung-up' });
  };
  night(randomUUID(), start - 120_000, 'assigned', 180_000);
  night(randomUUID(), startOfDayAmsterdam(addDays(day, 1)) - 60_000, 'abandoned', 100_000);
  // Events in the order above: their seqs are the log order.
  await server.store
    .kysely<ContactsTables>()
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('contacts').values(contactRows).execute();
      await trx.insertInto('contact_events').values(eventRows).execute();
    });

  // Registrations for FCR: partij 0 comes back about the same onderwerp (differently written) 3 days later.
  const registrations: ReportRegistrationsTables['report_registrations'][] = [];
  const reg = (contactId: string, at: number, partij: string | null, onderwerp: string, resultaat: string) =>
    registrations.push({
      klantcontact_uuid: randomUUID(),
      contact_id: contactId,
      at,
      partij_uuid: partij,
      onderwerp_hash: onderwerpHash(onderwerp),
      onderwerp_id: null,
      gespreksresultaat: resultaat,
    });
  const at = start + 12 * 3600_000;
  const [c0, c1, c2, c3, c4] = contactIds as [string, string, string, string, string];
  const [p0, p1, p2] = partijen as [string, string, string];
  reg(c0, at, p0, 'Afval ophalen', 'zelfstandig_afgehandeld');
  reg(c1, at, p1, 'Paspoort', 'zelfstandig_afgehandeld');
  reg(c2, at, p2, 'Parkeren', 'doorverbonden_naar_afdeling');
  reg(c4, at, null, 'Afval ophalen', 'zelfstandig_afgehandeld');
  reg(c3, at + 3 * 24 * 3600_000, p0, '  afval   OPHALEN. ', 'zelfstandig_afgehandeld');
  await server.store
    .kysely<ReportRegistrationsTables>()
    .insertInto('report_registrations')
    .values(registrations)
    .execute();

  // The agent pointed three residents to the primary channel; one of the four contacts came in through it.
  await server.store
    .kysely<Pick<KennisbankTables, 'kanaalsturing'>>()
    .insertInto('kanaalsturing')
    .values(
      [1, 1, 0, 1].map((gewezen, i) => ({
        klantcontact_uuid: randomUUID(),
        contact_id: contactIds[10 + i]!,
        agent_id: 'user-anna',
        product: 'Paspoort',
        primair_kanaal: 'online',
        gewezen,
        via_primair: i === 2 ? 1 : 0,
        at,
      })),
    )
    .execute();
  return { day, contactIds, partijen };
}

/**
 * The same figures, computed here straight from the rows, per contact, without the server's fold: a contact
 * counts on the day it was answered or abandoned; one still waiting at the end of the day counts as offered on
 * the day it arrived; handle time counts on the day the handling ended.
 */
async function independent(store: Store, day: string, queueFilter?: string) {
  const start = startOfDayAmsterdam(day);
  const end = startOfDayAmsterdam(addDays(day, 1));
  const inDay = (at: number) => at >= start && at < end;
  const rows = await storeRows<{ contact_id: string; type: string; at: number; data: string | null }>(
    store,
    sql`SELECT contact_id, type, at, data FROM contact_events ORDER BY seq`,
  );
  const byContact = new Map<string, typeof rows>();
  for (const r of rows) byContact.set(r.contact_id, [...(byContact.get(r.contact_id) ?? []), r]);
  const t = {
    offered: 0,
    answered: 0,
    within: 0,
    abandoned: 0,
    short: 0,
    wait: 0,
    handled: 0,
    handle: 0,
    csat: [] as number[],
    switches: 0,
  };
  for (const events of byContact.values()) {
    const queued = events.find((e) => e.type === 'queued');
    if (!queued) continue;
    let queue = (JSON.parse(queued.data ?? '{}') as { queueId: string }).queueId;
    const overflow = events.find((e) => e.type === 'overflowed');
    if (overflow) queue = (JSON.parse(overflow.data ?? '{}') as { toQueueId: string }).toQueueId;
    if (queueFilter !== undefined && queue !== queueFilter) continue;
    const assigned = events.find((e) => e.type === 'assigned');
    const abandoned = events.find((e) => e.type === 'abandoned');
    const closed = events.find((e) => e.type === 'closed');
    const waitEnded = assigned ?? abandoned;
    if (waitEnded && waitEnded.at < end) {
      if (inDay(waitEnded.at)) {
        if (abandoned) {
          if (abandoned.at - queued.at < 5000) t.short++;
          else {
            t.abandoned++;
            t.offered++;
          }
        } else if (assigned) {
          t.offered++;
          t.answered++;
          t.wait += assigned.at - queued.at;
          if (assigned.at - queued.at <= (NORM.get(queue) ?? 0) * 1000) t.within++;
        }
      }
    } else if (inDay(queued.at)) t.offered++; // still waiting at the end of the day
    if (assigned && closed && inDay(closed.at)) {
      t.handled++;
      t.handle += closed.at - assigned.at;
    }
    for (const e of events) {
      if (!inDay(e.at)) continue;
      if (e.type === 'csat') t.csat.push((JSON.parse(e.data ?? '{}') as { score: number }).score);
      if (e.type === 'kanaalswitch') t.switches++;
    }
  }
  return t;
}

describeEachStore('GET /api/reports', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  let token: string;
  beforeEach(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env);
    token = await server.login('tess');
  });
  afterEach(async () => {
    await server.stop();
    await database.drop();
  });

  const getReport = (query: string, as = token): Promise<Response> =>
    fetch(`${server.url}/api/reports?${query}`, { headers: bearer(as) });

  it('gives the figures of a seeded day exactly as computed independently from the same event log', async () => {
    const { day } = await seedDay(server);
    const res = await getReport(`period=day&from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    const report = ReportResponse.parse(await res.json());
    const t = await independent(server.store, day);
    expect(t.offered).toBeGreaterThan(50);
    expect(t.short).toBeGreaterThan(0);
    expect(t.abandoned).toBeGreaterThan(0);
    const m = report.total;
    expect(m).toMatchObject({
      offered: t.offered,
      answered: t.answered,
      answeredWithinNorm: t.within,
      abandoned: t.abandoned,
      shortAbandoned: t.short,
      channelSwitches: t.switches,
      csatCount: t.csat.length,
      zelfstandigAfgehandeld: 3,
      firstContactResolved: 1,
      firstContactResolution: 0.5,
      kanaalsturing: 4,
      kanaalsturingPrimary: 3,
      viaPrimaryChannel: 1,
      primaryChannelShare: 0.25,
    });
    expect(m.serviceLevel).toBeCloseTo(t.within / (t.answered + t.abandoned), 12);
    expect(m.abandonRate).toBeCloseTo(t.abandoned / (t.answered + t.abandoned), 12);
    expect(m.asaSeconds).toBeCloseTo(t.wait / t.answered / 1000, 9);
    expect(m.ahtSeconds).toBeCloseTo(t.handle / t.handled / 1000, 9);
    expect(m.csatAverage).toBeCloseTo(t.csat.reduce((a, b) => a + b, 0) / t.csat.length, 12);
    expect(report.buckets).toHaveLength(1);
    expect(report.buckets[0]).toMatchObject({ start: day, offered: t.offered, answered: t.answered });

    // The night calls: the day before shows the evening call as offered without an outcome (it was still
    // waiting when that day ended); the next day has the late call's abandon.
    const before = ReportResponse.parse(
      await (await getReport(`from=${addDays(day, -1)}&to=${addDays(day, -1)}`)).json(),
    );
    expect(before.total).toMatchObject({ offered: 1, answered: 0, abandoned: 0 });
    const next = ReportResponse.parse(
      await (await getReport(`from=${addDays(day, 1)}&to=${addDays(day, 1)}`)).json(),
    );
    expect(next.total).toMatchObject({ offered: 1, answered: 0, abandoned: 1, asaSeconds: null });
    const both = ReportResponse.parse(await (await getReport(`from=${day}&to=${addDays(day, 1)}`)).json());
    expect(both.total).toMatchObject({ offered: t.offered, abandoned: t.abandoned + 1 });

    // Per queue, and the queue filter, agree with the independent count per (final) queue.
    const alg = await independent(server.store, day, 'algemeen');
    expect(report.byQueue.find((q) => q.queue === 'algemeen')).toMatchObject({
      name: 'Algemeen',
      offered: alg.offered,
      answered: alg.answered,
      answeredWithinNorm: alg.within,
    });
    const filtered = ReportResponse.parse(
      await (await getReport(`from=${day}&to=${day}&queue=algemeen`)).json(),
    );
    expect(filtered.total).toMatchObject({
      offered: alg.offered,
      answered: alg.answered,
      abandoned: alg.abandoned,
    });
    const chat = ReportResponse.parse(await (await getReport(`from=${day}&to=${day}&channel=chat`)).json());
    expect(chat.total.offered).toBe((await independent(server.store, day, 'chat')).offered);
    // Breakdowns compare: byQueue keeps the channel filter, byChannel shows every channel next to each other.
    expect(chat.byQueue.map((q) => q.queue)).toEqual(['chat']);
    expect(chat.byChannel.map((c) => c.channel)).toEqual(['chat', 'telefoon']);
  });

  it('buckets by week and month, with empty buckets for quiet periods', async () => {
    const { day } = await seedDay(server);
    const week = ReportResponse.parse(
      await (await getReport(`period=week&from=${addDays(day, -20)}&to=${day}`)).json(),
    );
    expect(week.buckets.length).toBeGreaterThanOrEqual(3);
    expect(week.buckets.every((b) => /^week \d+ \d{4}$/.test(b.label))).toBe(true);
    expect(week.buckets.reduce((n, b) => n + b.offered, 0)).toBe(week.total.offered);
    expect(week.buckets.filter((b) => b.offered > 0)).toHaveLength(1);
    expect(week.buckets[0]?.serviceLevel).toBeNull();
    const month = ReportResponse.parse(await (await getReport(`period=month&from=${day}&to=${day}`)).json());
    expect(month.buckets).toHaveLength(1);
    expect(month.buckets[0]?.start).toBe(`${day.slice(0, 7)}-01`);
  });

  it('exports CSV with the same numbers and no personal data anywhere', async () => {
    const { day, contactIds, partijen } = await seedDay(server);
    const res = await getReport(`from=${day}&to=${day}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`kcc-rapport-${day}-${day}.csv`);
    const csv = await res.text();
    // The figures (header, one day, total), a blank line, then the breakdown by onderwerp.
    const [figures = '', perOnderwerp = ''] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n\r\n');
    const lines = figures.split('\r\n');
    expect(lines).toHaveLength(3);
    // The seeded registrations are free text: one row, without their text.
    expect(perOnderwerp.split('\r\n').slice(1)).toEqual([
      expect.stringMatching(/^Vrije tekst \(niet uit de lijst\);nee;\d+;/),
    ]);
    const header = lines[0]?.split(';') ?? [];
    const total = lines[2]?.split(';') ?? [];
    const t = await independent(server.store, day);
    expect(total[0]).toBe('Totaal');
    expect(total[header.indexOf('Aangeboden')]).toBe(String(t.offered));
    expect(total[header.indexOf('Beantwoord')]).toBe(String(t.answered));
    // One decimal, with a decimal comma; a whole percentage without one ("20").
    const serviceLevelPct = Math.round((t.within / (t.answered + t.abandoned)) * 1000) / 10;
    expect(total[header.indexOf('Serviceniveau (%)')]).toBe(
      Number.isInteger(serviceLevelPct)
        ? String(serviceLevelPct)
        : serviceLevelPct.toFixed(1).replace('.', ','),
    );

    const json = await (await getReport(`from=${day}&to=${day}`)).text();
    for (const text of [csv, json]) {
      for (const secret of [
        PERSONAL.name,
        PERSONAL.phone,
        PERSONAL.email,
        'Vraag over afval',
        'user-anna',
        'user-bram',
        ...partijen,
        ...contactIds,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('rejects bad input with problem JSON and refuses medewerkers', async () => {
    for (const [query, name] of [
      ['period=year', 'query.period'],
      ['from=2026-13-01', 'query.from'],
      ['from=2026-03-10&to=2026-03-01', 'query.from'],
      ['from=2020-01-01&to=2026-01-01', 'query.to'],
      ['queue=bestaat-niet', 'query.queue'],
      ['channel=fax', 'query.channel'],
      ['onbekend=1', 'query'],
    ] as const) {
      const res = await getReport(query);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { invalidParams: { name: string }[] };
      expect(
        body.invalidParams.map((p) => p.name),
        query,
      ).toContain(name);
    }
    expect((await getReport('', await server.login('anna'))).status).toBe(403);
    expect((await getReport('', await server.login('bea'))).status).toBe(200);
    expect((await fetch(`${server.url}/api/reports`)).status).toBe(401);
  });
});
