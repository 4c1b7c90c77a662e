import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RegistrationRequest, type RegistrationResponse } from '@kcc/contracts/rest';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { Identificatieniveau } from '@kcc/contracts/klantbeeld';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { RegistrationError, type KlantinteractiesPort } from '../klantinteracties/ports';
import type { RoutingService } from '../routing/routing.service';
import { isUniqueViolation } from '../../store/unique-violation';
import { requestHash, type IdempotencyStore, type StoredResponse } from './idempotency';
import type { Clock } from '../../shared/clock';
import type { UnitOfWork } from '../../shared/domain-events';

const ContactParams = z.object({ contactId: z.string().min(1).max(100) });
const IdempotencyKey = z.uuid({ message: 'Idempotency-Key moet een uuid zijn' });

/**
 * `POST /api/contacts/:contactId/registration`: one klantcontact (+ betrokkene, onderwerpobject, interne taak) in
 * one unit of work with the contact update, the stored response and what routing makes of it (the agent's nawerk,
 * or the contact closed): one durable commit before the answer. The same Idempotency-Key replays the response.
 * After the commit the subscribers hear `contact-registered` (and `interne-taken-changed` for a new taak).
 */
export function registerRegistrationRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    idempotency: IdempotencyStore;
    port: () => KlantinteractiesPort;
    routing: RoutingService;
    unitOfWork: UnitOfWork;
    clock: Clock;
    /** Checks before anything is stored (the channels' reply that did not go out): a throw refuses it. */
    check?: (contactId: string, request: RegistrationRequest) => Promise<void>;
    /** The contact's identification level for this partij, stored with the klantcontact. */
    identificatieniveau?: (
      contact: ContactRecord,
      partijUuid: string | undefined,
    ) => Promise<Identificatieniveau>;
    /** An onderwerp of the managed list (issue 14 §7), by id. */
    onderwerp?: (id: string) => Promise<ListedOnderwerp | undefined>;
  },
): void {
  app.post(
    '/api/contacts/:contactId/registration',
    { preHandler: deps.guard.require('medewerker') },
    async (request, reply) => {
      const user = currentUser(request);
      const { contactId } = parseOrThrow(ContactParams, request.params, 'params');
      const keyHeader = request.headers['idempotency-key'];
      if (keyHeader === undefined) {
        throw problems.invalid(
          [{ name: 'Idempotency-Key', code: 'required', reason: 'De header Idempotency-Key ontbreekt.' }],
          'Stuur een Idempotency-Key (uuid) mee, zodat een herhaalde poging niets dubbel vastlegt.',
        );
      }
      const keyParsed = IdempotencyKey.safeParse(keyHeader);
      if (!keyParsed.success) {
        throw problems.invalid([
          { name: 'Idempotency-Key', code: 'invalid_format', reason: 'Idempotency-Key moet een uuid zijn.' },
        ]);
      }
      const key = keyParsed.data.toLowerCase();
      const sent = parseOrThrow(RegistrationRequest, request.body, 'body');
      const hash = requestHash({ contactId, body: sent });
      // Read before the unit of work (which awaits only the store); checked there, after a replay of a stored answer.
      const listed = sent.onderwerpId !== undefined ? await deps.onderwerp?.(sent.onderwerpId) : undefined;
      const now = deps.clock.now();
      const replay = (stored: StoredResponse) => {
        if (stored.requestHash !== hash) {
          throw problems.unprocessable('Deze Idempotency-Key is al gebruikt voor een ander verzoek.');
        }
        return reply.code(stored.status).send(stored.response);
      };
      let outcome: { replay: StoredResponse } | { response: RegistrationResponse; contactId: string };
      try {
        // One command: units run one after another here, so a retry with the same key finds the first one's answer
        // and a second registration finds the contact afgerond. The key's PRIMARY KEY decides between instances.
        outcome = await deps.unitOfWork.run(async () => {
          const stored = await deps.idempotency.get(user.id, key);
          if (stored) return { replay: stored };
          const contact = await deps.contacts.get(contactId);
          if (!contact) throw problems.notFound('Dit contact bestaat niet.');
          if (contact.assignedAgentId !== user.id) throw problems.forbidden('U behandelt dit contact niet.');
          if (contact.status !== 'assigned') throw problems.conflict('Dit contact is al afgerond.');
          const { body, hoofdOnderwerpType } = fromOnderwerpenList(sent, listed);
          await deps.check?.(contact.id, body);
          const afronden = body.afronden !== false;
          const partijUuid = body.partij?.uuid ?? contact.partijUuid;
          const identificatieniveau = deps.identificatieniveau
            ? await deps.identificatieniveau(contact, partijUuid)
            : undefined;
          const result = await deps.port().register({
            contact: {
              id: contact.id,
              channel: contact.channel,
              from: contact.from,
              ...(contact.partijUuid !== undefined ? { partijUuid: contact.partijUuid } : {}),
              ...(identificatieniveau !== undefined ? { identificatieniveau } : {}),
            },
            medewerker: { userId: user.id, username: user.username, name: user.name },
            request: body,
            ...(hoofdOnderwerpType !== undefined ? { hoofdOnderwerpType } : {}),
            at: new Date(now),
          });
          await deps.contacts.update(
            contact.id,
            {
              registrations: contact.registrations + 1,
              ...(afronden ? { status: 'nawerk' as const } : {}),
              ...(body.partij ? { partijUuid: body.partij.uuid } : {}),
              // A call has no subject of its own: the registered onderwerp names it from now on (header, inbox).
              ...(contact.subject === undefined ? { subject: body.onderwerp } : {}),
            },
            now,
          );
          await deps.contacts.appendEvent({
            contactId: contact.id,
            type: 'registered',
            at: now,
            agentId: user.id,
            data: {
              klantcontact: result.klantcontact.uuid,
              ...(result.interneTaak ? { interneTaak: result.interneTaak.uuid } : {}),
              gespreksresultaat: body.gespreksresultaat,
              afronden,
            },
          });
          if (afronden)
            await deps.contacts.appendEvent({
              contactId: contact.id,
              type: 'nawerk',
              at: now,
              agentId: user.id,
            });
          await deps.idempotency.put(user.id, key, { requestHash: hash, status: 201, response: result }, now);
          deps.unitOfWork.record({
            type: 'contact-registered',
            contactId: contact.id,
            channel: contact.channel,
            agentId: user.id,
            klantcontactUuid: result.klantcontact.uuid,
            request: body,
            at: now,
          });
          if (result.interneTaak) deps.unitOfWork.record({ type: 'interne-taken-changed' });
          // Last, after everything that may throw: a rollback does not undo the routing engine.
          if (afronden) await deps.routing.finish(contact.id, user.id);
          return { response: result, contactId: contact.id };
        });
      } catch (err) {
        if (err instanceof RegistrationError) {
          throw problems.invalid([{ name: err.field, code: err.code, reason: err.reason }]);
        }
        const stored = isUniqueViolation(err) ? await deps.idempotency.get(user.id, key) : undefined;
        if (!stored) throw err;
        outcome = { replay: stored };
      }
      if ('replay' in outcome) return replay(outcome.replay);
      await deps.routing.announceContact(outcome.contactId);
      return reply.code(201).send(outcome.response);
    },
  );
}

interface ListedOnderwerp {
  naam: string;
  uplUri?: string;
  actief: boolean;
}

/**
 * A registration whose onderwerp comes from the managed list is registered under the list's current name, with
 * the product's UPL uri as the klantcontact's `hoofdOnderwerpType` ("het type van het onderwerp"). An id that is
 * unknown or no longer active is refused on the field, so the agent picks again or keeps the text as free text.
 */
function fromOnderwerpenList(
  sent: RegistrationRequest,
  item: ListedOnderwerp | undefined,
): { body: RegistrationRequest; hoofdOnderwerpType?: string } {
  if (sent.onderwerpId === undefined) return { body: sent };
  if (!item || !item.actief) {
    throw problems.invalid([
      {
        name: 'onderwerpId',
        code: item ? 'inactive' : 'does_not_exist',
        reason: item
          ? `Het onderwerp '${item.naam}' is niet meer in gebruik. Kies een ander onderwerp.`
          : 'Dit onderwerp staat niet in de lijst. Kies een onderwerp uit de lijst of typ het zelf.',
      },
    ]);
  }
  return {
    body: { ...sent, onderwerp: item.naam },
    ...(item.uplUri !== undefined ? { hoofdOnderwerpType: item.uplUri } : {}),
  };
}
