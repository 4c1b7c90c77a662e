/** The contacts module's public entry for other modules (more of it moves here as issue 10's split lands). */
export { createContactsRetention, type ClosedContact, type ContactsRetention } from './contacts-retention';
export { contactsUnitOfWork } from './contacts-unit-of-work';
