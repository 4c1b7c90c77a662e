import type { User } from '@kcc/contracts/domain';
import type { Identificatieniveau } from '@kcc/contracts/klantbeeld';
import { problems } from '../../http/problem';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { Klantregister } from './ports';
import type { IdentificatieStore } from './identificatie';

export interface HeldContactPartij {
  contactId: string;
  channel: string;
  partij?: { uuid: string; naam: string; bsn?: string | undefined };
  niveau: Identificatieniveau;
}

/**
 * The contact an agent holds (active or in nawerk) with the resident the klantbeeld shows for it: the linked
 * partij, else the one recognised by phone, e-mail or BSN, and how sure the agent is who that is.
 */
export function heldContactPartij(deps: {
  contacts: ContactsRepository;
  klantregister: Klantregister;
  identificatie: IdentificatieStore;
}): (contactId: string, user: User) => Promise<HeldContactPartij> {
  return async (contactId, user) => {
    const contact = await deps.contacts.get(contactId);
    if (!contact) throw problems.notFound('Dit contact bestaat niet.');
    if (contact.assignedAgentId !== user.id) throw problems.forbidden('U behandelt dit contact niet.');
    if (contact.status !== 'assigned' && contact.status !== 'nawerk') {
      throw problems.forbidden('Dit contact is afgesloten.');
    }
    const linked =
      contact.partijUuid !== undefined ? await deps.klantregister.getPartij(contact.partijUuid) : undefined;
    const recognised = linked ? undefined : await deps.klantregister.recognise(contact.from);
    const partij = linked ?? recognised?.partij;
    const herkenning = linked ? 'gekoppeld' : recognised?.herkenning;
    const { niveau } = await deps.identificatie.identificatie(
      contact,
      partij ?? (contact.from.bsn !== undefined ? { bsn: contact.from.bsn } : undefined),
      herkenning === undefined || herkenning === 'onbekend' ? undefined : herkenning,
    );
    return {
      contactId: contact.id,
      channel: contact.channel,
      ...(partij ? { partij: { uuid: partij.uuid, naam: partij.naam, bsn: partij.bsn } } : {}),
      niveau,
    };
  };
}
