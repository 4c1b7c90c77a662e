import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '@kcc/contracts/domain';
import { KlantbeeldDoel } from '@kcc/contracts/klantbeeld';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import type { VerwerkingenLog } from '../audit';
import type { RoutingService } from '../routing/routing.service';

export const ContactIdParams = z.object({ id: z.string().min(1).max(100) });
const DoelParams = z
  .object({ doel: KlantbeeldDoel.optional(), contactId: z.string().min(1).max(100).optional() })
  .loose();

/** The contact named in `:id`, or a 404 problem. */
export async function contactFromParams(
  request: FastifyRequest,
  contacts: ContactsRepository,
): Promise<ContactRecord> {
  const { id } = parseOrThrow(ContactIdParams, request.params, 'params');
  const contact = await contacts.get(id);
  if (!contact) throw problems.notFound('Dit contact bestaat niet.');
  return contact;
}

/**
 * Is the contact the user's work? The agent who holds it, or an agent it is offered to (a transfer: read before
 * accepting). A teamleider is not: they steer with statistics and read no content (docs/decisions.md, Security).
 */
export function canRead(user: User, contact: ContactRecord, routing: RoutingService): boolean {
  if (contact.assignedAgentId === user.id) return true;
  return routing.offersFor(user.id).some((o) => o.contactId === contact.id);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The verwerkingenlog that content reads go to (`useContentReadLog`). */
    contentReadLog?: VerwerkingenLog;
  }
}

/** Set once on the root instance, before the routes that read content are used; plugins inherit it. */
export function useContentReadLog(app: FastifyInstance, log: VerwerkingenLog): void {
  app.decorate('contentReadLog', log);
}

/**
 * A read of a contact's content (messages, context, drafts, callback details): allowed with the contact as
 * purpose (held or offered) or with a stated purpose (`?doel=` from the klantbeeld's list), and written to the
 * verwerkingenlog either way, like a klantbeeld read. Rejects with 403 without a purpose; resolves once the log
 * line is committed and rejects when it cannot be written (fail closed): await it before answering.
 */
export async function requireReadable(
  request: FastifyRequest,
  contact: ContactRecord,
  routing: RoutingService,
  soortenGegevens: string[],
  contacts: ContactsRepository,
): Promise<void> {
  const user = currentUser(request);
  const doel = canRead(user, contact, routing)
    ? `contact:${contact.id}`
    : await statedDoel(request, user, contacts);
  const log = request.server.contentReadLog;
  if (!log) throw problems.forbidden('Inzien kan nu niet worden vastgelegd.');
  // The log is kept per data subject: a contact nobody is linked to yet (an anonymous chat) has none to log for.
  const bsn = contact.from.bsn;
  if (contact.partijUuid === undefined && bsn === undefined) return;
  await log.log({
    at: Date.now(),
    userId: user.id,
    handeling: 'inzien',
    ...(contact.partijUuid !== undefined ? { partijUuid: contact.partijUuid } : {}),
    ...(bsn !== undefined ? { bsn } : {}),
    categorieen: soortenGegevens,
    doel,
    contactId: contact.id,
  });
}

/**
 * The purpose a medewerker states for reading content that is not their work now: a code from the klantbeeld's
 * list (`?doel=`), or a contact they hold (`?contactId=`, e.g. the resident's history while on the phone).
 */
async function statedDoel(
  request: FastifyRequest,
  user: User,
  contacts: ContactsRepository,
): Promise<string> {
  const refused = problems.forbidden('U behandelt dit contact niet. Kies een doel om het in te zien.');
  const stated = DoelParams.safeParse(request.query ?? {});
  if (!stated.success || !user.roles.includes('medewerker')) throw refused;
  const { doel, contactId } = stated.data;
  if (contactId !== undefined) {
    const held = await contacts.get(contactId);
    if (held?.assignedAgentId === user.id && (held.status === 'assigned' || held.status === 'nawerk'))
      return `contact:${held.id}`;
  }
  if (doel !== undefined) return doel;
  throw refused;
}

/** The agent must hold the contact and it must still be active (assigned). */
export function requireHolder(user: User, contact: ContactRecord): void {
  if (contact.assignedAgentId !== user.id) throw problems.forbidden('U behandelt dit contact niet.');
  if (contact.status !== 'assigned') throw problems.conflict('Dit contact is niet meer actief.');
}
