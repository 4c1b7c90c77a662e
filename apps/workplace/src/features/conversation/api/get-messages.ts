import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { channelPaths, MessagesResponse, type MessageView } from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';
import { conversationKeys } from './conversation-keys';

export async function getMessages(contactId: string, signal?: AbortSignal): Promise<MessageView[]> {
  return (await apiRequest('GET', channelPaths.messages(contactId), MessagesResponse, { signal })).items;
}

/** Pushes per contact that arrived while its transcript was not loaded yet (see messageAdded). */
const pushesWhileLoading = new Map<string, number>();
const MAX_READS = 3;

/** A push during a read may be missing from that read's answer: read once more (bounded) until none came. */
async function readTranscript(contactId: string, signal: AbortSignal | undefined): Promise<MessageView[]> {
  for (let attempt = 1; ; attempt += 1) {
    const before = pushesWhileLoading.get(contactId) ?? 0;
    const items = await getMessages(contactId, signal);
    if ((pushesWhileLoading.get(contactId) ?? 0) === before || attempt === MAX_READS) {
      pushesWhileLoading.delete(contactId);
      return items;
    }
  }
}

export const messagesQueryOptions = (contactId: string) =>
  queryOptions({
    queryKey: conversationKeys.messages(contactId),
    queryFn: ({ signal }) => readTranscript(contactId, signal),
  });

export function useMessages(contactId: string) {
  return useQuery(messagesQueryOptions(contactId));
}

/**
 * Insert or replace one message (same id = another state, e.g. an e-mail's delivery), kept in time order. Of two
 * states the higher `revision` wins: the answer to a POST may arrive after the push of a later state.
 */
export function upsertMessage(messages: readonly MessageView[], message: MessageView): MessageView[] {
  const index = messages.findIndex((m) => m.id === message.id);
  if (index !== -1) {
    if ((messages[index]?.revision ?? 0) > (message.revision ?? 0)) return [...messages];
    return messages.map((m, i) => (i === index ? message : m));
  }
  const next = [...messages, message];
  // Stable: messages with the same time keep the order in which they arrived.
  return next
    .map((m, i) => ({ m, i }))
    .sort((a, b) => Date.parse(a.m.at) - Date.parse(b.m.at) || a.i - b.i)
    .map(({ m }) => m);
}

/**
 * `contact:message-added` and a sent message: upserted by id. Without a loaded transcript nothing is written,
 * otherwise a cache with one message would hide the rest; the next fetch brings it (it is stored first). A read
 * still under way may predate the message: it reads again (readTranscript).
 */
export function messageAdded(queryClient: QueryClient, contactId: string, message: MessageView): void {
  const { queryKey } = messagesQueryOptions(contactId);
  if (queryClient.getQueryData(queryKey) === undefined) {
    pushesWhileLoading.set(contactId, (pushesWhileLoading.get(contactId) ?? 0) + 1);
    return;
  }
  queryClient.setQueryData(queryKey, (messages) => (messages ? upsertMessage(messages, message) : messages));
}
