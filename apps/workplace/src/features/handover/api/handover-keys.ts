/** Query keys of the hand-over: context of a contact, colleagues, callback requests. */
export const handoverKeys = {
  all: ['handover'] as const,
  context: (contactId: string) => [...handoverKeys.all, 'context', contactId] as const,
  colleagues: () => [...handoverKeys.all, 'colleagues'] as const,
  callback: (contactId: string) => [...handoverKeys.all, 'callback', contactId] as const,
};
