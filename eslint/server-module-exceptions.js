/**
 * Server modules import each other only through a public entry (`<module>/index.ts` or `<module>/<module>.module.ts`),
 * so a module's files can change without its neighbours noticing. The list below holds the imports of another
 * module's internals that exist today, per importing module. They go when the split of issue 10 lands (every
 * module gets an entry; routing is split by concept): remove a line when its import goes, never add one.
 */
export const SERVER_MODULE_EXCEPTIONS = {
  auth: ['rate-limit/rate-limiter.ts'],
  channels: [
    'contacts/contacts.repository.ts',
    'contacts/inbound.routes.ts',
    'contacts/inbound.service.ts',
    'klantinteracties/ports.ts',
    'messages/contact-access.ts',
    'messages/messages.repository.ts',
    'messages/messages.routes.ts',
    'messages/messages.service.ts',
    'queues/due-time.ts',
    'rate-limit/rate-limiter.ts',
    'routing/routing.service.ts',
    'transfer/transfer.repository.ts',
    'transfer/transfer.routes.ts',
  ],
  cobrowse: [
    'audit/audit-log.ts',
    'channels/chat/chat.service.ts',
    'channels/chat/rate-limit.ts',
    'contacts/contacts.repository.ts',
    'contacts/inbound.routes.ts',
  ],
  contacts: ['queues/due-time.ts', 'routing/routing.service.ts'],
  dashboard: ['audit/dates.ts', 'contacts/contacts.repository.ts', 'routing/routing.service.ts'],
  kennisbank: ['rate-limit/rate-limiter.ts'],
  klantbeeld: [
    'channels/chat/rate-limit.ts',
    'contacts/contacts.repository.ts',
    'klantinteracties/elfproef.ts',
    'klantinteracties/ports.ts',
    'klantinteracties/seed-demo.ts',
    'routing/routing.service.ts',
  ],
  messages: ['contacts/contacts.repository.ts', 'routing/routing.service.ts'],
  'quick-replies': ['routing/routing.service.ts'],
  registration: [
    'contacts/contacts.repository.ts',
    'klantinteracties/ports.ts',
    'routing/routing.service.ts',
  ],
  reports: [
    'audit/csv-export.ts',
    'contacts/contacts.repository.ts',
    'dashboard/contact-fold.ts',
    'dashboard/event-log.ts',
    'dashboard/local-day.ts',
    'dashboard/service-level.ts',
    'routing/routing.service.ts',
  ],
  routing: ['contacts/contacts.repository.ts', 'queues/queues.repository.ts'],
  transfer: [
    'contacts/contacts.repository.ts',
    'messages/contact-access.ts',
    'messages/messages.service.ts',
    'routing/routing.service.ts',
  ],
  workplace: ['contacts/contacts.repository.ts', 'klantinteracties/ports.ts', 'routing/routing.service.ts'],
};
