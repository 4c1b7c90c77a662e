import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { storeRows } from '../../../test-support/store-rows';
import {
  bearer,
  INTEGRATION_KEY,
  nextEvent,
  startTestServer,
  type TestServer,
} from '../../../test-support/test-server';

/**
 * Issue 11 §4: a contact's content (messages, context, drafts, callback, transcript) is read only with a held
 * contact or a stated purpose, each read is a verwerkingenlog line, and a teamleider reads no content.
 */
describeEachStore('reading contact content needs a purpose and is logged', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  const tokens: Record<string, string> = {};
  let contactId: string;
  let partijUuid: string;
  let klantcontactUuid: string;

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(
      { KCC_WRAP_UP_MS: '0', ...database.env },
      { klantinteracties: createFakeKlantinteracties() },
    );
    for (const u of ['anna', 'bram', 'tess']) tokens[u] = await server.login(u);
    const anna = await server.connectAgent(tokens.anna!);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    await fetch(`${server.url}/api/channels/webformulier`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': INTEGRATION_KEY },
      body: JSON.stringify({
        formulier: 'Melding openbare ruimte',
        velden: { Locatie: 'Dorpsstraat 1', Omschrijving: 'Losse stoeptegel' },
        indiener: { naam: 'Jan Jansen', email: 'jan@example.nl' },
      }),
    });
    const offer = await offered;
    await anna.emitWithAck('offer:accept', { offerId: offer.offerId });
    contactId = offer.contact.id;
    const found = (await (
      await fetch(`${server.url}/api/partijen?q=jansen`, { headers: bearer(tokens.anna!) })
    ).json()) as { items: { uuid: string }[] };
    partijUuid = found.items[0]!.uuid;
    const linked = await fetch(`${server.url}/api/contacts/${contactId}/partij`, {
      method: 'POST',
      headers: { ...bearer(tokens.anna!), 'content-type': 'application/json' },
      body: JSON.stringify({ uuid: partijUuid }),
    });
    expect(linked.status).toBe(200);
    const registered = await fetch(`${server.url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: {
        ...bearer(tokens.anna!),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        onderwerp: 'Paspoort gestolen',
        gespreksresultaat: 'zelfstandig_afgehandeld',
        partij: { uuid: partijUuid },
        afronden: false,
      }),
    });
    expect(registered.status).toBe(201);
    klantcontactUuid = ((await registered.json()) as { klantcontact: { uuid: string } }).klantcontact.uuid;
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const get = (user: string, path: string) =>
    fetch(`${server.url}${path}`, { headers: bearer(tokens[user]!) }).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    });
  const logLines = async (doel: string, userId: string) => {
    const [row] = await storeRows(
      server.store,
      sql<{ n: number }>`SELECT COUNT(*) AS n FROM audit_verwerkingsacties a
        JOIN audit_verwerkte_objecten o ON o.actie_seq = a.seq
        WHERE a.doel = ${doel} AND a.gebruiker_id = ${userId} AND a.contact_id = ${contactId}
          AND o.partij_uuid = ${partijUuid}`,
    );
    return Number(row?.n);
  };

  const contentPaths = () => [
    `/api/contacts/${contactId}/messages`,
    `/api/contacts/${contactId}/context`,
    `/api/contacts/${contactId}/draft`,
    `/api/klantcontacten/${klantcontactUuid}/transcript`,
  ];

  it('a teamleider reads no content', async () => {
    for (const path of contentPaths()) expect(await get('tess', path), path).toBe(403);
    for (const path of contentPaths())
      expect(await get('tess', `${path}?doel=klantvraag_zonder_contact`), path).toBe(403);
  });

  it('the holder reads with the contact as purpose, and every read is logged', async () => {
    const before = await logLines(`contact:${contactId}`, 'user-anna');
    for (const path of contentPaths()) expect(await get('anna', path), path).toBe(200);
    expect(await logLines(`contact:${contactId}`, 'user-anna')).toBe(before + contentPaths().length);
  });

  it('another medewerker needs a stated purpose, which is logged', async () => {
    for (const path of contentPaths()) expect(await get('bram', path), path).toBe(403);
    for (const path of contentPaths()) expect(await get('bram', `${path}?doel=bestaat_niet`), path).toBe(403);
    expect(await logLines('klantvraag_zonder_contact', 'user-bram')).toBe(0);
    for (const path of contentPaths())
      expect(await get('bram', `${path}?doel=klantvraag_zonder_contact`), path).toBe(200);
    expect(await logLines('klantvraag_zonder_contact', 'user-bram')).toBe(contentPaths().length);
  });
});
