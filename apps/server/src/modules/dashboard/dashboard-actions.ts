import {
  DASHBOARD_ERRORS,
  type AgentLive,
  type MoveContactPayload,
  type SetAgentPresencePayload,
  type SetAgentQueuesPayload,
  type SetContactPriorityPayload,
} from '@kcc/contracts/dashboard';
import { systemClock, type Clock } from '../../shared/clock';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { RoutingService } from '../routing/routing.service';
import type { DashboardService } from './dashboard.service';

/** Outcome of an action: the HTTP status and socket ack error follow from `error`. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: (typeof DASHBOARD_ERRORS)[keyof typeof DASHBOARD_ERRORS];
      detail: string;
      field?: string;
    };

/** The event type every team-leader action is logged under (agent_events or contact_events). */
export const TEAMLEIDER_ACTION = 'teamleider-action';

const WAITING_STATUSES = new Set(['new', 'queued', 'offered']);

/**
 * Team-leader actions on agents and waiting contacts. Each one is validated, applied through the routing
 * service and logged with who did it and why, in the same append-only logs the figures come from.
 */
export class DashboardActions {
  constructor(
    private readonly deps: {
      routing: RoutingService;
      contacts: ContactsRepository;
      dashboard: DashboardService;
      clock?: Clock;
    },
  ) {}

  private now(): number {
    return (this.deps.clock ?? systemClock).now();
  }

  async setAgentQueues(by: string, p: SetAgentQueuesPayload): Promise<ActionResult<AgentLive>> {
    const { routing, contacts, dashboard } = this.deps;
    const current = routing.agentConfig(p.agentId);
    if (!current) return unknownAgent();
    const unknown = p.queueIds.find((q) => !routing.hasQueue(q));
    if (unknown !== undefined) {
      return {
        ok: false,
        error: DASHBOARD_ERRORS.unknownQueue,
        detail: `De wachtrij ${unknown} bestaat niet.`,
        field: 'queueIds',
      };
    }
    const queueIds = [...new Set(p.queueIds)];
    const next = { ...current, queueIds, skills: p.skills ?? current.skills };
    const now = this.now();
    await contacts.appendAgentEvent({
      agentId: p.agentId,
      type: TEAMLEIDER_ACTION,
      at: now,
      data: {
        action: 'set-queues',
        by,
        reason: p.reason,
        queueIds,
        previousQueueIds: current.queueIds ?? [],
        ...(p.skills ? { skills: p.skills, previousSkills: current.skills } : {}),
      },
    });
    await routing.updateAgent(next);
    dashboard.markAgent(p.agentId);
    return { ok: true, data: this.agentView(p.agentId) };
  }

  async setAgentPresence(by: string, p: SetAgentPresencePayload): Promise<ActionResult<AgentLive>> {
    const { routing, contacts, dashboard } = this.deps;
    if (!routing.isAgent(p.agentId)) return unknownAgent();
    const previous = routing.agentState(p.agentId).presence;
    await contacts.appendAgentEvent({
      agentId: p.agentId,
      type: TEAMLEIDER_ACTION,
      at: this.now(),
      data: { action: 'set-presence', by, reason: p.reason, presence: p.presence, previous },
    });
    // The agent's workplace hears `presence:changed` through the routing notifier.
    await routing.setPresence(p.agentId, p.presence);
    dashboard.notePresenceReason(p.agentId, p.presence, p.reason);
    return { ok: true, data: this.agentView(p.agentId) };
  }

  async moveContact(by: string, p: MoveContactPayload): Promise<ActionResult> {
    const { routing, contacts, dashboard } = this.deps;
    const contact = await contacts.get(p.contactId);
    if (!contact) return unknownContact();
    if (!WAITING_STATUSES.has(contact.status)) return notWaiting();
    if (!routing.hasQueue(p.toQueueId)) {
      return {
        ok: false,
        error: DASHBOARD_ERRORS.unknownQueue,
        detail: 'Deze wachtrij bestaat niet.',
        field: 'toQueueId',
      };
    }
    if (!routing.queueServes(p.toQueueId, contact.channel)) {
      return {
        ok: false,
        error: DASHBOARD_ERRORS.channelNotServed,
        detail: 'Deze wachtrij behandelt dit kanaal niet.',
        field: 'toQueueId',
      };
    }
    if (contact.queueId === p.toQueueId) return { ok: true, data: undefined };
    await contacts.appendEvent({
      contactId: contact.id,
      type: TEAMLEIDER_ACTION,
      at: this.now(),
      data: { action: 'move', by, reason: p.reason, fromQueueId: contact.queueId, toQueueId: p.toQueueId },
    });
    await routing.transferToQueue(contact.id, p.toQueueId);
    dashboard.markQueue(contact.queueId);
    dashboard.markQueue(p.toQueueId);
    return { ok: true, data: undefined };
  }

  async setContactPriority(by: string, p: SetContactPriorityPayload): Promise<ActionResult> {
    const { routing, contacts, dashboard } = this.deps;
    const contact = await contacts.get(p.contactId);
    if (!contact) return unknownContact();
    if (!WAITING_STATUSES.has(contact.status)) return notWaiting();
    const now = this.now();
    await contacts.transaction(async () => {
      await contacts.update(contact.id, { priority: p.priority }, now);
      await contacts.appendEvent({
        contactId: contact.id,
        type: TEAMLEIDER_ACTION,
        at: now,
        data: {
          action: 'set-priority',
          by,
          reason: p.reason,
          priority: p.priority,
          previousPriority: contact.priority,
        },
      });
    });
    await routing.setPriority(contact.id, p.priority);
    dashboard.markQueue(contact.queueId);
    return { ok: true, data: undefined };
  }

  private agentView(agentId: string): AgentLive {
    const view = this.deps.dashboard.agent(agentId);
    if (!view) throw new Error(`agent ${agentId} vanished`);
    return view;
  }
}

const unknownAgent = (): ActionResult<never> => ({
  ok: false,
  error: DASHBOARD_ERRORS.unknownAgent,
  detail: 'Deze medewerker bestaat niet of werkt niet in wachtrijen.',
  field: 'agentId',
});
const unknownContact = (): ActionResult<never> => ({
  ok: false,
  error: DASHBOARD_ERRORS.unknownContact,
  detail: 'Dit contact bestaat niet.',
  field: 'contactId',
});
const notWaiting = (): ActionResult<never> => ({
  ok: false,
  error: DASHBOARD_ERRORS.notWaiting,
  detail: 'Dit contact wacht niet meer in een wachtrij.',
  field: 'contactId',
});
