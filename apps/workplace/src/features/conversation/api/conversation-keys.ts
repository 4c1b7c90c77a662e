/** Query keys of the conversation (messages of a contact). */
export const conversationKeys = {
  all: ['conversation'] as const,
  messages: (contactId: string) => [...conversationKeys.all, 'messages', contactId] as const,
};
