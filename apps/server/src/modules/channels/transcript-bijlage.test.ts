import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import {
  bearer,
  INTEGRATION_KEY,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';

const KI_TOKEN = 'transcript-bijlage-test-token';

/** The whole server with the embedded Klantinteracties store: a registered contact with messages gets a Bijlage. */
describeEachStore('transcript of a registered contact as Klantinteracties bijlage', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  let token: string;
  let anna: AgentClient;

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({
      KCC_KLANTINTERACTIES_TOKEN: KI_TOKEN,
      KCC_WRAP_UP_MS: '0',
      ...database.env,
    });
    token = await server.login('anna');
    anna = await server.connectAgent(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const ki = async (path: string) => {
    const res = await fetch(`${server.url}/klantinteracties/api/v1${path}`, {
      headers: { authorization: `Token ${KI_TOKEN}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- inspected freely
  };
  const register = async (contactId: string, body: object, key = randomUUID()) => {
    const res = await fetch(`${server.url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { klantcontact: { uuid: string } }).klantcontact.uuid;
  };
  const accept = async (start: () => Promise<Response>): Promise<string> => {
    const offered = nextEvent(anna, 'contact:offered');
    expect((await start()).status).toBe(201);
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    return contact.id;
  };

  it('links a web form to each of its klantcontacten once, next to the transcript endpoint', async () => {
    const contactId = await accept(() =>
      fetch(`${server.url}/api/channels/webformulier`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-integration-key': INTEGRATION_KEY },
        body: JSON.stringify({
          formulier: 'Melding openbare ruimte',
          velden: { Locatie: 'Dorpsstraat 1', Omschrijving: 'Losse stoeptegel' },
          indiener: { naam: 'Jan Jansen', email: 'jan@example.nl' },
        }),
      }),
    );
    const key = randomUUID();
    const body = { onderwerp: 'Losse stoeptegel', gespreksresultaat: 'zelfstandig_afgehandeld' };
    const first = await register(contactId, { ...body, afronden: false }, key);
    // The same Idempotency-Key replays the answer and adds nothing.
    expect(await register(contactId, { ...body, afronden: false }, key)).toBe(first);
    const second = await register(contactId, { ...body, onderwerp: 'Tweede vraag' });

    const transcript = await fetch(`${server.url}/api/klantcontacten/${first}/transcript`, {
      headers: bearer(token),
    });
    expect(transcript.status).toBe(200);
    expect(((await transcript.json()) as { contactId: string }).contactId).toBe(contactId);

    const kc = await ki(`/klantcontacten/${first}?expand=omvatteBijlagen`);
    expect(kc.omvatteBijlagen).toHaveLength(1);
    expect(kc._expand.omvatteBijlagen[0]).toMatchObject({
      wasBijlageVanKlantcontact: { uuid: first },
      bijlageidentificator: {
        codeRegister: 'kcc',
        codeObjecttype: 'transcript',
        codeSoortObjectId: 'contact_id',
        objectId: contactId,
      },
    });
    const all = await ki(
      `/bijlagen?bijlageidentificatorCodeRegister=kcc&bijlageidentificatorObjectId=${contactId}`,
    );
    expect(
      all.results.map(
        (b: { wasBijlageVanKlantcontact: { uuid: string } }) => b.wasBijlageVanKlantcontact.uuid,
      ),
    ).toEqual([second, first]);
  });

  it('adds no bijlage for a contact without messages (a phone call)', async () => {
    const contactId = await accept(() =>
      server.inbound({ channel: 'telefoon', externalId: randomUUID(), from: { phone: '0687654321' } }),
    );
    const uuid = await register(contactId, {
      onderwerp: 'Paspoort',
      gespreksresultaat: 'zelfstandig_afgehandeld',
    });
    expect((await ki(`/klantcontacten/${uuid}`)).omvatteBijlagen).toEqual([]);
    expect((await ki(`/bijlagen?bijlageidentificatorObjectId=${contactId}`)).count).toBe(0);
  });
});
