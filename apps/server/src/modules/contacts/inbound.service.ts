import { randomUUID } from 'node:crypto';
import type { Channel, ContactFrom } from '@kcc/contracts/domain';
import { DEFAULT_CALENDAR, DUE_TIME_CHANNELS, dueTimeFor, type WorkingCalendar } from '../queues/due-time';
import type { UnitOfWork } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';
import type { RoutingService } from '../routing/routing.service';
import type { ContactRecord, ContactsRepository } from './contacts.repository';
import { systemClock, type Clock } from '../../shared/clock';

/** Working days for e-mail and web forms when the queue has no day-long servicenorm. */
const FALLBACK_DUE_WORKING_DAYS = 2;
const DAY_SECONDS = 24 * 3600;

export interface InboundInput {
  channel: Channel;
  externalId: string;
  from: ContactFrom;
  queue?: string;
  subject?: string;
  body?: string;
  /** Epoch ms; default: the queue's servicenorm for e-mail and web forms. For a callback: when it becomes due. */
  dueAt?: number;
  priority?: number;
}

export interface InboundResult {
  contact: ContactRecord;
  created: boolean;
}

/** A refused inbound contact; `field` names the input field (problem JSON invalidParams). */
export class InboundError extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'InboundError';
  }
}

/** Runs inside the creating transaction (synchronously); a throw is logged, never loses the contact. */
export type ContactCreatedHook = (contact: ContactRecord) => void | Promise<void>;

export interface InboundService {
  /**
   * Store a contact once per channel + externalId (before anything is acknowledged), then route it.
   * `inTransaction` runs inside the same store transaction for a new contact (e.g. its first message);
   * when it throws, nothing is stored.
   */
  receive(
    input: InboundInput,
    inTransaction?: (contact: ContactRecord) => void | Promise<void>,
  ): Promise<InboundResult>;
  /** Every new contact of every channel (kanaalswitch detection, ...). */
  onCreated(hook: ContactCreatedHook): void;
}

/** The one place where every channel's contacts enter the universal queue (ARCHITECTURE: adapters only translate). */
export function createInboundService(deps: {
  contacts: ContactsRepository;
  routing: RoutingService;
  unitOfWork: UnitOfWork;
  log: Logger;
  normalisePhone?: (phone: string) => string;
  calendar?: WorkingCalendar;
  clock?: Clock;
}): InboundService {
  const hooks: ContactCreatedHook[] = [];
  const calendar = deps.calendar ?? DEFAULT_CALENDAR;

  const resolveQueue = (channel: Channel, queue: string | undefined): string => {
    if (queue !== undefined) {
      if (!deps.routing.hasQueue(queue)) {
        throw new InboundError('queue', 'unknown', `Wachtrij '${queue}' bestaat niet.`);
      }
      if (!deps.routing.queueServes(queue, channel)) {
        throw new InboundError('queue', 'channel', `Wachtrij '${queue}' behandelt geen kanaal ${channel}.`);
      }
      return queue;
    }
    const fallback = deps.routing.defaultQueueFor(channel);
    if (fallback === undefined) {
      throw new InboundError('channel', 'no-queue', `Er is geen wachtrij voor kanaal ${channel}.`);
    }
    return fallback;
  };

  const dueAtFor = (channel: Channel, queueId: string, now: number): number | undefined => {
    if (!DUE_TIME_CHANNELS.has(channel)) return undefined;
    const within = deps.routing.queueConfig(queueId)?.servicenorm.withinSeconds;
    return dueTimeFor(
      within !== undefined && within >= DAY_SECONDS ? within : FALLBACK_DUE_WORKING_DAYS * DAY_SECONDS,
      now,
      calendar,
    );
  };

  return {
    onCreated(hook) {
      hooks.push(hook);
    },
    async receive(input, inTransaction) {
      const queueId = resolveQueue(input.channel, input.queue);
      const now = (deps.clock ?? systemClock).now();
      const from = { ...input.from };
      if (from.phone !== undefined && deps.normalisePhone) from.phone = deps.normalisePhone(from.phone);
      const dueAt = input.dueAt ?? dueAtFor(input.channel, queueId, now);

      // One durable commit: the contact, its events and its routing (queued / offered) together.
      return deps.unitOfWork.run(async () => {
        const stored = await deps.contacts.insertIfNew({
          id: randomUUID(),
          channel: input.channel,
          externalId: input.externalId,
          queueId,
          status: 'new',
          priority: input.priority ?? 0,
          ...(input.subject !== undefined && input.subject !== '' ? { subject: input.subject } : {}),
          ...(input.body !== undefined ? { body: input.body } : {}),
          from,
          ...(dueAt !== undefined ? { dueAt } : {}),
          createdAt: now,
        });
        if (stored.created) {
          await deps.contacts.appendEvent({
            contactId: stored.contact.id,
            type: 'created',
            at: now,
            data: { channel: input.channel, queueId },
          });
          await inTransaction?.(stored.contact);
          for (const hook of hooks) {
            // A savepoint each: a failing hook is logged and undoes only its own writes.
            try {
              await deps.unitOfWork.run(async () => hook(stored.contact));
            } catch (err) {
              deps.log.error({ err, contactId: stored.contact.id }, 'contact-created hook failed');
            }
          }
          // Last, after everything that may throw: a rollback does not undo the routing engine.
          await deps.routing.enqueue(stored.contact);
        }
        return stored;
      });
    },
  };
}
