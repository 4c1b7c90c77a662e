import type { FastifyInstance } from 'fastify';
import { CallbackOutcomeRequest, CallbackRequest } from '@kcc/contracts/channels';
import type { AuthGuard } from '../../../http/auth-guard';
import { currentUser } from '../../../http/auth-guard';
import { problems } from '../../../http/problem';
import { parseOrThrow } from '../../../http/validate';
import type { ContactsRepository } from '../../contacts/contacts.repository';
import { InboundError } from '../../contacts/inbound.service';
import { inboundProblem } from '../../contacts/inbound.routes';
import { contactFromParams, requireHolder, requireReadable } from '../../messages/contact-access';
import type { RoutingService } from '../../routing/routing.service';
import { CallbackOutcomeConflict, type CallbackService } from './callback.service';

/** Terugbelverzoek from any contact an agent holds; its details (with a `tel:` link); its outcome. */
export function registerCallbackRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    routing: RoutingService;
    callbacks: CallbackService;
  },
): void {
  const medewerker = { preHandler: deps.guard.require('medewerker') };

  app.post('/api/contacts/:id/terugbelverzoek', medewerker, async (request, reply) => {
    const user = currentUser(request);
    const contact = await contactFromParams(request, deps.contacts);
    if (
      contact.assignedAgentId !== user.id ||
      (contact.status !== 'assigned' && contact.status !== 'nawerk')
    ) {
      throw problems.forbidden('U behandelt dit contact niet.');
    }
    const body = parseOrThrow(CallbackRequest, request.body, 'body');
    let created;
    try {
      created = await deps.callbacks.create({
        telefoonnummer: body.telefoonnummer,
        ...(body.voorkeurVan !== undefined ? { voorkeurVan: Date.parse(body.voorkeurVan) } : {}),
        ...(body.voorkeurTot !== undefined ? { voorkeurTot: Date.parse(body.voorkeurTot) } : {}),
        ...(body.notitie !== undefined ? { notitie: body.notitie } : {}),
        ...(body.queue !== undefined ? { queue: body.queue } : {}),
        ...(contact.from.name !== undefined ? { name: contact.from.name } : {}),
        originContactId: contact.id,
        createdBy: user.id,
      });
    } catch (err) {
      if (err instanceof InboundError) throw inboundProblem(err);
      throw err;
    }
    return reply
      .code(201)
      .send({ contactId: created.contact.id, terugbelverzoek: await deps.callbacks.get(created.contact.id) });
  });

  app.get(
    '/api/contacts/:id/terugbelverzoek',
    { preHandler: deps.guard.require('medewerker') },
    async (request) => {
      const contact = await contactFromParams(request, deps.contacts);
      await requireReadable(request, contact, deps.routing, ['contactgegevens'], deps.contacts);
      const view = await deps.callbacks.get(contact.id);
      if (!view) throw problems.notFound('Dit contact is geen terugbelverzoek.');
      return view;
    },
  );

  app.post('/api/contacts/:id/terugbelverzoek/uitkomst', medewerker, async (request) => {
    const user = currentUser(request);
    const contact = await contactFromParams(request, deps.contacts);
    requireHolder(user, contact);
    const body = parseOrThrow(CallbackOutcomeRequest, request.body, 'body');
    try {
      return await deps.callbacks.outcome(
        contact,
        user.id,
        body.uitkomst,
        body.nieuwVan !== undefined ? Date.parse(body.nieuwVan) : undefined,
        body.nieuwTot !== undefined ? Date.parse(body.nieuwTot) : undefined,
      );
    } catch (err) {
      if (err instanceof CallbackOutcomeConflict) throw problems.conflict(err.message);
      throw err;
    }
  });
}
