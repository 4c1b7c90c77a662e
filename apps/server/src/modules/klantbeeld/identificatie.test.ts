import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack } from '@kcc/contracts/realtime';
import type {
  ContactKlantbeeldResponse,
  KlantbeeldDetailResponse,
  VerificatieResponse,
} from '@kcc/contracts/klantbeeld';
import type { ChatStarted } from '@kcc/contracts/channels';
import {
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeRows } from '../../../test-support/store-rows';
import { createDemoDigidIssuer } from './digid';

// Demo data: Fatima El Amrani (BSN 999993653) calls from 0612345678, was born 1984-03-12 and lives at
// Lindelaan 4, 1234 AB; she has a lopende zaak past its deadline.
const FATIMA = { bsn: '999993653', phone: '0612345678' };
const GOED = { geboortedatum: '1984-03-12', postcode: '1234 ab', huisnummer: 4 };

describeEachStore('identification levels', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  let token: string;
  let anna: AgentClient;

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env);
    token = await server.login('anna');
    anna = await server.connectAgent(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  async function accept(offered: Promise<{ offerId: string; contact: { id: string } }>): Promise<string> {
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    return contact.id;
  }
  async function holdCall(externalId: string, from: Record<string, string>): Promise<string> {
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'telefoon', externalId, from, subject: 'Vraag over mijn bezwaar' });
    return accept(offered);
  }
  /** Ends a held contact so the agent is free for the next offer. */
  async function finish(id: string, partijUuid?: string): Promise<string> {
    const res = await fetch(`${server.url}/api/contacts/${id}/registration`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        onderwerp: 'Test',
        gespreksresultaat: 'zelfstandig_afgehandeld',
        ...(partijUuid ? { partij: { uuid: partijUuid } } : {}),
      }),
    });
    expect(res.status).toBe(201);
    const { klantcontact } = (await res.json()) as { klantcontact: { uuid: string } };
    expect(await anna.emitWithAck('presence:set', { status: 'beschikbaar' })).toMatchObject({ ok: true });
    return klantcontact.uuid;
  }
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const klantbeeld = (id: string) =>
    call<ContactKlantbeeldResponse>('GET', `/api/contacts/${id}/klantbeeld`).then((r) => r.body);
  const verifieer = (id: string, body: unknown) =>
    call<VerificatieResponse & { detail?: string }>('POST', `/api/contacts/${id}/verificatie`, body);
  const logLines = (id: string) =>
    storeRows(
      server.store,
      sql<{ doel: string; gegevensbron: string; betrokkenheid: string }>`
        SELECT a.doel, a.gegevensbron, o.betrokkenheid FROM audit_verwerkingsacties a
          JOIN audit_verwerkte_objecten o ON o.actie_seq = a.seq WHERE a.contact_id = ${id} ORDER BY a.seq`,
    );

  it('a caller recognised by phone is herkend: history and open taken only, no BSN, BRP, zaken or signals', async () => {
    const id = await holdCall('id-1', { phone: FATIMA.phone });
    const kb = await klantbeeld(id);
    expect(kb.herkenning).toBe('telefoon');
    expect(kb.identificatie).toMatchObject({
      niveau: 'herkend',
      methode: 'telefoon',
      afgeschermd: ['identiteit', 'zaken', 'signalen'],
      verificatie: { mogelijk: true, pogingenOver: 3 },
    });
    expect(kb.partij?.naam).toBe('Fatima El Amrani');
    expect(kb.partij).not.toHaveProperty('bsn');
    expect(JSON.stringify(kb)).not.toContain(FATIMA.bsn);
    expect(JSON.stringify(kb)).not.toContain('1984-03-12');
    expect(kb.integraal?.identiteit.status).toBe('afgeschermd');
    expect(kb.integraal?.zaken.status).toBe('afgeschermd');
    expect(kb.integraal?.signalen).toEqual([]);
    expect(kb.integraal?.klantcontacten.status).toBe('beschikbaar');
    expect(kb.integraal?.interneTaken.status).toBe('beschikbaar');
    // The BRP and Zaken were not even asked.
    expect(
      kb.integraal?.verantwoording.bronnen
        .filter((b) => b.register !== 'klantinteracties')
        .map((b) => b.status),
    ).toEqual(['afgeschermd', 'afgeschermd', 'afgeschermd']);
    const lines = await logLines(id);
    expect(lines.map((l) => l.gegevensbron)).toEqual(['klantinteracties']);
    expect(lines[0]?.betrokkenheid).toBe('Klant (identificatieniveau: herkend)');

    // A BRP search for the contact shows names only: no birth dates or addresses to read the answers from.
    const zoek = await call<{ items: Record<string, unknown>[] }>(
      'GET',
      `/api/klantbeeld/personen?postcode=1234AB&huisnummer=4&contactId=${id}`,
    );
    expect(zoek.status).toBe(200);
    expect(zoek.body.items.length).toBeGreaterThan(0);
    for (const p of zoek.body.items) {
      expect(p).not.toHaveProperty('geboortedatum');
      expect(p.adresregels).toEqual([]);
    }
    // The contact-bound persoon detail is refused the same way: no way around it with the BSN.
    const detail = await call<KlantbeeldDetailResponse>(
      'GET',
      `/api/klantbeeld/persoon/${FATIMA.bsn}?contactId=${id}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.integraal.identiteit.status).toBe('afgeschermd');
    expect(detail.body.integraal.zaken.status).toBe('afgeschermd');
    await finish(id);
  });

  it('wrong answers are refused without saying which, then the contact is locked after three', async () => {
    const id = await holdCall('id-2', { phone: FATIMA.phone });
    const bad = await verifieer(id, { geboortedatum: '1984-03-13', postcode: '1234AB', huisnummer: 4 });
    expect(bad.status).toBe(200);
    expect(bad.body.resultaat).toBe('onjuist');
    expect(bad.body.identificatie).toMatchObject({ niveau: 'herkend', verificatie: { pogingenOver: 2 } });
    expect(JSON.stringify(bad.body)).not.toContain('1984-03-12');
    expect((await verifieer(id, { ...GOED, postcode: '1234AC' })).body.resultaat).toBe('onjuist');
    const third = await verifieer(id, { ...GOED, huisnummer: 5 });
    expect(third.body.identificatie.verificatie).toMatchObject({ mogelijk: false, pogingenOver: 0 });
    // Locked: even the right answers no longer count.
    const locked = await verifieer(id, GOED);
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toContain('te veel onjuiste antwoorden');
    expect((await klantbeeld(id)).identificatie.niveau).toBe('herkend');
    // Bad input is a 400, not an attempt.
    expect((await verifieer(id, { geboortedatum: '12-03-1984', postcode: 'x', huisnummer: 0 })).status).toBe(
      400,
    );
    // Every attempt is in the log with verification as its purpose.
    const verificaties = (await logLines(id)).filter((l) => l.doel === 'verificatie');
    expect(verificaties).toHaveLength(3);
    expect(verificaties.every((l) => l.gegevensbron === 'brp')).toBe(true);
    expect(verificaties[0]?.betrokkenheid).toBe('Klant (verificatie mislukt)');
    await finish(id);
  });

  it('right answers make the contact geverifieerd: BRP, zaken and signals appear and the level is logged', async () => {
    const id = await holdCall('id-3', { phone: FATIMA.phone });
    const ok = await verifieer(id, GOED);
    expect(ok.status).toBe(200);
    expect(ok.body.resultaat).toBe('geverifieerd');
    expect(ok.body.identificatie).toMatchObject({
      niveau: 'geverifieerd',
      methode: 'verificatievragen',
      afgeschermd: [],
    });
    const kb = await klantbeeld(id);
    expect(kb.identificatie.niveau).toBe('geverifieerd');
    expect(kb.partij?.bsn).toBe(FATIMA.bsn);
    expect(kb.integraal?.identiteit).toMatchObject({
      status: 'beschikbaar',
      data: { geboortedatum: '1984-03-12' },
    });
    expect(kb.integraal?.zaken.status).toBe('beschikbaar');
    expect(kb.integraal?.signalen.length).toBeGreaterThan(0);
    const lines = await logLines(id);
    expect(lines.find((l) => l.doel === 'verificatie')?.betrokkenheid).toBe('Klant (verificatie gelukt)');
    const reads = lines.filter((l) => l.doel === `contact:${id}`);
    expect(new Set(reads.map((l) => l.gegevensbron))).toEqual(new Set(['brp', 'zaken', 'klantinteracties']));
    expect(reads.every((l) => l.betrokkenheid === 'Klant (identificatieniveau: geverifieerd)')).toBe(true);
    // Once verified, a search for the contact shows birth dates and addresses again.
    const zoek = await call<{ items: { geboortedatum?: string }[] }>(
      'GET',
      `/api/klantbeeld/personen?bsn=${FATIMA.bsn}&contactId=${id}`,
    );
    expect(zoek.body.items[0]?.geboortedatum).toBe('1984-03-12');
    // Verifying again is not needed.
    expect((await verifieer(id, GOED)).status).toBe(409);

    // The level goes with the registration into the klantcontact's metadata.
    const uuid = await finish(id, kb.partij!.uuid);
    const kc = await fetch(`${server.url}/klantinteracties/api/v1/klantcontacten/${uuid}`, {
      headers: { authorization: 'Token demo-klantinteracties-token' },
    });
    expect(((await kc.json()) as { metadata: Record<string, string> }).metadata).toMatchObject({
      identificatieniveau: 'geverifieerd',
    });
  });

  it('an unknown caller cannot be verified before a partij is linked', async () => {
    const id = await holdCall('id-4', { phone: '0699999999' });
    const kb = await klantbeeld(id);
    expect(kb.identificatie).toMatchObject({ niveau: 'onbekend', verificatie: { mogelijk: false } });
    expect((await verifieer(id, GOED)).status).toBe(409);
    await finish(id);
  });

  describe('DigiD', () => {
    const sockets: Socket[] = [];
    afterAll(() => sockets.forEach((s) => s.disconnect()));

    async function citizen(): Promise<Socket> {
      const s = ioClient(`${server.url}/citizen`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin: server.url },
      });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', resolve);
        s.once('connect_error', reject);
      });
      return s;
    }
    /** A token from the demo site's test issuer, as the demo website gets it. */
    const demoToken = async (bsn: string) => {
      const res = await fetch(`${server.url}/demo/digid/inloggen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bsn }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };
    const startChat = async (digidToken: string) => {
      const s = await citizen();
      return (await s.emitWithAck('chat:start', { subject: 'Mijn bezwaar', digidToken })) as Ack<ChatStarted>;
    };

    it('a chat started with a valid token is geauthenticeerd and shows the full klantbeeld', async () => {
      const offered = nextEvent(anna, 'contact:offered');
      const started = await startChat(await demoToken(FATIMA.bsn));
      expect(started.ok).toBe(true);
      const id = await accept(offered);
      const kb = await klantbeeld(id);
      expect(kb.herkenning).toBe('bsn');
      expect(kb.identificatie).toMatchObject({
        niveau: 'geauthenticeerd',
        methode: 'digid',
        afgeschermd: [],
      });
      expect(kb.integraal?.zaken.status).toBe('beschikbaar');
      expect(kb.integraal?.identiteit.status).toBe('beschikbaar');
      const reads = (await logLines(id)).filter((l) => l.doel === `contact:${id}`);
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((l) => l.betrokkenheid === 'Klant (identificatieniveau: geauthenticeerd)')).toBe(
        true,
      );
      await finish(id);
    });

    it('refuses a forged token, a token signed with another key and garbage; no contact is made', async () => {
      const good = await demoToken(FATIMA.bsn);
      const [h, p, sig] = good.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
      const forgedBody = Buffer.from(JSON.stringify({ ...payload, sub: '999990627' })).toString('base64url');
      // Same issuer name, another key: the signature does not verify.
      const otherKey = await (await createDemoDigidIssuer()).sign(FATIMA.bsn);
      const contactsBefore = server.db.prepare(`SELECT COUNT(*) AS n FROM contacts`).get();
      for (const t of [`${h}.${forgedBody}.${sig}`, otherKey, 'not-a-jwt-at-all-but-long-enough']) {
        const res = await startChat(t);
        expect(res).toMatchObject({ ok: false, error: 'digid_invalid' });
      }
      expect(server.db.prepare(`SELECT COUNT(*) AS n FROM contacts`).get()).toEqual(contactsBefore);
    });

    it('chats started at the same time each keep their own level: DigiD ones geauthenticeerd, the others nothing', async () => {
      const tokens = [await demoToken(FATIMA.bsn), await demoToken('999990627')];
      const starts = await Promise.all(
        [tokens[0], undefined, tokens[1], undefined].map(async (token) => {
          const s = await citizen();
          const res = (await s.emitWithAck('chat:start', {
            subject: 'Tegelijk',
            ...(token !== undefined ? { digidToken: token } : {}),
          })) as Ack<ChatStarted>;
          if (!res.ok) throw new Error(`start failed: ${res.error}`);
          return { conversationId: res.data.conversationId, digid: token !== undefined };
        }),
      );
      const contactOf = async (conversationId: string) =>
        (
          await storeRows(
            server.store,
            sql<{
              contact_id: string;
            }>`SELECT contact_id FROM chat_conversations WHERE id = ${conversationId}`,
          )
        )[0]!.contact_id;
      for (const start of starts) {
        const contactId = await contactOf(start.conversationId);
        const rows = await storeRows(
          server.store,
          sql<{ niveau: string }>`SELECT niveau FROM contact_identificatie WHERE contact_id = ${contactId}`,
        );
        expect(rows).toEqual(start.digid ? [{ niveau: 'geauthenticeerd' }] : []);
      }
    });
  });
});
