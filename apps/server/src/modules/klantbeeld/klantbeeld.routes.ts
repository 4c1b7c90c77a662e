import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '@kcc/contracts/domain';
import {
  LinkPartijRequest,
  type KlantbeeldResponse,
  type LinkPartijResponse,
  type PartijSearchResponse,
} from '@kcc/contracts/rest';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto } from '../contacts/contacts.repository';
import type { KlantinteractiesPort } from '../klantinteracties/ports';
import type { RoutingService } from '../routing/routing.service';
import type { ContactKlantbeeldResponse } from '@kcc/contracts/klantbeeld';
import type { KlantbeeldService } from '../registers/klantbeeld.service';
import { logKlantbeeldRead } from '../registers/verwerking-log';
import type { VerwerkingenLog } from './verwerkingen';

const ContactParams = z.object({ id: z.string().min(1).max(100) });
const SearchQuery = z.object({
  q: z.string().trim().min(2, 'Typ minstens 2 tekens').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const KLANTBEELD_CATEGORIEEN = ['identificatie', 'contactgegevens', 'klantcontacten', 'interne taken'];
const HISTORY_LIMIT = 50;

/**
 * The integraal klantbeeld for the contact an agent holds, and linking an unknown caller to a partij.
 * Every view of personal data is logged with the contact as purpose.
 */
export function registerKlantbeeldRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    port: () => KlantinteractiesPort;
    verwerkingen: VerwerkingenLog;
    routing: RoutingService;
    /** Composes the integraal klantbeeld (BRP, zaken, …) next to the existing fields. */
    klantbeeld?: KlantbeeldService;
  },
): void {
  const agent = { preHandler: deps.guard.require('medewerker') };

  const heldContact = (request: FastifyRequest, user: User, activeOnly: boolean): ContactRecord => {
    const { id } = parseOrThrow(ContactParams, request.params, 'params');
    const contact = deps.contacts.get(id);
    if (!contact) throw problems.notFound('Dit contact bestaat niet.');
    if (contact.assignedAgentId !== user.id) throw problems.forbidden('U behandelt dit contact niet.');
    if (activeOnly && contact.status !== 'assigned' && contact.status !== 'nawerk') {
      throw problems.forbidden('Dit contact is afgesloten; het klantbeeld is niet meer beschikbaar.');
    }
    return contact;
  };

  app.get('/api/contacts/:id', agent, async (request) => {
    return toContactDto(heldContact(request, currentUser(request), false));
  });

  app.get('/api/contacts/:id/klantbeeld', agent, async (request) => {
    const user = currentUser(request);
    const contact = heldContact(request, user, true);
    const port = deps.port();
    let response: KlantbeeldResponse;
    const linked = contact.partijUuid !== undefined ? port.getPartij(contact.partijUuid) : undefined;
    if (linked) {
      response = {
        herkenning: 'gekoppeld',
        partij: linked,
        kandidaten: [],
        klantcontacten: [],
        openInterneTaken: [],
      };
    } else {
      const r = port.recognise(contact.from);
      response = {
        herkenning: r.herkenning,
        ...(r.partij ? { partij: r.partij } : {}),
        kandidaten: r.kandidaten,
        klantcontacten: [],
        openInterneTaken: [],
      };
    }
    if (response.partij) {
      response.klantcontacten = port.klantcontactenVan(response.partij.uuid, HISTORY_LIMIT);
      response.openInterneTaken = port.openInterneTakenVanPartij(response.partij.uuid);
    }
    const at = Date.now();
    const doel = `contact:${contact.id}`;
    if (response.partij && deps.klantbeeld) {
      const integraal = await deps.klantbeeld.compose({
        partij: response.partij,
        doel,
        doelOmschrijving: `Contact via ${contact.channel}`,
        ...(contact.subject ? { onderwerp: contact.subject } : {}),
      });
      (response as ContactKlantbeeldResponse).integraal = integraal;
      // BRP, KvK and zaken reads are logged per source; the Klantinteracties read is logged below as before.
      logKlantbeeldRead(
        deps.verwerkingen,
        {
          at,
          userId: user.id,
          doel,
          contactId: contact.id,
          partijUuid: response.partij.uuid,
          bsn: response.partij.bsn,
        },
        integraal,
        ['brp', 'kvk', 'zaken'],
      );
    }
    if (response.partij) {
      deps.verwerkingen.log({
        at,
        userId: user.id,
        handeling: 'inzien',
        partijUuid: response.partij.uuid,
        categorieen: KLANTBEELD_CATEGORIEEN,
        doel,
        contactId: contact.id,
      });
    }
    for (const k of response.kandidaten) {
      if (k.uuid === response.partij?.uuid) continue;
      deps.verwerkingen.log({
        at,
        userId: user.id,
        handeling: 'inzien',
        partijUuid: k.uuid,
        categorieen: ['identificatie', 'contactgegevens'],
        doel,
        contactId: contact.id,
      });
    }
    return response;
  });

  app.get('/api/partijen', agent, async (request) => {
    const user = currentUser(request);
    const { q, limit } = parseOrThrow(SearchQuery, request.query, 'query');
    const items = deps.port().searchPartijen(q, limit);
    const at = Date.now();
    for (const p of items) {
      deps.verwerkingen.log({
        at,
        userId: user.id,
        handeling: 'zoeken',
        partijUuid: p.uuid,
        categorieen: ['identificatie', 'contactgegevens'],
        doel: 'zoeken-partij',
      });
    }
    const response: PartijSearchResponse = { items };
    return response;
  });

  app.post('/api/contacts/:id/partij', agent, async (request, reply) => {
    const user = currentUser(request);
    const contact = heldContact(request, user, true);
    const body = parseOrThrow(LinkPartijRequest, request.body, 'body');
    const port = deps.port();
    const now = Date.now();
    const partij = deps.contacts.transaction(() => {
      let p;
      if ('uuid' in body) {
        p = port.getPartij(body.uuid);
        if (!p)
          throw problems.invalid([{ name: 'uuid', code: 'not-found', reason: 'Deze partij bestaat niet.' }]);
      } else {
        p = port.createPersoon(body.nieuw);
      }
      deps.contacts.update(contact.id, { partijUuid: p.uuid }, now);
      deps.contacts.appendEvent({
        contactId: contact.id,
        type: 'partij-linked',
        at: now,
        agentId: user.id,
        data: { partij: p.uuid, nieuw: !('uuid' in body) },
      });
      deps.verwerkingen.log({
        at: now,
        userId: user.id,
        handeling: 'uuid' in body ? 'koppelen' : 'aanmaken',
        partijUuid: p.uuid,
        categorieen: ['identificatie', 'contactgegevens'],
        doel: `contact:${contact.id}`,
        contactId: contact.id,
      });
      return p;
    });
    deps.routing.announceContact(contact.id);
    const response: LinkPartijResponse = { partij };
    return reply.code('uuid' in body ? 200 : 201).send(response);
  });
}
