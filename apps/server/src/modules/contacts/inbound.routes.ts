import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InboundRequest, type InboundResponse } from '@kcc/contracts/rest';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { InboundError, type InboundService } from './inbound.service';

function keyMatches(given: unknown, expected: string | undefined): boolean {
  if (expected === undefined || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every channel webhook: `X-Integration-Key` must match KCC_INTEGRATION_KEY, else a 401 problem. */
export function requireIntegrationKey(request: FastifyRequest, integrationKey: string | undefined): void {
  if (!keyMatches(request.headers['x-integration-key'], integrationKey)) {
    throw problems.unauthorized(
      integrationKey === undefined
        ? 'Webhooks zijn uitgeschakeld: stel KCC_INTEGRATION_KEY in.'
        : 'Stuur een geldige X-Integration-Key mee.',
    );
  }
}

/** An `InboundError` as a 400 problem with invalidParams. */
export function inboundProblem(err: InboundError) {
  return problems.invalid([{ name: err.field, code: err.code, reason: err.reason }]);
}

/**
 * `POST /api/inbound`: the generic channel webhook. Idempotent on channel + externalId (unique index);
 * the contact is committed before we answer, then routed (inbound.service).
 */
export function registerInboundRoutes(
  app: FastifyInstance,
  deps: { inbound: InboundService; integrationKey: string | undefined },
): void {
  app.post('/api/inbound', async (request, reply) => {
    requireIntegrationKey(request, deps.integrationKey);
    const body = parseOrThrow(InboundRequest, request.body, 'body');
    let result;
    try {
      result = await deps.inbound.receive({
        channel: body.channel,
        externalId: body.externalId,
        from: body.from,
        ...(body.queue !== undefined ? { queue: body.queue } : {}),
        ...(body.subject !== undefined ? { subject: body.subject } : {}),
        ...(body.body !== undefined ? { body: body.body } : {}),
        ...(body.dueAt !== undefined ? { dueAt: Date.parse(body.dueAt) } : {}),
      });
    } catch (err) {
      if (err instanceof InboundError) throw inboundProblem(err);
      throw err;
    }
    const response: InboundResponse = { contactId: result.contact.id };
    return reply.code(result.created ? 201 : 200).send(response);
  });
}
