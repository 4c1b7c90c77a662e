import type { FastifyInstance } from 'fastify';
import type { AuthGuard } from '../../http/auth-guard';
import type { Store } from '../../store/store';
import type { RoutingService } from '../routing/routing.service';
import { registerColleaguesRoutes } from './colleagues.routes';
import { createQuickRepliesRepository, seedDemoQuickReplies } from './quick-replies.repository';
import { registerQuickRepliesRoutes } from './quick-replies.routes';

export { quickRepliesMigrations } from './quick-replies.repository';

/** Quick replies (CRUD, beheerder) and the colleagues / queues a contact can be transferred to. */
export async function createQuickRepliesModule(
  app: FastifyInstance,
  deps: {
    store: Store;
    guard: AuthGuard;
    routing: RoutingService;
    userName: (id: string) => string | undefined;
    demo: boolean;
  },
) {
  const repo = createQuickRepliesRepository(deps.store);
  if (deps.demo) await seedDemoQuickReplies(repo);
  registerQuickRepliesRoutes(app, { guard: deps.guard, repo });
  registerColleaguesRoutes(app, { guard: deps.guard, routing: deps.routing, userName: deps.userName });
  return { repo };
}
