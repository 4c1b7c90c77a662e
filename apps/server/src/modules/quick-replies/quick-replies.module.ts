import type { FastifyInstance } from 'fastify';
import type { AuthGuard } from '../../http/auth-guard';
import type { Db } from '../../store/db';
import type { RoutingService } from '../routing/routing.service';
import { registerColleaguesRoutes } from './colleagues.routes';
import { createSqliteQuickRepliesRepository, seedDemoQuickReplies } from './quick-replies.repository';
import { registerQuickRepliesRoutes } from './quick-replies.routes';

export { quickRepliesMigrations } from './quick-replies.repository';

/** Quick replies (CRUD, beheerder) and the colleagues / queues a contact can be transferred to. */
export function createQuickRepliesModule(
  app: FastifyInstance,
  deps: {
    db: Db;
    guard: AuthGuard;
    routing: RoutingService;
    userName: (id: string) => string | undefined;
    demo: boolean;
  },
) {
  const repo = createSqliteQuickRepliesRepository(deps.db);
  if (deps.demo) seedDemoQuickReplies(repo);
  registerQuickRepliesRoutes(app, { guard: deps.guard, repo });
  registerColleaguesRoutes(app, { guard: deps.guard, routing: deps.routing, userName: deps.userName });
  return { repo };
}
