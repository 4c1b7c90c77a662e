import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireIntegrationKey } from '../modules/contacts/inbound.routes';
import type { AdjustableClock } from '../shared/adjustable-clock';
import { parseOrThrow } from './validate';

const AdvanceRequest = z.object({ advanceMs: z.number().int().min(0).max(86_400_000) });

/**
 * `POST /api/test/clock` (integration key): move the server's clock forward, so an end-to-end test reaches a
 * deadline (a short-abandon threshold, a callback window) without waiting for it. Registered only for a demo server
 * started with KCC_TEST_CLOCK=1.
 */
export function registerTestClockRoute(
  app: FastifyInstance,
  deps: { clock: AdjustableClock; integrationKey: string | undefined },
): void {
  app.post('/api/test/clock', async (request) => {
    requireIntegrationKey(request, deps.integrationKey);
    const { advanceMs } = parseOrThrow(AdvanceRequest, request.body, 'body');
    deps.clock.advance(advanceMs);
    return { now: new Date(deps.clock.now()).toISOString() };
  });
}
