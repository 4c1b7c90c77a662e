import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportResponse } from '@kcc/contracts/dashboard';
import type { Channel } from '@kcc/contracts/domain';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { addDays, localDay, startOfDayAmsterdam } from '../dashboard/local-day';
import type { ContactsTables } from '../contacts/contacts.repository';
import type { MessagesTables } from '../messages/messages.repository';
import {
  onderwerpHash,
  type ReportRegistrationsTables,
  type StoredRegistrationFact,
} from './report-registrations';
import { questions } from './report.service';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let server: TestServer;
let token: string;

const report = async (query: string) => {
  const res = await fetch(`${server.url}/api/reports?${query}`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  return ReportResponse.parse(await res.json());
};

async function contact(channel: Channel, at: number): Promise<string> {
  const id = randomUUID();
  await server.store
    .kysely<Pick<ContactsTables, 'contacts'>>()
    .insertInto('contacts')
    .values({
      id,
      channel,
      external_id: id,
      queue_id: 'algemeen',
      status: 'closed',
      priority: 0,
      from_json: '{}',
      created_at: at,
      updated_at: at,
      registrations: 0,
    })
    .execute();
  return id;
}

async function registered(contactId: string, at: number, partij: string | null, onderwerp: string) {
  await server.store
    .kysely<ReportRegistrationsTables>()
    .insertInto('report_registrations')
    .values({
      klantcontact_uuid: randomUUID(),
      contact_id: contactId,
      at,
      partij_uuid: partij,
      onderwerp_hash: onderwerpHash(onderwerp),
      onderwerp_id: null,
      gespreksresultaat: 'zelfstandig_afgehandeld',
    })
    .execute();
}

/** A receipt's promise, in the channels module's table on the store under test. */
async function promised(contactId: string, at: number, due: number): Promise<void> {
  const messageId = `<${randomUUID()}@gemeente.example>`;
  await sql`INSERT INTO ontvangstbevestigingen (contact_id, message_id, at, beloofd_voor)
    VALUES (${contactId}, ${messageId}, ${at}, ${due})`.execute(server.store.kysely<unknown>());
}

async function reply(
  contactId: string,
  at: number,
  delivery: 'sent' | 'failed' | 'pending',
  agentId = 'user-anna',
) {
  await server.store
    .kysely<MessagesTables>()
    .insertInto('contact_messages')
    .values({
      id: randomUUID(),
      contact_id: contactId,
      channel: 'email',
      direction: 'uit',
      body: 'Antwoord',
      html: null,
      from_label: null,
      agent_id: agentId,
      at,
      external_id: null,
      delivery,
      delivery_attempts: 0,
      next_attempt_at: null,
      meta: null,
    })
    .execute();
}

describe('inspanning: contacts per question within 14 days', () => {
  it('chains a partij’s contacts about one onderwerp into one question, and starts a new one after the window', () => {
    const fact = (contactId: string, at: number, partij: string | null, onderwerp: string) =>
      ({
        klantcontactUuid: randomUUID(),
        contactId,
        at,
        partijUuid: partij,
        onderwerpHash: onderwerpHash(onderwerp),
        gespreksresultaat: 'x',
        onderwerpId: null,
      }) satisfies StoredRegistrationFact;
    const q = questions(
      [
        fact('c1', 0, 'p1', 'Afval'),
        fact('c1', 10, 'p1', 'afval.'), // the same contact registered twice counts once
        fact('c2', 3 * DAY, 'p1', 'Afval'),
        fact('c3', 14 * DAY + 1, 'p1', 'Afval'), // outside the window: a new question
        fact('c4', DAY, 'p1', 'Paspoort'),
        fact('c5', DAY, null, 'Afval'), // unknown partij: no question to follow
      ],
      14 * DAY,
    );
    expect(q.map((x) => x.contactIds)).toEqual([['c1', 'c2'], ['c3'], ['c4']]);
  });
});

describeEachStore('kanaalstrategie KPIs in the report', (stores) => {
  let database: FreshDatabase;
  beforeEach(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env);
    token = await server.login('tess');
  });
  afterEach(async () => {
    await server.stop();
    await database.drop();
  });

  describe('inspanning over the reports API', () => {
    it('reports questions, the contacts and channel changes they took, per bucket and channel of the first contact', async () => {
      const day = addDays(localDay(Date.now()), -20);
      const t0 = startOfDayAmsterdam(day) + 9 * HOUR;
      const [p1, p2] = [randomUUID(), randomUUID()];
      // p1: by phone, then by e-mail 3 days later, then by phone again 5 days later: 1 question, 3 contacts, 2 changes.
      await registered(await contact('telefoon', t0), t0, p1, 'Afvalpas kwijt');
      await registered(await contact('email', t0 + 3 * DAY), t0 + 3 * DAY, p1, 'afvalpas kwijt');
      await registered(await contact('telefoon', t0 + 8 * DAY), t0 + 8 * DAY, p1, 'Afvalpas kwijt');
      // p2: one chat, answered at once.
      await registered(await contact('chat', t0 + HOUR), t0 + HOUR, p2, 'Parkeervergunning');
      // A question that started before the report's range is not counted in it.
      await registered(await contact('telefoon', t0 - 2 * DAY), t0 - 2 * DAY, p2, 'Rijbewijs');
      await registered(await contact('telefoon', t0 + 2 * HOUR), t0 + 2 * HOUR, p2, 'Rijbewijs');

      const r = await report(`from=${day}&to=${day}`);
      expect(r.definitions.inspanningWindowDays).toBe(14);
      expect(r.total).toMatchObject({
        vragen: 2,
        contactenVoorVragen: 4,
        kanaalwisselsVoorVragen: 2,
        contactenPerVraag: 2,
      });
      expect(r.byChannel.find((c) => c.channel === 'telefoon')).toMatchObject({
        vragen: 1,
        contactenPerVraag: 3,
      });
      expect(r.byChannel.find((c) => c.channel === 'chat')).toMatchObject({
        vragen: 1,
        contactenPerVraag: 1,
      });
      const empty = await report(`from=${addDays(day, 1)}&to=${addDays(day, 1)}`);
      expect(empty.total).toMatchObject({ vragen: 0, contactenPerVraag: null });
    });
  });

  describe('voorspelbaarheid: promised answers delivered in time', () => {
    it('counts a promise in the bucket it fell due, kept when an agent’s reply went out or the contact was registered in time', async () => {
      const day = addDays(localDay(Date.now()), -3);
      const start = startOfDayAmsterdam(day);
      const due = start + 16 * HOUR;
      const received = start - 2 * DAY;

      const keptByReply = await contact('email', received);
      await promised(keptByReply, received, due);
      await reply(keptByReply, due - 5 * HOUR, 'sent');

      const late = await contact('email', received);
      await promised(late, received, due);
      await reply(late, due + HOUR, 'sent');

      const keptByRegistration = await contact('webformulier', received);
      await promised(keptByRegistration, received, due);
      await registered(keptByRegistration, due - HOUR, null, 'Vraag via formulier');

      const failed = await contact('email', received);
      await promised(failed, received, due);
      await reply(failed, due - 3 * HOUR, 'failed');

      const unanswered = await contact('email', received);
      await promised(unanswered, received, due);

      // Due in the future and not yet answered: the promise can still be kept, so it is not counted yet.
      const open = await contact('email', Date.now());
      await promised(open, Date.now(), Date.now() + DAY);

      const r = await report(`from=${day}&to=${day}`);
      expect(r.total).toMatchObject({ beloften: 5, beloftenNagekomen: 2, voorspelbaarheid: 0.4 });
      expect(r.byChannel.find((c) => c.channel === 'webformulier')).toMatchObject({
        beloften: 1,
        beloftenNagekomen: 1,
        voorspelbaarheid: 1,
      });
      const future = await report(`from=${localDay(Date.now())}&to=${addDays(localDay(Date.now()), 1)}`);
      expect(future.total).toMatchObject({ beloften: 0, voorspelbaarheid: null });
    });
  });
});
