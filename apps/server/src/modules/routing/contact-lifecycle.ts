import type { AgentState } from '@kcc/contracts/domain';
import type { RoutingEvent } from '@kcc/routing';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto, toContactSummary } from '../contacts/contacts.repository';
import type { UnitOfWork } from '../../shared/domain-events';
import type { WaitingCounts } from './waiting-counts';

const iso = (ms: number) => new Date(ms).toISOString();
/** Log events that end an offer. */
const OFFER_ENDS = new Set(['offer-expired', 'offer-declined', 'offer-withdrawn', 'assigned']);

/**
 * What routing does to a contact in the store: every engine event becomes the contact's new status and an
 * event in its log, in the caller's unit of work, with what the agents must hear recorded for after the commit.
 * Also the changes routing makes without the engine: abandoned, reopened, closed after nawerk, restored after a
 * restart.
 */
export class ContactLifecycle {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly events: UnitOfWork,
    private readonly waiting: WaitingCounts,
    private readonly agentState: (agentId: string) => AgentState,
  ) {}

  /** Store the engine's events, in the command's unit of work. */
  async apply(events: RoutingEvent[], now: number): Promise<void> {
    for (const e of events) await this.applyOne(e, now);
  }

  /** A contact in nawerk is done: closed, and its holder hears of it. */
  async closeIfInNawerk(contactId: string, now: number): Promise<void> {
    const c = await this.contacts.get(contactId);
    if (!c || c.status !== 'nawerk') return;
    await this.contacts.update(contactId, { status: 'closed', closedAt: now }, now);
    await this.contacts.appendEvent({
      contactId,
      type: 'closed',
      at: now,
      ...(c.assignedAgentId ? { agentId: c.assignedAgentId } : {}),
    });
    const closed = await this.contacts.get(contactId);
    if (closed?.assignedAgentId !== undefined) {
      this.changed(closed.assignedAgentId, closed);
    }
  }

  /** Status `abandoned`: nobody answered (caller hung up, resident left the chat). */
  async markAbandoned(c: ContactRecord, reason: string, now: number): Promise<void> {
    await this.contacts.update(c.id, { status: 'abandoned', closedAt: now }, now);
    await this.contacts.appendEvent({
      contactId: c.id,
      type: 'abandoned',
      at: now,
      data: { reason, channel: c.channel },
    });
  }

  /** Back to `new`, unassigned: it is enqueued again. */
  async markReopened(contactId: string, reason: string, now: number): Promise<void> {
    await this.contacts.update(
      contactId,
      { status: 'new', assignedAgentId: null, acceptedAt: null, closedAt: null },
      now,
    );
    await this.contacts.appendEvent({ contactId, type: 'reopened', at: now, data: { reason } });
  }

  /** The holder let go of the contact (warm transfer): they hear of it. */
  async release(contactId: string, previousAgentId: string, now: number): Promise<void> {
    await this.contacts.update(contactId, { assignedAgentId: null, acceptedAt: null }, now);
    const after = await this.contacts.get(contactId);
    if (after) this.changed(previousAgentId, after);
  }

  /** The contact's current state to its holder (after the registration flow stored it). */
  async announce(contactId: string): Promise<void> {
    const c = await this.contacts.get(contactId);
    if (c?.assignedAgentId !== undefined) this.changed(c.assignedAgentId, c);
  }

  private changed(agentId: string, c: ContactRecord): void {
    this.events.record({ type: 'contact-changed', agentId, contact: toContactDto(c) });
  }

  // ------------------------------------------------------------------ restart recovery

  /** Contacts in nawerk when the server stopped are done. */
  async closeAfterRestart(now: number): Promise<void> {
    for (const c of await this.contacts.listByStatus(['nawerk'])) {
      await this.contacts.update(c.id, { status: 'closed', closedAt: now }, now);
      await this.contacts.appendEvent({
        contactId: c.id,
        type: 'closed',
        at: now,
        data: { reason: 'server-restart' },
      });
    }
  }

  async markRestored(c: ContactRecord, agentId: string, now: number): Promise<void> {
    await this.contacts.appendEvent({ contactId: c.id, type: 'restored', at: now, agentId });
  }

  async markRequeuedAfterRestart(c: ContactRecord, now: number): Promise<void> {
    if (c.status === 'offered') await this.withdrawOpenOffer(c.id, now);
    await this.contacts.update(c.id, { status: 'queued', assignedAgentId: null, acceptedAt: null }, now);
    await this.contacts.appendEvent({
      contactId: c.id,
      type: 'requeued',
      at: now,
      data: { reason: 'server-restart' },
    });
  }

  /**
   * The offer the stopped engine made ends with it: logged as withdrawn before the contact is offered again, so
   * the log never shows one contact offered to two agents at once, and the agent's screen drops it.
   */
  private async withdrawOpenOffer(contactId: string, now: number): Promise<void> {
    let open: { offerId: string; agentId: string } | undefined;
    for (const e of await this.contacts.events(contactId)) {
      const offerId = typeof e.data?.offerId === 'string' ? e.data.offerId : undefined;
      if (e.type === 'offered' && offerId !== undefined && e.agentId !== undefined) {
        open = { offerId, agentId: e.agentId };
      } else if (offerId !== undefined && offerId === open?.offerId && OFFER_ENDS.has(e.type)) {
        open = undefined;
      }
    }
    if (!open) return;
    await this.contacts.appendEvent({
      contactId,
      type: 'offer-withdrawn',
      at: now,
      agentId: open.agentId,
      data: { offerId: open.offerId, reason: 'server-restart' },
    });
    this.events.record({
      type: 'offer-revoked',
      agentId: open.agentId,
      revoked: { offerId: open.offerId, contactId, reason: 'withdrawn' },
    });
  }

  // ------------------------------------------------------------------ engine events

  private async applyOne(e: RoutingEvent, now: number): Promise<void> {
    switch (e.type) {
      case 'queued': {
        await this.contacts.update(e.contactId, { status: 'queued' }, now);
        await this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'queued',
          at: e.at,
          data: { queueId: e.queueId },
        });
        this.waiting.touch(e.queueId);
        return;
      }
      case 'offered': {
        const c = await this.contacts.get(e.contactId);
        if (!c) return;
        await this.contacts.update(e.contactId, { status: 'offered' }, now);
        await this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'offered',
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId, expiresAt: e.expiresAt },
        });
        this.waiting.touch(c.queueId);
        const offer = { offerId: e.offerId, contact: toContactSummary(c), expiresAt: iso(e.expiresAt) };
        this.events.record({ type: 'contact-offered', agentId: e.agentId, offer });
        return;
      }
      case 'offer-expired':
      case 'offer-declined':
      case 'offer-withdrawn': {
        const c = await this.contacts.get(e.contactId);
        if (c?.status === 'offered') await this.contacts.update(e.contactId, { status: 'queued' }, now);
        if (c) this.waiting.touch(c.queueId);
        await this.contacts.appendEvent({
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
        this.events.record({ type: 'offer-revoked', agentId: e.agentId, revoked });
        return;
      }
      case 'assigned': {
        await this.contacts.update(
          e.contactId,
          { status: 'assigned', assignedAgentId: e.agentId, acceptedAt: e.at },
          now,
        );
        await this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'assigned',
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId },
        });
        const c = await this.contacts.get(e.contactId);
        if (c) {
          this.waiting.touch(c.queueId);
          this.events.record({
            type: 'offer-revoked',
            agentId: e.agentId,
            revoked: { offerId: e.offerId, contactId: e.contactId, reason: 'taken' },
          });
          this.changed(e.agentId, c);
        }
        return;
      }
      case 'requeued': {
        const before = await this.contacts.get(e.contactId);
        await this.contacts.update(
          e.contactId,
          { status: 'queued', queueId: e.queueId, assignedAgentId: null, acceptedAt: null },
          now,
        );
        await this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'requeued',
          at: e.at,
          ...(before?.assignedAgentId !== undefined ? { agentId: before.assignedAgentId } : {}),
          data: { queueId: e.queueId, reason: e.reason },
        });
        this.waiting.touch(e.queueId);
        const previousAgent = before?.status === 'assigned' ? before.assignedAgentId : undefined;
        const after = await this.contacts.get(e.contactId);
        if (previousAgent !== undefined && after) this.changed(previousAgent, after);
        return;
      }
      case 'overflowed': {
        await this.contacts.update(e.contactId, { queueId: e.toQueueId }, now);
        await this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'overflowed',
          at: e.at,
          data: { fromQueueId: e.fromQueueId, toQueueId: e.toQueueId },
        });
        this.waiting.touch(e.fromQueueId);
        this.waiting.touch(e.toQueueId);
        return;
      }
      case 'removed': {
        await this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'removed',
          at: e.at,
          data: { reason: e.reason },
        });
        const c = await this.contacts.get(e.contactId);
        if (c) this.waiting.touch(c.queueId);
        return;
      }
      case 'presence-changed': {
        await this.contacts.appendAgentEvent({
          agentId: e.agentId,
          type: 'presence-changed',
          at: e.at,
          data: { presence: e.presence, previous: e.previous, reason: e.reason },
        });
        if (e.previous === 'nawerk' && e.presence !== 'nawerk') {
          for (const c of await this.contacts.listForAgent(e.agentId, ['nawerk']))
            await this.closeIfInNawerk(c.id, now);
        }
        this.events.record({
          type: 'presence-changed',
          agentId: e.agentId,
          state: this.agentState(e.agentId),
        });
        return;
      }
    }
  }
}
