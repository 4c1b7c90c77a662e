import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CobrowseInvite, CobrowseResidentState, CobrowseSessionView } from '@kcc/contracts/cobrowse';
import type { Ack } from '@kcc/contracts/realtime';
import { ack, COBROWSE_ENV, connectResident, next, onACall } from '../../../test-support/cobrowse-kit';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import type { TestServer } from '../../../test-support/test-server';
import { startTwoInstances, type TwoInstances } from '../../../test-support/two-instances';

/**
 * Co-browse over two instances that share one Redis. The relay, the codes, the sessions and the limits are
 * shared through Redis. The contact is not: until the PostgreSQL store lands each instance keeps its contacts in
 * its own SQLite, so the telephony platform's call is delivered to both instances here and Anna accepts it on
 * both; "only the agent who holds the contact" is then checked on the instance her pane is on. That a contact made
 * on A is held on B without this is what the PostgreSQL work adds.
 */
let cluster: TwoInstances;
const sockets: Socket[] = [];

beforeAll(async () => {
  cluster = await startTwoInstances(COBROWSE_ENV, {
    a: { klantinteracties: createFakeKlantinteracties() },
    b: { klantinteracties: createFakeKlantinteracties() },
  });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await cluster?.stop();
});

const resident = async (server: TestServer) => {
  const socket = await connectResident(server);
  sockets.push(socket);
  return socket;
};

/** The agent on both instances with a co-browse pane on each, holding the same call (delivered to both, see above). */
async function onACallOnBoth(username: 'anna' | 'bram', callId: string) {
  const call = await onACall({ a: cluster.a, b: cluster.b }, username, callId);
  sockets.push(...call.sockets);
  return call as typeof call & { panes: Record<'a' | 'b', Socket>; contactIds: Record<'a' | 'b', string> };
}

describe('co-browse on two instances', () => {
  it('a code the resident got on A is redeemed on B exactly once, also when both redeem it at the same moment; the relay crosses instances', async () => {
    const { panes, contactIds } = await onACallOnBoth('anna', 'call-cluster-1');
    const res = await resident(cluster.a);
    const code = await ack<{ code: string }>(res, 'cobrowse:code');
    if (!code.ok) throw new Error('no code');

    const invited = next<CobrowseInvite>(res, 'cobrowse:invite');
    const [onA, onB] = await Promise.all([
      ack<CobrowseSessionView>(panes.a, 'cobrowse:redeem', { contactId: contactIds.a, code: code.data.code }),
      ack<CobrowseSessionView>(panes.b, 'cobrowse:redeem', { contactId: contactIds.b, code: code.data.code }),
    ]);
    const results = [onA, onB];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'wrong_code' }]);
    const pane = onA.ok ? panes.a : panes.b;
    const { sessionId, token } = await invited;
    const invite = { sessionId, token };

    // The resident's page (on A) joins and consents; the pane on the other instance sees it.
    expect(await ack<CobrowseResidentState>(res, 'cobrowse:join', invite)).toMatchObject({
      ok: true,
      data: { status: 'invited' },
    });
    const active = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'active');
    expect(await ack(res, 'cobrowse:consent', { allow: true })).toEqual({ ok: true });
    await active;
    const relayed = next<{ seq: number; part: string }>(pane, 'cobrowse:events');
    expect(await ack(res, 'cobrowse:events', { seq: 1, part: '[{"type":4}]', final: true })).toEqual({
      ok: true,
    });
    expect(await relayed).toMatchObject({ sessionId: invite.sessionId, seq: 1 });
    const pointer = next<{ x: number; y: number }>(res, 'cobrowse:pointer');
    pane.emit('cobrowse:pointer', { sessionId: invite.sessionId, x: 3, y: 4 });
    expect(await pointer).toEqual({ x: 3, y: 4 });

    // The resident's next page lands on B: the session goes on there with the token.
    const paused = next<CobrowseSessionView>(pane, 'cobrowse:state', (v) => v.status === 'paused');
    res.disconnect();
    await paused;
    const nextPage = await resident(cluster.b);
    expect(await ack<CobrowseResidentState>(nextPage, 'cobrowse:join', invite)).toMatchObject({
      ok: true,
      data: { status: 'active' },
    });
    const ended = next<CobrowseResidentState>(nextPage, 'cobrowse:state', (s) => s.status === 'ended');
    expect(await ack(pane, 'cobrowse:end', { sessionId: invite.sessionId })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ endedReason: 'agent' });
  });

  it('wrong codes count over both instances', async () => {
    const { panes, contactIds } = await onACallOnBoth('bram', 'call-cluster-2');
    const res = await resident(cluster.b);
    const code = await ack<{ code: string }>(res, 'cobrowse:code');
    if (!code.ok) throw new Error('no code');
    const guess = (i: number) => String((Number(code.data.code) + 1 + i) % 1_000_000).padStart(6, '0');
    // 5 wrong codes per agent in 10 minutes: three on A and two on B.
    for (let i = 0; i < 5; i++) {
      const name = i < 3 ? 'a' : 'b';
      expect(
        await ack(panes[name], 'cobrowse:redeem', { contactId: contactIds[name], code: guess(i) }),
      ).toEqual({
        ok: false,
        error: 'wrong_code',
      });
    }
    expect(await ack(panes.a, 'cobrowse:redeem', { contactId: contactIds.a, code: code.data.code })).toEqual({
      ok: false,
      error: 'rate_limited',
    });
  });

  it('codes per IP count over both instances', async () => {
    const onA = await resident(cluster.a);
    const onB = await resident(cluster.b);
    // 10 codes per IP per hour; the earlier tests used some of them.
    const answers: Ack<unknown>[] = [];
    for (let i = 0; i < 12; i++) answers.push(await ack(i % 2 ? onB : onA, 'cobrowse:code'));
    const refused = answers.findIndex((r) => !r.ok);
    expect(refused).toBeGreaterThan(0);
    expect(answers.slice(refused)).toEqual(
      Array.from({ length: 12 - refused }, () => ({ ok: false, error: 'rate_limited' })),
    );
    // Both instances refuse: one counter.
    expect(answers.slice(refused).length).toBeGreaterThanOrEqual(2);
  });
});
