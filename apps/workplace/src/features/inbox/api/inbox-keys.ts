/** Query keys of the universal inbox. */
export const inboxKeys = {
  all: ['inbox'] as const,
  offers: () => [...inboxKeys.all, 'offers'] as const,
  contacts: () => [...inboxKeys.all, 'contacts'] as const,
};
