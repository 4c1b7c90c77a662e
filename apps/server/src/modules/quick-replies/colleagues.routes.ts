import type { FastifyInstance } from 'fastify';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import type { RoutingService } from '../routing/routing.service';
import type { ColleaguesResponse } from './quick-replies.schemas';

/**
 * Transfer and consult targets for a medewerker: the other routable agents with their name and presence (nothing
 * personal beyond the name) and every queue with the channels it serves.
 */
export function registerColleaguesRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; routing: RoutingService; userName: (id: string) => string | undefined },
): void {
  const { routing } = deps;
  app.get('/api/colleagues', { preHandler: deps.guard.require('medewerker') }, async (request) => {
    const self = currentUser(request).id;
    const items = routing
      .agentIds()
      .filter((id) => id !== self)
      .flatMap((id) => {
        const name = deps.userName(id);
        return name === undefined ? [] : [{ id, name, presence: routing.agentState(id).presence }];
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const queues = routing.queueIds().flatMap((id) => {
      const config = routing.queueConfig(id);
      return config ? [{ id, name: config.name, channels: [...config.channels] }] : [];
    });
    const response: ColleaguesResponse = { items, queues };
    return response;
  });
}
