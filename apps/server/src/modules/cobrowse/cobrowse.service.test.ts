import { describe, expect, it } from 'vitest';
import type { CobrowseResidentState, CobrowseSessionView } from '@kcc/contracts/cobrowse';
import { TestClock } from '../../../test-support/test-clock';
import type { ContactRecord } from '../contacts/contacts.repository';
import { CobrowseService, type CobrowseSessionRecord } from './cobrowse.service';

function setup() {
  const clock = new TestClock({ frozenAt: 1_000_000 });
  const contacts = new Map<string, ContactRecord>();
  const ended: CobrowseSessionRecord[] = [];
  const toAgent: CobrowseSessionView[] = [];
  const toResident: CobrowseResidentState[] = [];
  const channelEnded = new Set<string>();
  const service = new CobrowseService({
    clock,
    contact: (id) => contacts.get(id),
    openConversationOf: (id) => (contacts.get(id)?.channel === 'chat' ? `conv-${id}` : undefined),
    channelEndedSince: (id) => channelEnded.has(id),
    agentName: () => 'Anna',
    onEnded: (r) => ended.push(r),
    resumeGraceMs: 30_000,
  });
  const invites: string[] = [];
  service.bindRelay({
    toAgent: (_id, v) => toAgent.push(v),
    toResident: (_id, s) => toResident.push(s),
    inviteChat: (conv) => invites.push(conv),
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
    advance: (ms: number) => clock.advance(ms),
  };
}

describe('CobrowseService', () => {
  it('a transfer ends a running session; the log record has the consent for view and control', () => {
    const t = setup();
    const c = t.contact('c1');
    const started = t.service.requestFromChat('user-anna', 'c1');
    if (!started.ok) throw new Error('not started');
    const id = started.data.sessionId;
    expect(t.invites).toEqual(['conv-c1']);
    expect(t.service.mayRelay(id)).toBe(false);
    t.service.consent(id, true);
    expect(t.service.mayRelay(id)).toBe(true);
    t.service.requestControl('user-anna', id);
    t.service.controlConsent(id, true);
    t.advance(60_000);
    t.service.contactChanged({ ...c, status: 'transferred' });
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
    expect(t.service.mayRelay(id)).toBe(false);
  });

  it('only the holding agent: another agent, a queued contact and a phone contact for "Meekijken" are refused', () => {
    const t = setup();
    t.contact('c1');
    t.contact('c2', { status: 'queued', assignedAgentId: undefined });
    t.contact('c3', { channel: 'telefoon' });
    expect(t.service.requestFromChat('user-bram', 'c1')).toEqual({ ok: false, error: 'forbidden' });
    expect(t.service.requestFromChat('user-anna', 'c2')).toEqual({ ok: false, error: 'forbidden' });
    expect(t.service.requestFromChat('user-anna', 'c3')).toEqual({ ok: false, error: 'not_supported' });
    expect(t.service.requestFromChat('user-anna', 'nope')).toEqual({ ok: false, error: 'not_found' });
    const s = t.service.requestFromChat('user-anna', 'c1');
    if (!s.ok) throw new Error('not started');
    expect(t.service.endByAgent('user-bram', s.data.sessionId)).toEqual({ ok: false, error: 'forbidden' });
    expect(t.service.mayPoint('user-bram', s.data.sessionId)).toBe(false);
  });

  it('unanswered invites and residents away too long end on the clock; the sweep ends sessions whose chat ended', () => {
    const t = setup();
    t.contact('c1');
    t.contact('c2');
    t.contact('c3');
    const a = t.service.requestFromChat('user-anna', 'c1');
    const b = t.service.requestFromChat('user-anna', 'c2');
    const c = t.service.requestFromChat('user-anna', 'c3');
    if (!a.ok || !b.ok || !c.ok) throw new Error('not started');
    t.service.consent(b.data.sessionId, true);
    t.service.consent(c.data.sessionId, true);
    t.service.residentAway(b.data.sessionId);
    t.channelEnded.add('c3');
    t.advance(29_999);
    // The poll sees the ended chat; the deadlines are timers on the clock and run the sweep themselves.
    t.service.sweep();
    expect(t.ended.map((r) => [r.contactId, r.endedReason])).toEqual([['c3', 'contact-ended']]);
    t.advance(1);
    expect(t.ended.map((r) => r.endedReason)).toContain('resident-left');
    t.advance(5 * 60_000);
    expect(t.ended.map((r) => [r.contactId, r.endedReason])).toContainEqual(['c1', 'expired']);
    expect(t.ended.find((r) => r.contactId === 'c1')?.viewConsent).toBe(false);
  });

  it('a new request for the same contact replaces the running session', () => {
    const t = setup();
    t.contact('c1');
    const first = t.service.requestFromChat('user-anna', 'c1');
    const second = t.service.requestFromChat('user-anna', 'c1');
    if (!first.ok || !second.ok) throw new Error('not started');
    expect(second.data.sessionId).not.toBe(first.data.sessionId);
    expect(t.ended.map((r) => r.sessionId)).toEqual([first.data.sessionId]);
    expect(t.service.watch('user-anna', 'c1')).toMatchObject({
      ok: true,
      data: { sessionId: second.data.sessionId },
    });
  });
});
