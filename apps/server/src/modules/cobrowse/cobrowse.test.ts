import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { CobrowseInvite, CobrowseResidentState, CobrowseSessionView } from '@kcc/contracts/cobrowse';
import type { Ack } from '@kcc/contracts/realtime';
import { INTEGRATION_KEY } from '../../../test-support/test-server';
import { TestClock } from '../../../test-support/test-clock';
import { startChannelKit, type ChannelKit } from '../../../test-support/channel-test-kit';

type Client = Socket;

function next<T>(
  socket: Client,
  event: string,
  match: (p: T) => boolean = () => true,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timeout waiting for ${event}`));
    }, ms);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

const ack = <T = undefined>(socket: Client, event: string, payload: unknown = {}) =>
  socket.emitWithAck(event, payload) as Promise<Ack<T>>;

describe('co-browse relay (/cobrowse and /cobrowse-agent)', () => {
  let kit: ChannelKit;
  let clock: TestClock;
  let seq = 0;
  let clients: Client[] = [];
  // A server per test: each test's agent starts free.
  beforeEach(async () => {
    clock = new TestClock();
    kit = await startChannelKit(
      { KCC_CTI_NUMBERS: '14020=algemeen', KCC_CHAT_MAX_CONNECTIONS_PER_IP: '60' },
      { clock },
    );
  });
  afterEach(async () => {
    for (const c of clients) c.disconnect();
    clients = [];
    await kit.stop();
  });

  const connect = (nsp: string, opts: Record<string, unknown>): Promise<Client> => {
    const socket = ioClient(`${kit.server.url}${nsp}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...opts,
    });
    clients.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };
  const resident = () => connect('/cobrowse', { extraHeaders: { origin: kit.origin } });
  const agentPane = (token: string) => connect('/cobrowse-agent', { auth: { token } });
  const cti = (type: string, callId: string, extra: Record<string, unknown> = {}) =>
    fetch(`${kit.server.url}/api/channels/telefonie/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': INTEGRATION_KEY },
      body: JSON.stringify({ eventId: `ev-${++seq}`, type, callId, ...extra }),
    });

  /** Anna answers a call; returns her token, her pane socket and the contact id. */
  async function annaOnACall(callId: string) {
    const { token, socket } = await kit.agent('anna');
    const offered = kit.acceptNext(socket);
    await cti('call.offered', callId, { from: '0612345678', to: '14020' });
    const offer = await offered;
    const pane = await agentPane(token);
    return { token, socket, pane, contactId: offer.contact.id };
  }

  it('phone flow: code, consent, relay only after Toestaan, control only after the second consent, resident stops; verwerkingenlog line', async () => {
    const { pane, contactId } = await annaOnACall('call-cb-1');
    const res = await resident();
    const code = await ack<{ code: string; expiresAt: string }>(res, 'cobrowse:code');
    expect(code.ok).toBe(true);
    if (!code.ok) return;
    expect(code.data.code).toMatch(/^[0-9]{6}$/);

    const wrong = code.data.code === '000000' ? '000001' : '000000';
    expect(await ack(pane, 'cobrowse:redeem', { contactId, code: wrong })).toEqual({
      ok: false,
      error: 'wrong_code',
    });

    const invited = next<CobrowseInvite>(res, 'cobrowse:invite');
    const redeemed = await ack<CobrowseSessionView>(pane, 'cobrowse:redeem', {
      contactId,
      code: code.data.code,
    });
    expect(redeemed).toMatchObject({ ok: true, data: { contactId, status: 'invited', via: 'code' } });
    const invite = await invited;
    expect(invite.agentName).toBe('Anna');
    // Single use.
    expect(await ack(pane, 'cobrowse:redeem', { contactId, code: code.data.code })).toEqual({
      ok: false,
      error: 'wrong_code',
    });

    const joined = await ack<CobrowseResidentState>(res, 'cobrowse:join', {
      sessionId: invite.sessionId,
      token: invite.token,
    });
    expect(joined).toMatchObject({ ok: true, data: { status: 'invited', agentName: 'Anna' } });
    // Nothing passes before consent.
    const received: unknown[] = [];
    pane.on('cobrowse:events', (p) => received.push(p));
    expect(await ack(res, 'cobrowse:events', { seq: 0, part: '[]', final: true })).toEqual({
      ok: false,
      error: 'not_active',
    });

    const active = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'active');
    expect(await ack(res, 'cobrowse:consent', { allow: true })).toEqual({ ok: true });
    await active;
    const relayed = next<{ sessionId: string; part: string }>(pane, 'cobrowse:events');
    expect(await ack(res, 'cobrowse:events', { seq: 1, part: '[{"type":4}]', final: true })).toEqual({
      ok: true,
    });
    expect(await relayed).toMatchObject({ sessionId: invite.sessionId, seq: 1, part: '[{"type":4}]' });
    expect(received).toHaveLength(1);

    const pointer = next<{ x: number; y: number }>(res, 'cobrowse:pointer');
    pane.emit('cobrowse:pointer', { sessionId: invite.sessionId, x: 10, y: 20 });
    expect(await pointer).toEqual({ x: 10, y: 20 });

    const click = { sessionId: invite.sessionId, action: { type: 'click', nodeId: 5 } };
    expect(await ack(pane, 'cobrowse:input', click)).toEqual({ ok: false, error: 'control_not_allowed' });
    // The resident cannot grant control nobody asked for.
    expect(await ack(res, 'cobrowse:control-consent', { allow: true })).toEqual({
      ok: false,
      error: 'control_not_allowed',
    });
    const asked = next<CobrowseResidentState>(res, 'cobrowse:state', (s) => s.control === 'requested');
    expect(await ack(pane, 'cobrowse:control-request', { sessionId: invite.sessionId })).toEqual({
      ok: true,
    });
    await asked;
    expect(await ack(res, 'cobrowse:control-consent', { allow: true })).toEqual({ ok: true });
    const input = next<unknown>(res, 'cobrowse:input');
    expect(await ack(pane, 'cobrowse:input', click)).toEqual({ ok: true });
    expect(await input).toEqual({ type: 'click', nodeId: 5 });
    // Taken back.
    expect(await ack(res, 'cobrowse:control-consent', { allow: false })).toEqual({ ok: true });
    expect(await ack(pane, 'cobrowse:input', click)).toEqual({ ok: false, error: 'control_not_allowed' });

    kit.server.db
      .prepare('UPDATE contacts SET partij_uuid = ? WHERE id = ?')
      .run('6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', contactId);
    const ended = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'ended');
    expect(await ack(res, 'cobrowse:end')).toEqual({ ok: true });
    expect(await ended).toMatchObject({ endedReason: 'resident' });
    expect(await ack(res, 'cobrowse:events', { seq: 2, part: '[]', final: true })).toMatchObject({
      ok: false,
    });

    const rows = kit.server.db
      .prepare('SELECT actie_naam, gebruiker_id, doel FROM audit_verwerkingsacties WHERE contact_id = ?')
      .all(contactId) as { actie_naam: string; gebruiker_id: string; doel: string }[];
    const line = rows.find((r) => r.actie_naam.startsWith('Meekijken'));
    expect(line).toMatchObject({ gebruiker_id: 'user-anna', doel: `contact:${contactId}` });
    expect(line?.actie_naam).toContain('bediening toegestaan');
  });

  it('only the agent who holds the contact co-browses it; an expired code and guessing are refused', async () => {
    const { pane, contactId } = await annaOnACall('call-cb-2');
    const bram = await agentPane(await kit.server.login('bram'));
    const res = await resident();
    const code = await ack<{ code: string }>(res, 'cobrowse:code');
    if (!code.ok) throw new Error('no code');
    expect(await ack(bram, 'cobrowse:redeem', { contactId, code: code.data.code })).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(await ack(bram, 'cobrowse:watch', { contactId })).toEqual({ ok: false, error: 'forbidden' });

    clock.advance(10 * 60_000 + 1);
    expect(await ack(pane, 'cobrowse:redeem', { contactId, code: code.data.code })).toMatchObject({
      ok: false,
    });

    const fresh = await ack<{ code: string }>(res, 'cobrowse:code');
    if (!fresh.ok) throw new Error('no code');
    for (let i = 0; i < 5; i++) {
      const guess = String((Number(fresh.data.code) + 1 + i) % 1_000_000).padStart(6, '0');
      expect(await ack(pane, 'cobrowse:redeem', { contactId, code: guess })).toEqual({
        ok: false,
        error: 'wrong_code',
      });
    }
    expect(await ack(pane, 'cobrowse:redeem', { contactId, code: fresh.data.code })).toEqual({
      ok: false,
      error: 'rate_limited',
    });
    expect(await ack(pane, 'cobrowse:redeem', { contactId, code: 'abc' })).toMatchObject({
      error: 'invalid_payload',
    });
  });

  it('an expired code is refused as expired (injected clock)', async () => {
    const { pane, contactId } = await annaOnACall('call-cb-3');
    const res = await resident();
    const code = await ack<{ code: string }>(res, 'cobrowse:code');
    if (!code.ok) throw new Error('no code');
    clock.advance(10 * 60_000);
    expect(await ack(pane, 'cobrowse:redeem', { contactId, code: code.data.code })).toEqual({
      ok: false,
      error: 'expired_code',
    });
    // Used up by that attempt.
    expect(await ack(pane, 'cobrowse:redeem', { contactId, code: code.data.code })).toEqual({
      ok: false,
      error: 'wrong_code',
    });
  });

  it('chat flow: the invite reaches the chat; refusing ends it; the end of the chat ends a running session; both are in the verwerkingenlog', async () => {
    const { token, socket } = await kit.agent('anna');
    const citizen = await kit.citizen();
    const offered = kit.acceptNext(socket);
    const started = await citizen.emitWithAck('chat:start', { name: 'Piet' });
    if (!started.ok) throw new Error('chat did not start');
    const offer = await offered;
    const pane = await agentPane(token);
    const invited = next<CobrowseInvite>(citizen as unknown as Client, 'cobrowse:invite');
    const req = await ack<CobrowseSessionView>(pane, 'cobrowse:request', { contactId: offer.contact.id });
    expect(req).toMatchObject({ ok: true, data: { via: 'chat', status: 'invited' } });
    const invite = await invited;
    const res = await resident();
    await ack(res, 'cobrowse:join', { sessionId: invite.sessionId, token: invite.token });
    const refused = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'ended');
    expect(await ack(res, 'cobrowse:consent', { allow: false })).toEqual({ ok: true });
    expect(await refused).toMatchObject({ endedReason: 'refused' });
    expect(await ack(res, 'cobrowse:join', { sessionId: invite.sessionId, token: 'x'.repeat(32) })).toEqual({
      ok: false,
      error: 'not_found',
    });

    // Again, allowed this time; then the resident ends the chat: the session ends with it.
    const again = next<CobrowseInvite>(citizen as unknown as Client, 'cobrowse:invite');
    await ack(pane, 'cobrowse:request', { contactId: offer.contact.id });
    const second = await again;
    const res2 = await resident();
    await ack(res2, 'cobrowse:join', { sessionId: second.sessionId, token: second.token });
    await ack(res2, 'cobrowse:consent', { allow: true });
    const ended = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'ended');
    await citizen.emitWithAck('chat:end', {});
    expect(await ended).toMatchObject({ endedReason: 'contact-ended' });

    // An anonymous chat: both sessions are in the verwerkingenlog, naming the klantcontact.
    const lines = kit.server.db
      .prepare(
        `SELECT a.actie_naam, a.gebruiker_id, a.doel, o.partij_uuid, o.bsn_hmac, o.betrokkenheid, o.soorten_gegevens
         FROM audit_verwerkingsacties a JOIN audit_verwerkte_objecten o ON o.actie_seq = a.seq
         WHERE a.contact_id = ? AND a.actie_naam LIKE 'Meekijken%' ORDER BY a.seq`,
      )
      .all(offer.contact.id) as Record<string, string | null>[];
    const anonymous = {
      gebruiker_id: 'user-anna',
      doel: `contact:${offer.contact.id}`,
      partij_uuid: null,
      bsn_hmac: null,
      betrokkenheid: 'Inwoner van het klantcontact, niet geïdentificeerd',
    };
    expect(lines).toEqual([
      expect.objectContaining({ ...anonymous, soorten_gegevens: '["verzoek om mee te kijken"]' }),
      expect.objectContaining({ ...anonymous, soorten_gegevens: '["websitepagina (gemaskeerd)"]' }),
    ]);
    expect(lines[0]?.actie_naam).toContain('bekijken niet toegestaan (geweigerd), niets gedeeld');
    expect(lines[1]?.actie_naam).toContain('bekijken toegestaan, bediening niet toegestaan');
  });

  it('a transfer of the call ends a running session as transferred', async () => {
    const { token, pane, contactId } = await annaOnACall('call-cb-5');
    const res = await resident();
    const code = await ack<{ code: string }>(res, 'cobrowse:code');
    if (!code.ok) throw new Error('no code');
    const invited = next<CobrowseInvite>(res, 'cobrowse:invite');
    await ack(pane, 'cobrowse:redeem', { contactId, code: code.data.code });
    const invite = await invited;
    await ack(res, 'cobrowse:join', { sessionId: invite.sessionId, token: invite.token });
    await ack(res, 'cobrowse:consent', { allow: true });
    const ended = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'ended');
    const residentEnded = next<CobrowseResidentState>(res, 'cobrowse:state', (v) => v.status === 'ended');
    const transfer = await fetch(`${kit.server.url}/api/contacts/${contactId}/transfer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ toQueue: 'belastingen', note: 'Vraag over de aanslag' }),
    });
    expect(transfer.status).toBe(200);
    expect(await ended).toMatchObject({ endedReason: 'transferred' });
    expect(await residentEnded).toMatchObject({ endedReason: 'transferred' });
    expect(await ack(res, 'cobrowse:events', { seq: 0, part: '[]', final: true })).toMatchObject({
      ok: false,
    });
  });

  it('a resident between pages pauses the session and resumes it with the token; gone too long ends it', async () => {
    const { pane, contactId } = await annaOnACall('call-cb-4');
    const res = await resident();
    const code = await ack<{ code: string }>(res, 'cobrowse:code');
    if (!code.ok) throw new Error('no code');
    const invited = next<CobrowseInvite>(res, 'cobrowse:invite');
    await ack(pane, 'cobrowse:redeem', { contactId, code: code.data.code });
    const invite = await invited;
    await ack(res, 'cobrowse:join', { sessionId: invite.sessionId, token: invite.token });
    await ack(res, 'cobrowse:consent', { allow: true });

    const paused = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'paused');
    res.disconnect();
    await paused;
    const nextPage = await resident();
    const active = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'active');
    expect(
      await ack(nextPage, 'cobrowse:join', { sessionId: invite.sessionId, token: invite.token }),
    ).toMatchObject({
      ok: true,
      data: { status: 'active' },
    });
    await active;

    const gone = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'ended');
    nextPage.disconnect();
    await next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'paused');
    clock.advance(30_000);
    expect(await gone).toMatchObject({ endedReason: 'resident-left' });
  });

  it('refuses other origins and bad payloads without crashing', async () => {
    await expect(connect('/cobrowse', { extraHeaders: { origin: 'https://evil.example' } })).rejects.toThrow(
      'origin_not_allowed',
    );
    await expect(connect('/cobrowse-agent', { auth: { token: 'nope' } })).rejects.toThrow('unauthorized');
    const res = await resident();
    expect(await ack(res, 'cobrowse:join', { sessionId: 1 })).toMatchObject({ error: 'invalid_payload' });
    expect(await ack(res, 'cobrowse:consent', { allow: true })).toEqual({ ok: false, error: 'not_active' });
    expect(
      await ack(res, 'cobrowse:events', { seq: 0, part: 'x'.repeat(70_000), final: true }),
    ).toMatchObject({
      error: 'invalid_payload',
    });
  });
});
