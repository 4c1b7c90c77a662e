import { DomainEvents } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';
import type { Store } from '../../store/store';
import { createContactsRepository, type ContactsRepository } from './contacts.repository';

/**
 * The server's unit of work over the async store, and the contacts repository the other modules use: its
 * transactions are units of work and its event appends are recorded there (appended in the unit's transaction,
 * dispatched to the subscribers after the commit).
 */
export function contactsUnitOfWork(
  store: Store,
  log: Logger,
): { events: DomainEvents; contacts: ContactsRepository } {
  const stored = createContactsRepository(store);
  const events = new DomainEvents(
    {
      unitOfWork: (fn) => store.unitOfWork(fn),
      appendContactEvent: (e) => stored.appendEvent(e),
      appendAgentEvent: (e) => stored.appendAgentEvent(e),
    },
    log,
  );
  const contacts: ContactsRepository = {
    ...stored,
    appendEvent: (e) => events.logContact(e),
    appendAgentEvent: (e) => events.logAgent(e),
    transaction: (fn) => events.run(fn),
  };
  return { events, contacts };
}
