import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '@kcc/contracts/domain';
import type { ContactKlantbeeldResponse } from '@kcc/contracts/klantbeeld';
import {
  LinkPartijRequest,
  type LinkPartijResponse,
  type PartijSearchResponse,
  type PartijView,
} from '@kcc/contracts/rest';
import { ConnectorError } from '../../connectors/errors';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto } from '../contacts/contacts.repository';
import { RegistrationError } from '../klantinteracties/ports';
import type { RoutingService } from '../routing/routing.service';
import type { KlantbeeldService } from '../registers/klantbeeld.service';
import type { Klantregister } from '../registers/ports';
import { registerProblem } from '../registers/registers.routes';
import { logKlantbeeldRead } from '../registers/verwerking-log';
import type { VerwerkingenLog } from './verwerkingen';

const ContactParams = z.object({ id: z.string().min(1).max(100) });
const SearchQuery = z.object({
  q: z.string().trim().min(2, 'Typ minstens 2 tekens').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const KLANTBEELD_CATEGORIEEN = ['identificatie', 'contactgegevens', 'klantcontacten', 'interne taken'];
export const KLANTREGISTER_STORING =
  'Het klantregister is nu niet bereikbaar. Daarom is de klant niet herkend. Probeer het zo opnieuw.';

/** Errors of the klantregister as problems: bad input 400, refused by Open Klant 422, unreachable 503. */
function klantregisterProblem(err: unknown): never {
  if (err instanceof RegistrationError) {
    throw problems.invalid([{ name: `nieuw.${err.field}`, code: err.code, reason: err.reason }]);
  }
  if (err instanceof ConnectorError && err.kind === 'bad_request') {
    throw problems.unprocessable(
      'Het klantregister heeft deze gegevens geweigerd. Controleer ze en probeer opnieuw.',
    );
  }
  return registerProblem(err, 'Het klantregister');
}

/**
 * The klantbeeld for the contact an agent holds, searching a partij and linking an unknown caller to one,
 * all against the klantregister (the embedded store, or Open Klant when configured).
 * Every view of personal data is logged with the contact as purpose.
 */
export function registerKlantbeeldRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    klantregister: Klantregister;
    verwerkingen: VerwerkingenLog;
    routing: RoutingService;
    /** Composes the integraal klantbeeld (BRP, zaken, klantcontacten…) of a recognised partij. */
    klantbeeld: KlantbeeldService;
  },
): void {
  const agent = { preHandler: deps.guard.require('medewerker') };
  const register = deps.klantregister;

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
    const response: ContactKlantbeeldResponse = {
      herkenning: 'onbekend',
      kandidaten: [],
      klantcontacten: [],
      openInterneTaken: [],
    };
    try {
      const linked =
        contact.partijUuid !== undefined ? await register.getPartij(contact.partijUuid) : undefined;
      if (linked) {
        response.herkenning = 'gekoppeld';
        response.partij = linked;
      } else {
        const r = await register.recognise(contact.from);
        response.herkenning = r.herkenning;
        if (r.partij) response.partij = r.partij;
        response.kandidaten = r.kandidaten;
      }
    } catch (err) {
      request.log.warn({ err: String(err) }, 'klantregister niet bereikbaar bij klantherkenning');
      response.storing = KLANTREGISTER_STORING;
    }
    const at = Date.now();
    const doel = `contact:${contact.id}`;
    const partij = response.partij;
    if (partij) {
      const integraal = await deps.klantbeeld.compose({
        partij,
        doel,
        doelOmschrijving: `Contact via ${contact.channel}`,
        ...(contact.subject ? { onderwerp: contact.subject } : {}),
      });
      response.integraal = integraal;
      if (integraal.klantcontacten.status === 'beschikbaar') {
        response.klantcontacten = integraal.klantcontacten.data.items;
      }
      if (integraal.interneTaken.status === 'beschikbaar') {
        response.openInterneTaken = integraal.interneTaken.data.items;
      }
      // BRP, KvK and zaken reads are logged per source; the Klantinteracties read is logged below.
      logKlantbeeldRead(
        deps.verwerkingen,
        { at, userId: user.id, doel, contactId: contact.id, partijUuid: partij.uuid, bsn: partij.bsn },
        integraal,
        ['brp', 'kvk', 'zaken'],
      );
      deps.verwerkingen.log({
        at,
        userId: user.id,
        handeling: 'inzien',
        partijUuid: partij.uuid,
        ...(partij.bsn ? { bsn: partij.bsn } : {}),
        categorieen: KLANTBEELD_CATEGORIEEN,
        doel,
        contactId: contact.id,
      });
    }
    for (const k of response.kandidaten) {
      if (k.uuid === partij?.uuid) continue;
      deps.verwerkingen.log({
        at,
        userId: user.id,
        handeling: 'inzien',
        partijUuid: k.uuid,
        ...(k.bsn ? { bsn: k.bsn } : {}),
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
    let result: PartijSearchResponse;
    try {
      result = await register.searchPartijen(q, limit);
    } catch (err) {
      return klantregisterProblem(err);
    }
    const at = Date.now();
    for (const p of result.items) {
      deps.verwerkingen.log({
        at,
        userId: user.id,
        handeling: 'zoeken',
        partijUuid: p.uuid,
        ...(p.bsn ? { bsn: p.bsn } : {}),
        categorieen: ['identificatie', 'contactgegevens'],
        doel: 'zoeken-partij',
      });
    }
    return result;
  });

  app.post('/api/contacts/:id/partij', agent, async (request, reply) => {
    const user = currentUser(request);
    heldContact(request, user, true);
    const body = parseOrThrow(LinkPartijRequest, request.body, 'body');
    let partij: PartijView | undefined;
    try {
      partij =
        'uuid' in body ? await register.getPartij(body.uuid) : await register.createPersoon(body.nieuw);
    } catch (err) {
      return klantregisterProblem(err);
    }
    if (!partij) {
      throw problems.invalid([{ name: 'uuid', code: 'not-found', reason: 'Deze partij bestaat niet.' }]);
    }
    const p = partij;
    const now = Date.now();
    const contactId = deps.contacts.transaction(() => {
      // Checked again: the contact may have been closed while the klantregister answered.
      const contact = heldContact(request, user, true);
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
        ...(p.bsn ? { bsn: p.bsn } : {}),
        categorieen: ['identificatie', 'contactgegevens'],
        doel: `contact:${contact.id}`,
        contactId: contact.id,
      });
      return contact.id;
    });
    deps.routing.announceContact(contactId);
    const response: LinkPartijResponse = { partij: p };
    return reply.code('uuid' in body ? 200 : 201).send(response);
  });
}
