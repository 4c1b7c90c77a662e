import { describe, expect, it } from 'vitest';
import type { CobrowseResidentState, CobrowseSessionView } from '@kcc/contracts/cobrowse';
import { TestClock } from '../../../test-support/test-clock';
import { memorySharedState } from '../../cluster';
import type { ContactRecord } from '../contacts/contacts.repository';
import { CobrowseService, type CobrowseSessionRecord } from './cobrowse.service';

/** `shared`: the state stands for Redis, which other instances see (in memory here, so the test stays in-process). */
function setup(options: { shared?: boolean } = {}) {
  const clock = new TestClock({ frozenAt: 1_000_000 });
  const state = { ...memorySharedState(clock), shared: options.shared ?? false };
  const contacts = new Map<string, ContactRecord>();
  const ended: CobrowseSessionRecord[] = [];
  const toAgent: CobrowseSessionView[] = [];
  const toResident: CobrowseResidentState[] = [];
  const channelEnded = new Set<string>();
  const deps = {
    clock,
    state,
    contact: async (id: string) => contacts.get(id),
    openConversationOf: async (id: string) =>
      contacts.get(id)?.channel === 'chat' ? `conv-${id}` : undefined,
    channelEndedSince: async (id: string) => channelEnded.has(id),
    agentName: () => 'Anna',
    onEnded: (r: CobrowseSessionRecord) => ended.push(r),
    resumeGraceMs: 30_000,
  };
  const service = new CobrowseService(deps);
  const invites: string[] = [];
  const tokens = new Map<string, string>();
  service.bindRelay({
    toAgent: (_id, v) => toAgent.push(v),
    toResident: (_id, s) => toResident.push(s),
    inviteChat: (conv, invite) => {
      invites.push(conv);
      tokens.set(invite.sessionId, invite.token);
    },
    inviteCode: (room) => invites.push(room),
  });
  const contact = (id: string, over: Partial<ContactRecord> = {}) => {
    const c: ContactRecord = {
      id,
      channel: 'chat',
      externalId: id,
      queueId: 'chat',
      status: 'assigned',
      priority: 0,
      from: {},
      createdAt: clock.now(),
      assignedAgentId: 'user-anna',
      registrations: 0,
      ...over,
    };
    contacts.set(id, c);
    return c;
  };
  return {
    service,
    contact,
    ended,
    toAgent,
    toResident,
    invites,
    channelEnded,
    invite: (sessionId: string) => tokens.get(sessionId) ?? '',
    /** Another instance on the same state. */
    another: () => new CobrowseService(deps),
    advance: (ms: number) => clock.advance(ms),
  };
}

