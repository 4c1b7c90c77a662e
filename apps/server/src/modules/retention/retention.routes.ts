import type { FastifyInstance } from 'fastify';
import type { AuthGuard } from '../../http/auth-guard';
import type { RetentionService } from './retention.service';

/**
 * The beheerder's view of the bewaartermijnen: what a run would delete now (dry run), the last run, and a run on
 * demand. The privacy officer may look, not run.
 */
export function registerRetentionRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; retention: RetentionService },
): void {
  const { guard, retention } = deps;
  app.get('/api/beheer/bewaartermijnen', { preHandler: guard.require('beheerder', 'privacy') }, async () =>
    retention.overview(),
  );
  app.post('/api/beheer/bewaartermijnen/opschonen', { preHandler: guard.require('beheerder') }, async () =>
    retention.run(),
  );
}
