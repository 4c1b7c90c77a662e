import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import type { Contact } from '@kcc/contracts/domain';
import type { AfdelingenResponse, KlantbeeldResponse, RegistrationResponse } from '@kcc/contracts/rest';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';

/** Registration against the real embedded Klantinteracties store and its compatible API. */
describeEachStore('registration into the embedded Klantinteracties store', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  let token: string;
  let anna: AgentClient;

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ ...database.env, KCC_WRAP_UP_MS: '30000' });
    token = await server.login('anna');
    anna = await server.connectAgent(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const register = (contactId: string, key: string, body: unknown) =>
    fetch(`${server.url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  const klantcontactenVan = async (partijUuid: string) => {
    const res = await fetch(
      `${server.url}/klantinteracties/api/v1/klantcontacten?hadBetrokkene__wasPartij__uuid=${partijUuid}`,
      { headers: { authorization: 'Token demo-klantinteracties-token' } },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { count: number; results: { uuid: string; onderwerp: string }[] };
  };

  it('recognises a demo resident, registers several questions once each, and creates an interne taak', async () => {
    const offered = nextEvent(anna, 'contact:offered');
    const res = await server.inbound({
      channel: 'telefoon',
      externalId: 'reg-1',
      from: { phone: '+31 6 1234 5678' },
    });
    expect(res.status).toBe(201);
    const { offerId, contact } = await offered;
    expect(contact.from.phone).toBe('0612345678');
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });

    const beeld = (await (
      await fetch(`${server.url}/api/contacts/${contact.id}/klantbeeld`, { headers: bearer(token) })
    ).json()) as KlantbeeldResponse;
    expect(beeld.herkenning).toBe('telefoon');
    const partijUuid = beeld.partij?.uuid;
    expect(beeld.partij?.naam).toContain('Fatima');
    if (!partijUuid) throw new Error('no partij');
    const before = (await klantcontactenVan(partijUuid)).count;

    // An unknown gespreksresultaat is refused by the store, and nothing is written.
    const wrong = await register(contact.id, randomUUID(), {
      onderwerp: 'x',
      gespreksresultaat: 'bestaat_niet',
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toContain(
      'gespreksresultaat',
    );

    // First question: registered, contact stays open.
    const q1 = await register(contact.id, randomUUID(), {
      onderwerp: 'Afvalpas kwijt',
      inhoud: 'Hoe krijg ik een nieuwe afvalpas?',
      reactie: 'Aangevraagd via de website.',
      gespreksresultaat: 'zelfstandig_afgehandeld',
      partij: { uuid: partijUuid },
      afronden: false,
    });
    expect(q1.status).toBe(201);
    const open = (await (
      await fetch(`${server.url}/api/contacts/${contact.id}`, { headers: bearer(token) })
    ).json()) as Contact;
    // The call had no subject: the first registered onderwerp names it (header and inbox no longer say "Geen onderwerp").
    expect(open).toMatchObject({
      status: 'assigned',
      registrations: 1,
      partijUuid,
      subject: 'Afvalpas kwijt',
    });

    // Second question with an interne taak to an afdeling: closes the contact and starts nawerk.
    const afdelingen = (await (
      await fetch(`${server.url}/api/afdelingen`, { headers: bearer(token) })
    ).json()) as AfdelingenResponse;
    const afdeling = afdelingen.items[0];
    expect(afdeling).toBeDefined();
    const key = randomUUID();
    const body = {
      onderwerp: 'WOZ-bezwaar',
      inhoud: 'Wil bezwaar maken tegen de WOZ-waarde.',
      gespreksresultaat: 'contactverzoek_gemaakt',
      partij: { uuid: partijUuid },
      interneTaak: {
        gevraagdeHandeling: 'Bel mevrouw terug over het bezwaar',
        actor: { uuid: afdeling?.actorUuid },
      },
    };
    const taken = nextEvent(anna, 'internetaken:changed');
    const nawerk = nextEvent(anna, 'presence:changed');
    const q2 = await register(contact.id, key, body);
    expect(q2.status).toBe(201);
    const q2Body = (await q2.json()) as RegistrationResponse;
    expect(q2Body.interneTaak?.uuid).toBeDefined();
    expect(q2Body.klantcontact.url).toBe(
      `${server.url}/klantinteracties/api/v1/klantcontacten/${q2Body.klantcontact.uuid}`,
    );
    await taken;
    expect((await nawerk).presence).toBe('nawerk');

    // A retry with the same key: same answer, nothing duplicated.
    const retry = await register(contact.id, key, body);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(q2Body);
    const after = await klantcontactenVan(partijUuid);
    expect(after.count).toBe(before + 2);
    expect(after.results.filter((k) => k.onderwerp === 'WOZ-bezwaar')).toHaveLength(1);

    const kc = await fetch(
      `${server.url}/klantinteracties/api/v1/klantcontacten/${q2Body.klantcontact.uuid}`,
      {
        headers: { authorization: 'Token demo-klantinteracties-token' },
      },
    );
    expect(kc.status).toBe(200);
    expect(await kc.json()).toMatchObject({
      uuid: q2Body.klantcontact.uuid,
      onderwerp: 'WOZ-bezwaar',
      kanaal: 'telefoon',
    });
  });
});

describeEachStore('registration retried at the same time with one Idempotency-Key', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('registers once and gives every retry the same answer, also with an onderwerp read from the list first', async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ ...database.env, KCC_WRAP_UP_MS: '30000' });
    const token = await server.login('anna');
    const anna = await server.connectAgent(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    expect(
      (await server.inbound({ channel: 'telefoon', externalId: 'reg-race', from: { phone: '0612345678' } }))
        .status,
    ).toBe(201);
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    const lijst = (await (
      await fetch(`${server.url}/api/onderwerpen`, { headers: bearer(token) })
    ).json()) as { items: { id: string; naam: string }[] };
    const onderwerp = lijst.items.find((o) => o.naam === 'Paspoort')!;

    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        fetch(`${server.url}/api/contacts/${contact.id}/registration`, {
          method: 'POST',
          headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({
            onderwerp: 'paspoort',
            onderwerpId: onderwerp.id,
            gespreksresultaat: 'zelfstandig_afgehandeld',
          }),
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as RegistrationResponse[];
    expect(new Set(bodies.map((b) => b.klantcontact.uuid)).size).toBe(1);
    const stored = (await (
      await fetch(`${server.url}/api/contacts/${contact.id}`, { headers: bearer(token) })
    ).json()) as Contact;
    expect(stored).toMatchObject({ registrations: 1, status: 'nawerk' });
  });
});
