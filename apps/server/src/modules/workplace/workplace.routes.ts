import type { FastifyInstance } from 'fastify';
import type {
  AfdelingenResponse,
  GespreksresultatenResponse,
  MeResponse,
  MyContactsResponse,
  MyOffersResponse,
  QueueWaitingResponse,
} from '@kcc/contracts/rest';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import type { ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto, toContactSummary } from '../contacts/contacts.repository';
import type { KlantinteractiesPort } from '../klantinteracties/ports';
import type { RoutingService } from '../routing/routing.service';

/** The workplace's reads about the signed-in agent. */
export function registerWorkplaceRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    routing: RoutingService;
    port: () => KlantinteractiesPort;
  },
): void {
  const { guard, contacts, routing } = deps;
  const anyone = { preHandler: guard.require() };
  const agent = { preHandler: guard.require('medewerker') };

  app.get('/api/me', anyone, async (request) => {
    const user = currentUser(request);
    const response: MeResponse = {
      user: { id: user.id, username: user.username, name: user.name, roles: user.roles },
      state: routing.agentState(user.id),
      queues: routing.queueInfosFor(user.id),
    };
    return response;
  });

  app.get('/api/me/contacts', agent, async (request) => {
    const user = currentUser(request);
    const response: MyContactsResponse = {
      items: (await contacts.listForAgent(user.id, ['assigned', 'nawerk'])).map(toContactDto),
    };
    return response;
  });

  app.get('/api/me/offers', agent, async (request) => {
    const user = currentUser(request);
    const items: MyOffersResponse['items'] = [];
    for (const offer of routing.offersFor(user.id)) {
      const c = await contacts.get(offer.contactId);
      if (c)
        items.push({
          offerId: offer.offerId,
          contact: toContactSummary(c),
          expiresAt: new Date(offer.expiresAt).toISOString(),
        });
    }
    const response: MyOffersResponse = { items };
    return response;
  });

  app.get('/api/queues/waiting', agent, async (request) => {
    const response: QueueWaitingResponse = { items: routing.waitingFor(currentUser(request).id) };
    return response;
  });

  app.get('/api/gespreksresultaten', anyone, async () => {
    const response: GespreksresultatenResponse = { items: await deps.port().gespreksresultaten() };
    return response;
  });

  app.get('/api/afdelingen', anyone, async () => {
    const response: AfdelingenResponse = { items: await deps.port().afdelingen() };
    return response;
  });
}
