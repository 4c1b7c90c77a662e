import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { InboundRequest, type InboundResponse } from '@kcc/contracts/rest';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { addWorkingDays, DUE_TIME_CHANNELS } from '../queues/due-time';
import type { RoutingService } from '../routing/routing.service';
import type { ContactsRepository } from './contacts.repository';

/** Working days within which e-mail and web forms are due when the channel gives no due time. */
const DUE_WORKING_DAYS = 2;

function keyMatches(given: unknown, expected: string | undefined): boolean {
  if (expected === undefined || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /api/inbound`: every channel webhook ends here. Idempotent on channel + externalId (unique index);
 * the contact is committed before we answer, then routed.
 */
export function registerInboundRoutes(
  app: FastifyInstance,
  deps: {
    contacts: ContactsRepository;
    routing: RoutingService;
    integrationKey: string | undefined;
    normalisePhone?: (phone: string) => string;
  },
): void {
  app.post('/api/inbound', async (request, reply) => {
    if (!keyMatches(request.headers['x-integration-key'], deps.integrationKey)) {
      throw problems.unauthorized(
        deps.integrationKey === undefined
          ? 'Webhooks zijn uitgeschakeld: stel KCC_INTEGRATION_KEY in.'
          : 'Stuur een geldige X-Integration-Key mee.',
      );
    }
    const body = parseOrThrow(InboundRequest, request.body, 'body');
    let queueId = body.queue;
    if (queueId !== undefined) {
      if (!deps.routing.hasQueue(queueId)) {
        throw problems.invalid([
          { name: 'queue', code: 'unknown', reason: `Wachtrij '${queueId}' bestaat niet.` },
        ]);
      }
      if (!deps.routing.queueServes(queueId, body.channel)) {
        throw problems.invalid([
          {
            name: 'queue',
            code: 'channel',
            reason: `Wachtrij '${queueId}' behandelt geen kanaal ${body.channel}.`,
          },
        ]);
      }
    } else {
      queueId = deps.routing.defaultQueueFor(body.channel);
      if (queueId === undefined) {
        throw problems.invalid([
          { name: 'channel', code: 'no-queue', reason: `Er is geen wachtrij voor kanaal ${body.channel}.` },
        ]);
      }
    }
    const now = Date.now();
    const from = { ...body.from };
    if (from.phone !== undefined && deps.normalisePhone) from.phone = deps.normalisePhone(from.phone);
    const dueAt =
      body.dueAt !== undefined
        ? Date.parse(body.dueAt)
        : DUE_TIME_CHANNELS.has(body.channel)
          ? addWorkingDays(now, DUE_WORKING_DAYS)
          : undefined;

    const { contact, created } = deps.contacts.transaction(() => {
      const result = deps.contacts.insertIfNew({
        id: randomUUID(),
        channel: body.channel,
        externalId: body.externalId,
        queueId: queueId,
        status: 'new',
        priority: 0,
        ...(body.subject !== undefined && body.subject !== '' ? { subject: body.subject } : {}),
        ...(body.body !== undefined ? { body: body.body } : {}),
        from,
        ...(dueAt !== undefined ? { dueAt } : {}),
        createdAt: now,
      });
      if (result.created) {
        deps.contacts.appendEvent({
          contactId: result.contact.id,
          type: 'created',
          at: now,
          data: { channel: body.channel, queueId },
        });
      }
      return result;
    });
    if (created) deps.routing.enqueue(contact);
    const response: InboundResponse = { contactId: contact.id };
    return reply.code(created ? 201 : 200).send(response);
  });
}
