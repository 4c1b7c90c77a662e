import type { AgentState } from '@kcc/contracts/domain';
import type { RoutingEvent } from '@kcc/routing';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto, toContactSummary } from '../contacts/contacts.repository';
import type { AgentPushes, Push } from './agent-pushes';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What routing does to a contact in the store: every engine event becomes the contact's new status and an
 * event in its log, in the caller's transaction, with the pushes it causes held for the commit. Also the
 * changes routing makes without the engine: abandoned, reopened, closed after nawerk, restored after a restart.
 */
export class ContactLifecycle {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly pushes: AgentPushes,
    private readonly agentState: (agentId: string) => AgentState,
  ) {}

  /** Store the events (a savepoint inside a running command), then push, after the commit. */
  apply(events: RoutingEvent[], now: number): void {
    if (events.length === 0) return;
    const pushes: Push[] = [];
    this.contacts.transaction(() => {
      for (const e of events) this.applyOne(e, now, pushes);
    });
    this.pushes.push(pushes);
  }

  /** A contact in nawerk is done: closed, and its holder hears of it. */
  closeIfInNawerk(contactId: string, now: number, pushes: Push[]): void {
    const c = this.contacts.get(contactId);
    if (!c || c.status !== 'nawerk') return;
    this.contacts.update(contactId, { status: 'closed', closedAt: now }, now);
    this.contacts.appendEvent({
      contactId,
      type: 'closed',
      at: now,
      ...(c.assignedAgentId ? { agentId: c.assignedAgentId } : {}),
    });
    const closed = this.contacts.get(contactId);
    if (closed?.assignedAgentId !== undefined) {
      const agentId = closed.assignedAgentId;
      const dto = toContactDto(closed);
      pushes.push((n) => n.contactUpdated(agentId, dto));
    }
  }

  /** Status `abandoned`: nobody answered (caller hung up, resident left the chat). */
  markAbandoned(c: ContactRecord, reason: string, now: number): void {
    this.contacts.transaction(() => {
      this.contacts.update(c.id, { status: 'abandoned', closedAt: now }, now);
      this.contacts.appendEvent({
        contactId: c.id,
        type: 'abandoned',
        at: now,
        data: { reason, channel: c.channel },
      });
    });
  }

  /** Back to `new`, unassigned: it is enqueued again. */
  markReopened(contactId: string, reason: string, now: number): void {
    this.contacts.transaction(() => {
      this.contacts.update(
        contactId,
        { status: 'new', assignedAgentId: null, acceptedAt: null, closedAt: null },
        now,
      );
      this.contacts.appendEvent({ contactId, type: 'reopened', at: now, data: { reason } });
    });
  }

  /** The holder let go of the contact (warm transfer): they hear of it. */
  release(contactId: string, previousAgentId: string, now: number): void {
    this.contacts.update(contactId, { assignedAgentId: null, acceptedAt: null }, now);
    const after = this.contacts.get(contactId);
    if (after) {
      const dto = toContactDto(after);
      this.pushes.push([(n) => n.contactUpdated(previousAgentId, dto)]);
    }
  }

  /** The contact's current state to its holder (after the registration flow stored it). */
  announce(contactId: string): void {
    const c = this.contacts.get(contactId);
    if (c?.assignedAgentId !== undefined) {
      const agentId = c.assignedAgentId;
      const dto = toContactDto(c);
      this.pushes.push([(n) => n.contactUpdated(agentId, dto)]);
    }
  }

  // ------------------------------------------------------------------ restart recovery

  /** Contacts in nawerk when the server stopped are done. */
  closeAfterRestart(now: number): void {
    for (const c of this.contacts.listByStatus(['nawerk'])) {
      this.contacts.update(c.id, { status: 'closed', closedAt: now }, now);
      this.contacts.appendEvent({
        contactId: c.id,
        type: 'closed',
        at: now,
        data: { reason: 'server-restart' },
      });
    }
  }

  markRestored(c: ContactRecord, agentId: string, now: number): void {
    this.contacts.appendEvent({ contactId: c.id, type: 'restored', at: now, agentId });
  }

  markRequeuedAfterRestart(c: ContactRecord, now: number): void {
    this.contacts.update(c.id, { status: 'queued', assignedAgentId: null, acceptedAt: null }, now);
    this.contacts.appendEvent({
      contactId: c.id,
      type: 'requeued',
      at: now,
      data: { reason: 'server-restart' },
    });
  }

  // ------------------------------------------------------------------ engine events

  private applyOne(e: RoutingEvent, now: number, pushes: Push[]): void {
    switch (e.type) {
      case 'queued': {
        this.contacts.update(e.contactId, { status: 'queued' }, now);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'queued',
          at: e.at,
          data: { queueId: e.queueId },
        });
        this.pushes.touch(e.queueId);
        return;
      }
      case 'offered': {
        const c = this.contacts.get(e.contactId);
        if (!c) return;
        this.contacts.update(e.contactId, { status: 'offered' }, now);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'offered',
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId, expiresAt: e.expiresAt },
        });
        this.pushes.touch(c.queueId);
        const event = { offerId: e.offerId, contact: toContactSummary(c), expiresAt: iso(e.expiresAt) };
        pushes.push((n) => n.offered(e.agentId, event));
        return;
      }
      case 'offer-expired':
      case 'offer-declined':
      case 'offer-withdrawn': {
        const c = this.contacts.get(e.contactId);
        if (c?.status === 'offered') this.contacts.update(e.contactId, { status: 'queued' }, now);
        if (c) this.pushes.touch(c.queueId);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: e.type,
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId },
        });
        const revoked = {
          offerId: e.offerId,
          contactId: e.contactId,
          reason: e.type === 'offer-expired' ? ('expired' as const) : ('withdrawn' as const),
        };
        pushes.push((n) => n.offerRevoked(e.agentId, revoked));
        return;
      }
      case 'assigned': {
        this.contacts.update(
          e.contactId,
          { status: 'assigned', assignedAgentId: e.agentId, acceptedAt: e.at },
          now,
        );
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'assigned',
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId },
        });
        const c = this.contacts.get(e.contactId);
        if (c) {
          this.pushes.touch(c.queueId);
          const dto = toContactDto(c);
          pushes.push((n) => {
            n.offerRevoked(e.agentId, { offerId: e.offerId, contactId: e.contactId, reason: 'taken' });
            n.contactUpdated(e.agentId, dto);
          });
        }
        return;
      }
      case 'requeued': {
        const before = this.contacts.get(e.contactId);
        this.contacts.update(
          e.contactId,
          { status: 'queued', queueId: e.queueId, assignedAgentId: null, acceptedAt: null },
          now,
        );
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'requeued',
          at: e.at,
          ...(before?.assignedAgentId !== undefined ? { agentId: before.assignedAgentId } : {}),
          data: { queueId: e.queueId, reason: e.reason },
        });
        this.pushes.touch(e.queueId);
        const previousAgent = before?.status === 'assigned' ? before.assignedAgentId : undefined;
        const after = this.contacts.get(e.contactId);
        if (previousAgent !== undefined && after) {
          const dto = toContactDto(after);
          pushes.push((n) => n.contactUpdated(previousAgent, dto));
        }
        return;
      }
      case 'overflowed': {
        this.contacts.update(e.contactId, { queueId: e.toQueueId }, now);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'overflowed',
          at: e.at,
          data: { fromQueueId: e.fromQueueId, toQueueId: e.toQueueId },
        });
        this.pushes.touch(e.fromQueueId);
        this.pushes.touch(e.toQueueId);
        return;
      }
      case 'removed': {
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'removed',
          at: e.at,
          data: { reason: e.reason },
        });
        const c = this.contacts.get(e.contactId);
        if (c) this.pushes.touch(c.queueId);
        return;
      }
      case 'presence-changed': {
        this.contacts.appendAgentEvent({
          agentId: e.agentId,
          type: 'presence-changed',
          at: e.at,
          data: { presence: e.presence, previous: e.previous, reason: e.reason },
        });
        if (e.previous === 'nawerk' && e.presence !== 'nawerk') {
          for (const c of this.contacts.listForAgent(e.agentId, ['nawerk']))
            this.closeIfInNawerk(c.id, now, pushes);
        }
        pushes.push((n) => n.presenceChanged(e.agentId, this.agentState(e.agentId)));
        return;
      }
    }
  }
}
