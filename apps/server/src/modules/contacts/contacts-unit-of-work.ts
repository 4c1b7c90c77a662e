import { DomainEvents } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';
import type { Db } from '../../store/db';
import type { Store } from '../../store/store';
import { createAsyncContactsRepository } from './contacts.async-repository';
import type { ContactsRepository, StoredContactsRepository } from './contacts.repository';

/**
 * The server's unit of work over the contacts store, and the contacts repository the other modules use: its
 * transactions are units of work and its event appends are recorded there (appended in the unit's transaction,
 * dispatched to the subscribers after the commit). With `store`, `events.runAsync` is the unit of work on the async
 * store, its event log there (issue 10 §2; routing still uses the synchronous one).
 */
export function contactsUnitOfWork(
  db: Db,
  stored: StoredContactsRepository,
  log: Logger,
  store?: Store,
): { events: DomainEvents; contacts: ContactsRepository } {
  const onStore = store && createAsyncContactsRepository(store);
  const events = new DomainEvents(
    {
      transaction: (fn) => stored.transaction(fn),
      inTransaction: () => db.inTransaction,
      appendContactEvent: (e) => stored.appendEvent(e),
      appendAgentEvent: (e) => stored.appendAgentEvent(e),
    },
    log,
    store &&
      onStore && {
        unitOfWork: (fn) => store.unitOfWork(fn),
        appendContactEvent: (e) => onStore.appendEvent(e),
        appendAgentEvent: (e) => onStore.appendAgentEvent(e),
      },
  );
  const contacts: ContactsRepository = {
    ...stored,
    appendEvent: (e) => events.logContact(e),
    appendAgentEvent: (e) => events.logAgent(e),
    transaction: (fn) => events.run(fn),
  };
  return { events, contacts };
}
