import type { FastifyInstance } from 'fastify';
import { CTI_EVENT_TYPES, CtiEvent, type CtiEventResponse } from '@kcc/contracts/channels';
import { problems } from '../../../http/problem';
import type { Clock } from '../../../shared/clock';
import { parseOrThrow } from '../../../http/validate';
import type { ContactRecord, ContactsRepository } from '../../contacts/contacts.repository';
import { inboundProblem, requireIntegrationKey } from '../../contacts/inbound.routes';
import { InboundError, type InboundService } from '../../contacts/inbound.service';
import type { AgentPush } from '../../messages/messages.service';
import type { RoutingService } from '../../routing/routing.service';
import type { ChannelsConfig } from '../channels.config';
import type { CallbackService } from '../terugbelverzoek/callback.service';
import type { CtiCall, CtiRepository } from './cti.repository';

const WAITING: ReadonlySet<string> = new Set(['new', 'queued', 'offered']);

/**
 * `POST /api/channels/telefonie/events`: the CTI webhook (docs/telefonie-cti.md). Translates call events into the
 * contact lifecycle; every eventId is processed once (a replay answers `duplicate`).
 */
export function registerCtiRoutes(
  app: FastifyInstance,
  deps: {
    repo: CtiRepository;
    integrationKey: string | undefined;
    inbound: InboundService;
    contacts: ContactsRepository;
    routing: RoutingService;
    callbacks: CallbackService;
    push: AgentPush;
    config: ChannelsConfig;
    clock: Clock;
  },
): void {
  const { repo, contacts, routing } = deps;

  const queueFor = (to: string | undefined, queue: string | undefined): string | undefined => {
    if (queue !== undefined) return queue;
    if (to === undefined) return undefined;
    const mapped = deps.config.ctiNumbers.get(to.replace(/[\s-]/g, ''));
    if (mapped !== undefined) return mapped;
    return routing.hasQueue(to) ? to : undefined;
  };

  const callOf = async (callId: string): Promise<{ call: CtiCall; contact: ContactRecord }> => {
    const call = await repo.call(callId);
    const contact = call ? await contacts.get(call.contactId) : undefined;
    if (!call || !contact) {
      throw problems.invalid(
        [
          {
            name: 'callId',
            code: 'unknown_call',
            reason: `Gesprek '${callId}' is niet bekend (eerst call.offered).`,
          },
        ],
        'Dit gesprek is niet bekend.',
      );
    }
    return { call, contact };
  };

  app.post('/api/channels/telefonie/events', async (request, reply) => {
    requireIntegrationKey(request, deps.integrationKey);
    const raw = request.body as { type?: unknown } | null;
    if (
      raw !== null &&
      typeof raw === 'object' &&
      typeof raw.type === 'string' &&
      !(CTI_EVENT_TYPES as readonly string[]).includes(raw.type)
    ) {
      throw problems.invalid([
        {
          name: 'type',
          code: 'unknown_event',
          reason: `Onbekend event '${raw.type.slice(0, 50)}'. Bekend zijn: ${CTI_EVENT_TYPES.join(', ')}.`,
        },
      ]);
    }
    const event = parseOrThrow(CtiEvent, request.body, 'body');
    const now = deps.clock.now();
    // Every eventId once: the claim's primary key decides between a delivery and its replay.
    const claim = await repo.claim(event, now);
    if (claim.kind === 'duplicate') {
      const stored = JSON.parse(claim.response) as CtiEventResponse;
      return reply.code(200).send({ ...stored, status: 'duplicate' } satisfies CtiEventResponse);
    }
    if (claim.kind === 'busy') {
      throw problems.conflict('Dit event wordt nog verwerkt. Stuur het zo nog eens.');
    }
    let response: CtiEventResponse;
    try {
      response = await handle(event, now);
    } catch (err) {
      await repo.release(event.eventId);
      throw err;
    }
    await repo.answer(event.eventId, response.contactId, JSON.stringify(response));
    return reply.code(200).send(response);
  });

  async function handle(event: CtiEvent, now: number): Promise<CtiEventResponse> {
    const at = event.at !== undefined ? Date.parse(event.at) : now;
    let response: CtiEventResponse;
    switch (event.type) {
      case 'call.offered': {
        let result;
        try {
          const queue = queueFor(event.to, event.queue);
          result = await deps.inbound.receive({
            channel: 'telefoon',
            externalId: event.callId,
            from: { phone: event.from },
            ...(queue !== undefined ? { queue } : {}),
            ...(event.to !== undefined ? { subject: `Gebeld naar ${event.to}` } : {}),
          });
        } catch (err) {
          if (err instanceof InboundError) throw inboundProblem(err);
          throw err;
        }
        await repo.setCall(event.callId, result.contact.id, 'offered', now);
        response = { eventId: event.eventId, status: 'processed', contactId: result.contact.id };
        break;
      }
      case 'call.answered': {
        const { contact } = await callOf(event.callId);
        await repo.setCall(event.callId, contact.id, 'answered', now);
        await contacts.appendEvent({
          contactId: contact.id,
          type: 'cti-answered',
          at,
          data: { ...(event.agentId ? { agentId: event.agentId } : {}) },
        });
        // The platform connected the call to this agent: accept the pending offer on their behalf.
        if (event.agentId !== undefined) {
          const offer = routing.offersFor(event.agentId).find((o) => o.contactId === contact.id);
          if (offer) await routing.accept(offer.offerId, event.agentId);
        }
        response = { eventId: event.eventId, status: 'processed', contactId: contact.id };
        break;
      }
      case 'call.transferred': {
        const { contact } = await callOf(event.callId);
        if (event.toQueue !== undefined) {
          if (!routing.hasQueue(event.toQueue) || !routing.queueServes(event.toQueue, 'telefoon')) {
            throw problems.invalid([
              {
                name: 'toQueue',
                code: 'unknown',
                reason: `Wachtrij '${event.toQueue}' behandelt geen telefoon.`,
              },
            ]);
          }
          if (WAITING.has(contact.status) || contact.status === 'assigned')
            await routing.transferToQueue(contact.id, event.toQueue);
        } else if (
          event.toAgentId !== undefined &&
          (WAITING.has(contact.status) || contact.status === 'assigned')
        ) {
          await routing.offerTo(contact.id, event.toAgentId);
        }
        await repo.setCall(event.callId, contact.id, 'transferred', now);
        await contacts.appendEvent({
          contactId: contact.id,
          type: 'cti-transferred',
          at,
          data: {
            ...(event.toQueue ? { toQueue: event.toQueue } : {}),
            ...(event.toAgentId ? { toAgentId: event.toAgentId } : {}),
          },
        });
        response = { eventId: event.eventId, status: 'processed', contactId: contact.id };
        break;
      }
      case 'call.ended':
      case 'call.abandoned': {
        const { contact } = await callOf(event.callId);
        await repo.setCall(
          event.callId,
          contact.id,
          event.type === 'call.ended' ? 'ended' : 'abandoned',
          now,
        );
        response = { eventId: event.eventId, status: 'processed', contactId: contact.id };
        if (WAITING.has(contact.status)) {
          // Hung up before anyone answered: abandoned (statistics), and a callback when the queue wants one.
          await routing.abandon(contact.id, 'caller-hung-up');
          if (deps.config.ctiCallbackQueues.has(contact.queueId) && contact.from.phone !== undefined) {
            const callback = await deps.callbacks.create({
              telefoonnummer: contact.from.phone,
              externalId: `cti-terugbel:${event.callId}`,
              notitie: 'Inwoner hing op in de wachtrij; automatisch terugbelverzoek.',
              originContactId: contact.id,
              createdBy: 'cti',
            });
            response.terugbelverzoekContactId = callback.contact.id;
          }
        } else {
          await contacts.appendEvent({ contactId: contact.id, type: 'cti-ended', at });
          if (contact.status === 'assigned' && contact.assignedAgentId !== undefined) {
            deps.push(contact.assignedAgentId, 'call:ended', { contactId: contact.id, callId: event.callId });
          }
        }
        break;
      }
    }
    return response;
  }
}
