import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  MoveContactPayload,
  SetAgentPresencePayload,
  SetAgentQueuesPayload,
  SetContactPriorityPayload,
  DASHBOARD_ERRORS,
} from '@kcc/contracts/dashboard';
import { currentUser, type AuthGuard } from '../../http/auth-guard';
import { HttpProblem, problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ActionResult, DashboardActions } from './dashboard-actions';
import type { DashboardService } from './dashboard.service';

const AgentParams = z.object({ agentId: z.string().min(1).max(100) });
const ContactParams = z.object({ contactId: z.string().min(1).max(100) });

function unwrap<T>(result: ActionResult<T>): T {
  if (result.ok) return result.data;
  const invalidParams = result.field
    ? [{ name: result.field, code: result.error, reason: result.detail }]
    : undefined;
  switch (result.error) {
    case DASHBOARD_ERRORS.unknownAgent:
    case DASHBOARD_ERRORS.unknownContact:
      throw new HttpProblem(404, 'Niet gevonden', result.detail, invalidParams);
    case DASHBOARD_ERRORS.unknownQueue:
      throw problems.invalid(invalidParams ?? [], result.detail);
    case DASHBOARD_ERRORS.notWaiting:
      throw problems.conflict(result.detail);
    case DASHBOARD_ERRORS.channelNotServed:
      throw new HttpProblem(422, 'Kan niet verwerken', result.detail, invalidParams);
  }
}

/** REST twin of the `/dashboard` socket: the snapshot and the team-leader actions (problem JSON on errors). */
export function registerDashboardRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; dashboard: DashboardService; actions: DashboardActions },
): void {
  const { guard, dashboard, actions } = deps;
  const teamleider = { preHandler: guard.require('teamleider') };

  app.get('/api/dashboard/snapshot', { preHandler: guard.require('teamleider', 'beheerder') }, async () =>
    dashboard.snapshot(),
  );

  app.get('/api/dashboard/intraday', { preHandler: guard.require('teamleider', 'beheerder') }, async () =>
    dashboard.intradayView(),
  );

  app.post('/api/dashboard/agents/:agentId/queues', teamleider, async (request) => {
    const { agentId } = parseOrThrow(AgentParams, request.params, 'params');
    const body = parseOrThrow(SetAgentQueuesPayload.omit({ agentId: true }), request.body, 'body');
    return unwrap(await actions.setAgentQueues(currentUser(request).id, { ...body, agentId }));
  });

  app.post('/api/dashboard/agents/:agentId/presence', teamleider, async (request) => {
    const { agentId } = parseOrThrow(AgentParams, request.params, 'params');
    const body = parseOrThrow(SetAgentPresencePayload.omit({ agentId: true }), request.body, 'body');
    return unwrap(await actions.setAgentPresence(currentUser(request).id, { ...body, agentId }));
  });

  app.post('/api/dashboard/contacts/:contactId/move', teamleider, async (request) => {
    const { contactId } = parseOrThrow(ContactParams, request.params, 'params');
    const body = parseOrThrow(MoveContactPayload.omit({ contactId: true }), request.body, 'body');
    unwrap(await actions.moveContact(currentUser(request).id, { ...body, contactId }));
    return { ok: true };
  });

  app.post('/api/dashboard/contacts/:contactId/priority', teamleider, async (request) => {
    const { contactId } = parseOrThrow(ContactParams, request.params, 'params');
    const body = parseOrThrow(SetContactPriorityPayload.omit({ contactId: true }), request.body, 'body');
    unwrap(await actions.setContactPriority(currentUser(request).id, { ...body, contactId }));
    return { ok: true };
  });
}
