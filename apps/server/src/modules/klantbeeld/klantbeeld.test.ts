import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '@kcc/contracts/domain';
import type { KlantbeeldResponse, LinkPartijResponse, PartijSearchResponse } from '@kcc/contracts/rest';
import { createFakeKlantinteracties, FAKE_AFDELING_UUID } from '../../../test-support/fake-klantinteracties';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';

describe('klantbeeld, partij search and linking', () => {
  let server: TestServer;
  let token: string;
  let anna: AgentClient;

  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
    token = await server.login('anna');
    anna = await server.connectAgent(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
  });
  afterAll(() => server.stop());

  async function holdContact(externalId: string, from: Record<string, string>): Promise<string> {
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'chat', externalId, from });
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    return contact.id;
  }

  const get = async <T>(path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: bearer(token) });
    return { status: res.status, body: (await res.json()) as T };
  };
  const post = async <T>(path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  it('shows an unknown caller as onbekend, then links an existing partij found by search', async () => {
    const id = await holdContact('kb-1', { name: 'Onbekende beller' });
    const before = await get<KlantbeeldResponse>(`/api/contacts/${id}/klantbeeld`);
    expect(before.body).toMatchObject({
      herkenning: 'onbekend',
      kandidaten: [],
      klantcontacten: [],
      openInterneTaken: [],
      identificatie: { niveau: 'onbekend', verificatie: { mogelijk: false } },
    });
    expect(before.body).not.toHaveProperty('integraal');

    expect((await get(`/api/partijen?q=j`)).status).toBe(400);
    const found = await get<PartijSearchResponse>(`/api/partijen?q=jansen`);
    expect(found.body.items.map((p) => p.naam)).toEqual(['Jan Jansen']);
    const uuid = found.body.items[0]!.uuid;

    const updated = nextEvent(anna, 'contact:updated');
    const linked = await post<LinkPartijResponse>(`/api/contacts/${id}/partij`, { uuid });
    expect(linked.status).toBe(200);
    expect(linked.body.partij.uuid).toBe(uuid);
    expect((await updated).contact.partijUuid).toBe(uuid);
    const after = await get<KlantbeeldResponse>(`/api/contacts/${id}/klantbeeld`);
    // Linked by the agent on the resident's word: a candidate, not yet verified.
    expect(after.body).toMatchObject({
      herkenning: 'gekoppeld',
      partij: { uuid },
      identificatie: { niveau: 'herkend', methode: 'gekoppeld' },
    });
    expect((await get<Contact>(`/api/contacts/${id}`)).body.partijUuid).toBe(uuid);
  });

  it('creates a new persoon for an unknown caller and refuses unknown partijen', async () => {
    const id = await holdContact('kb-2', {});
    const bad = await post<{ invalidParams: { name: string }[] }>(`/api/contacts/${id}/partij`, {
      uuid: '3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams[0]?.name).toBe('uuid');
    expect((await post(`/api/contacts/${id}/partij`, { nieuw: {} })).status).toBe(400);
    const created = await post<LinkPartijResponse>(`/api/contacts/${id}/partij`, {
      nieuw: { voornaam: 'Fleur', achternaam: 'de Wit', telefoonnummer: '0687654321' },
    });
    expect(created.status).toBe(201);
    expect(created.body.partij.naam).toBe('Fleur de Wit');
    const logged = server.db
      .prepare('SELECT handeling FROM verwerkingen WHERE contact_id = ? ORDER BY seq')
      .all(id)
      .map((r) => (r as { handeling: string }).handeling);
    expect(logged).toEqual(['aanmaken']);
  });

  it('serves gespreksresultaten, afdelingen and my interne taken', async () => {
    expect((await get<{ items: unknown[] }>('/api/gespreksresultaten')).body.items.length).toBeGreaterThan(0);
    expect((await get<{ items: { naam: string }[] }>('/api/afdelingen')).body.items[0]?.naam).toBe(
      'Burgerzaken',
    );
    // Demo: Anna works Burgerzaken's taken (modules/interne-taken).
    expect((await get('/api/internetaken')).body).toEqual({
      afdelingen: [{ uuid: FAKE_AFDELING_UUID, naam: 'Burgerzaken' }],
      items: [],
    });
  });
});
