import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '@kcc/contracts/domain';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import type { RoutingService } from '../routing/routing.service';

export const ContactIdParams = z.object({ id: z.string().min(1).max(100) });

/** The contact named in `:id`, or a 404 problem. */
export function contactFromParams(request: FastifyRequest, contacts: ContactsRepository): ContactRecord {
  const { id } = parseOrThrow(ContactIdParams, request.params, 'params');
  const contact = contacts.get(id);
  if (!contact) throw problems.notFound('Dit contact bestaat niet.');
  return contact;
}

/**
 * May this user read the contact's messages and context? The agent who holds it, an agent it is offered to
 * (a transfer: read before accepting), or a teamleider.
 */
export function canRead(user: User, contact: ContactRecord, routing: RoutingService): boolean {
  if (contact.assignedAgentId === user.id) return true;
  if (user.roles.includes('teamleider')) return true;
  return routing.offersFor(user.id).some((o) => o.contactId === contact.id);
}

export function requireReadable(user: User, contact: ContactRecord, routing: RoutingService): void {
  if (!canRead(user, contact, routing)) throw problems.forbidden('U behandelt dit contact niet.');
}

/** The agent must hold the contact and it must still be active (assigned). */
export function requireHolder(user: User, contact: ContactRecord): void {
  if (contact.assignedAgentId !== user.id) throw problems.forbidden('U behandelt dit contact niet.');
  if (contact.status !== 'assigned') throw problems.conflict('Dit contact is niet meer actief.');
}
