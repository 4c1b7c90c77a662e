import type { Channel } from '@kcc/contracts/domain';
import { isShortAbandon, withinNorm } from './service-level';

/** A row of `contact_events` as the fold reads it. */
export interface StoredContactEvent {
  seq: number;
  contactId: string;
  type: string;
  at: number;
  agentId?: string;
  data?: Record<string, unknown>;
}

/** A row of `agent_events`. */
export interface StoredAgentEvent {
  seq: number;
  agentId: string;
  type: string;
  at: number;
  data?: Record<string, unknown>;
}

/**
 * What happened to a contact in contact-centre terms. A contact can be offered to a queue more than once (after
 * a re-queue from an agent or a reopen); each such "attempt" is one arrival with one outcome.
 */
export type ContactFact =
  | { kind: 'arrived'; contactId: string; queueId: string; channel: Channel; arrivedAt: number }
  | {
      kind: 'moved';
      contactId: string;
      fromQueueId: string;
      toQueueId: string;
      channel: Channel;
      arrivedAt: number;
      /** When it moved. */
      at: number;
    }
  | {
      kind: 'answered';
      contactId: string;
      queueId: string;
      channel: Channel;
      arrivedAt: number;
      at: number;
      waitMs: number;
      withinNorm: boolean;
      agentId: string | undefined;
    }
  | {
      kind: 'abandoned';
      contactId: string;
      queueId: string;
      channel: Channel;
      arrivedAt: number;
      at: number;
      waitMs: number;
      short: boolean;
    }
  | {
      kind: 'handled';
      contactId: string;
      queueId: string;
      channel: Channel;
      agentId: string | undefined;
      at: number;
      handleMs: number;
    }
  /** The agent registered the contact and closed it (it went into nawerk): "handled" for the agent's count. */
  | { kind: 'finished'; contactId: string; agentId: string; at: number }
  | { kind: 'kanaalswitch'; contactId: string; at: number }
  | { kind: 'csat'; contactId: string; at: number; score: number };

interface Attempt {
  queueId: string;
  channel: Channel;
  arrivedAt: number;
  answeredAt?: number;
  agentId?: string;
}

export interface FoldDeps {
  /** T of the queue's servicenorm, seconds (undefined: unknown queue, never within norm). */
  withinSeconds(queueId: string): number | undefined;
  /** The contact's channel when its `created` event was not seen (it arrived before the replayed range). */
  channelOf(contactId: string): Channel | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Folds the contact event log into facts, one event at a time, in log order. Keeps state only for contacts
 * that are waiting or being handled, so it runs incrementally (live dashboard) and as a replay (reports).
 */
export class ContactFold {
  private readonly attempts = new Map<string, Attempt>();
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly deps: FoldDeps) {}

  /** Contacts in an open attempt (waiting or in handling). */
  get openAttempts(): number {
    return this.attempts.size;
  }

  /** Whether the fold knows the contact's channel (saw its `created`, or an attempt it still follows). */
  knowsChannel(contactId: string): boolean {
    return this.channels.has(contactId);
  }

  /** The queue of the contact's open attempt (waiting or in handling), if the fold follows one. */
  queueOf(contactId: string): string | undefined {
    return this.attempts.get(contactId)?.queueId;
  }

  apply(e: StoredContactEvent): ContactFact[] {
    const d = e.data ?? {};
    const open = this.attempts.get(e.contactId);
    switch (e.type) {
      case 'created': {
        const channel = str(d.channel) as Channel | undefined;
        if (channel) this.channels.set(e.contactId, channel);
        return [];
      }
      case 'queued':
      case 'requeued': {
        const queueId = str(d.queueId);
        if (!queueId) return [];
        if (open && open.answeredAt === undefined) return this.move(e.contactId, open, queueId, e.at);
        if (!open && e.type === 'requeued') return []; // its arrival lies before what we saw (e.g. a restart)
        // A new attempt: first arrival, or back in a queue after an agent held it (transfer, disconnect).
        return this.arrive(e.contactId, queueId, e.at);
      }
      case 'overflowed': {
        const to = str(d.toQueueId);
        return open && to && open.answeredAt === undefined ? this.move(e.contactId, open, to, e.at) : [];
      }
      case 'assigned': {
        if (!open || open.answeredAt !== undefined) return [];
        open.answeredAt = e.at;
        open.agentId = e.agentId;
        const waitMs = Math.max(0, e.at - open.arrivedAt);
        const t = this.deps.withinSeconds(open.queueId);
        return [
          {
            kind: 'answered',
            contactId: e.contactId,
            queueId: open.queueId,
            channel: open.channel,
            arrivedAt: open.arrivedAt,
            at: e.at,
            waitMs,
            withinNorm: t !== undefined && withinNorm(waitMs, t),
            agentId: e.agentId,
          },
        ];
      }
      case 'abandoned': {
        this.forget(e.contactId);
        if (!open || open.answeredAt !== undefined) return [];
        const waitMs = Math.max(0, e.at - open.arrivedAt);
        return [
          {
            kind: 'abandoned',
            contactId: e.contactId,
            queueId: open.queueId,
            channel: open.channel,
            arrivedAt: open.arrivedAt,
            at: e.at,
            waitMs,
            short: isShortAbandon(waitMs),
          },
        ];
      }
      case 'nawerk':
        return e.agentId !== undefined
          ? [{ kind: 'finished', contactId: e.contactId, agentId: e.agentId, at: e.at }]
          : [];
      case 'closed': {
        this.forget(e.contactId);
        if (!open || open.answeredAt === undefined) return [];
        return [
          {
            kind: 'handled',
            contactId: e.contactId,
            queueId: open.queueId,
            channel: open.channel,
            agentId: open.agentId,
            at: e.at,
            handleMs: Math.max(0, e.at - open.answeredAt),
          },
        ];
      }
      case 'reopened':
        this.attempts.delete(e.contactId);
        return [];
      case 'kanaalswitch':
        return [{ kind: 'kanaalswitch', contactId: e.contactId, at: e.at }];
      case 'csat': {
        const score = typeof d.score === 'number' ? d.score : NaN;
        return score >= 1 && score <= 5 ? [{ kind: 'csat', contactId: e.contactId, at: e.at, score }] : [];
      }
      default:
        return [];
    }
  }

  private arrive(contactId: string, queueId: string, at: number): ContactFact[] {
    const channel = this.channels.get(contactId) ?? this.deps.channelOf(contactId);
    if (!channel) return [];
    this.channels.set(contactId, channel);
    this.attempts.set(contactId, { queueId, channel, arrivedAt: at });
    return [{ kind: 'arrived', contactId, queueId, channel, arrivedAt: at }];
  }

  private move(contactId: string, open: Attempt, toQueueId: string, at: number): ContactFact[] {
    if (open.queueId === toQueueId) return [];
    const fromQueueId = open.queueId;
    open.queueId = toQueueId;
    const { channel, arrivedAt } = open;
    return [{ kind: 'moved', contactId, fromQueueId, toQueueId, channel, arrivedAt, at }];
  }

  private forget(contactId: string): void {
    this.attempts.delete(contactId);
    this.channels.delete(contactId);
  }
}
