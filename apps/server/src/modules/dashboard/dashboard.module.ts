import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { AuthGuard } from '../../http/auth-guard';
import type { Clock } from '../../shared/clock';
import type { EventBus } from '../../shared/domain-events';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { Logger } from '../../shared/logger';
import type { RoutingService } from '../routing/routing.service';
import { DashboardActions } from './dashboard-actions';
import { registerDashboardNamespace } from './dashboard-namespace';
import { registerDashboardRoutes } from './dashboard.routes';
import { DashboardService } from './dashboard.service';

export interface DashboardModule {
  service: DashboardService;
  actions: DashboardActions;
  /** After `routing.start()`: rebuild today's figures from the log and start pushing. */
  start(): Promise<void>;
  stop(): void;
}

/** The team-leader dashboard: read model, actions, `/dashboard` namespace and `/api/dashboard/*` routes. */
export function createDashboardModule(
  app: FastifyInstance,
  io: Server,
  deps: {
    guard: AuthGuard;
    routing: RoutingService;
    contacts: ContactsRepository;
    userName: (id: string) => string | undefined;
    events: EventBus;
    log: Logger;
    throttleMs?: number;
    clock?: Clock;
  },
): DashboardModule {
  const service = new DashboardService({
    routing: deps.routing,
    contacts: deps.contacts,
    userName: deps.userName,
    events: deps.events,
    log: deps.log,
    ...(deps.throttleMs !== undefined ? { throttleMs: deps.throttleMs } : {}),
    ...(deps.clock !== undefined ? { clock: deps.clock } : {}),
  });
  const actions = new DashboardActions({
    routing: deps.routing,
    contacts: deps.contacts,
    dashboard: service,
    ...(deps.clock !== undefined ? { clock: deps.clock } : {}),
  });
  registerDashboardRoutes(app, { guard: deps.guard, dashboard: service, actions });
  registerDashboardNamespace(io, { guard: deps.guard, dashboard: service, actions, log: deps.log });
  return { service, actions, start: () => service.start(), stop: () => service.stop() };
}