describe('CobrowseService', () => {
  it('a transfer ends a running session; the log record has the consent for view and control', async () => {
    const t = setup();
    const c = t.contact('c1');
    const started = await t.service.requestFromChat('user-anna', 'c1');
    if (!started.ok) throw new Error('not started');
    const id = started.data.sessionId;
    expect(t.invites).toEqual(['conv-c1']);
    expect(await t.service.mayRelay(id)).toBe(false);
    await t.service.consent(id, true);
    expect(await t.service.mayRelay(id)).toBe(true);
    await t.service.requestControl('user-anna', id);
    await t.service.controlConsent(id, true);
    t.advance(60_000);
    await t.service.contactChanged({ ...c, status: 'transferred' });
    expect(t.toAgent.at(-1)).toMatchObject({ status: 'ended', endedReason: 'transferred' });
    expect(t.toResident.at(-1)).toMatchObject({ status: 'ended', control: 'none' });
    expect(t.ended).toEqual([
      expect.objectContaining({
        contactId: 'c1',
        agentId: 'user-anna',
        viewConsent: true,
        controlConsent: true,
      }),
    ]);
    expect(t.ended[0]!.endedAt - t.ended[0]!.startedAt).toBe(60_000);
    expect(await t.service.mayRelay(id)).toBe(false);
  });

  it('only the holding agent: another agent, a queued contact and a phone contact for "Meekijken" are refused', async () => {
    const t = setup();
    t.contact('c1');
    t.contact('c2', { status: 'queued', assignedAgentId: undefined });
    t.contact('c3', { channel: 'telefoon' });
    expect(await t.service.requestFromChat('user-bram', 'c1')).toEqual({ ok: false, error: 'forbidden' });
    expect(await t.service.requestFromChat('user-anna', 'c2')).toEqual({ ok: false, error: 'forbidden' });
    expect(await t.service.requestFromChat('user-anna', 'c3')).toEqual({ ok: false, error: 'not_supported' });
    expect(await t.service.requestFromChat('user-anna', 'nope')).toEqual({ ok: false, error: 'not_found' });
    const s = await t.service.requestFromChat('user-anna', 'c1');
    if (!s.ok) throw new Error('not started');
    expect(await t.service.endByAgent('user-bram', s.data.sessionId)).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(await t.service.mayPoint('user-bram', s.data.sessionId)).toBe(false);
  });

  it('unanswered invites and residents away too long end on the clock; the sweep ends sessions whose chat ended', async () => {
    const t = setup();
    t.contact('c1');
    t.contact('c2');
    t.contact('c3');
    const a = await t.service.requestFromChat('user-anna', 'c1');
    const b = await t.service.requestFromChat('user-anna', 'c2');
    const c = await t.service.requestFromChat('user-anna', 'c3');
    if (!a.ok || !b.ok || !c.ok) throw new Error('not started');
    await t.service.consent(b.data.sessionId, true);
    await t.service.consent(c.data.sessionId, true);
    await t.service.residentAway(b.data.sessionId);
    t.channelEnded.add('c3');
    t.advance(29_999);
    // The poll sees the ended chat; the deadlines are timers on the clock and run the sweep themselves.
    await t.service.sweep();
    expect(t.ended.map((r) => [r.contactId, r.endedReason])).toEqual([['c3', 'contact-ended']]);
    t.advance(1);
    await expect.poll(() => t.ended.map((r) => r.endedReason)).toContain('resident-left');
    t.advance(5 * 60_000);
    await expect
      .poll(() => t.ended.map((r) => [r.contactId, r.endedReason]))
      .toContainEqual(['c1', 'expired']);
    expect(t.ended.find((r) => r.contactId === 'c1')?.viewConsent).toBe(false);
  });

  it('a new request for the same contact replaces the running session', async () => {
    const t = setup();
    t.contact('c1');
    const first = await t.service.requestFromChat('user-anna', 'c1');
    const second = await t.service.requestFromChat('user-anna', 'c1');
    if (!first.ok || !second.ok) throw new Error('not started');
    expect(second.data.sessionId).not.toBe(first.data.sessionId);
    expect(t.ended.map((r) => r.sessionId)).toEqual([first.data.sessionId]);
    expect(await t.service.watch('user-anna', 'c1')).toMatchObject({
      ok: true,
      data: { sessionId: second.data.sessionId },
    });
  });

  it('a resident who comes back after the grace, where no timer ended the session (its instance stopped), finds it ended', async () => {
    const t = setup({ shared: true });
    t.contact('c1');
    const started = await t.service.requestFromChat('user-anna', 'c1');
    if (!started.ok) throw new Error('not started');
    const { sessionId } = started.data;
    const joined = await t.service.join(sessionId, t.invite(sessionId));
    expect(joined).toMatchObject({ ok: true, data: { status: 'invited' } });
    await t.service.consent(sessionId, true);
    await t.service.residentAway(sessionId);
    // The instance that timed the grace stops: its timers go, the shared session stays.
    await t.service.close();
    t.advance(30_000);
    expect(t.ended).toEqual([]);
    expect(await t.another().join(sessionId, t.invite(sessionId))).toMatchObject({
      ok: true,
      data: { status: 'ended', endedReason: 'resident-left' },
    });
    expect(t.ended.map((r) => r.endedReason)).toEqual(['resident-left']);
  });
});
