import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { channelPaths, ContactContextResponse } from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';
import { handoverKeys } from './handover-keys';

export const contactContextQueryOptions = (contactId: string) =>
  queryOptions({
    queryKey: handoverKeys.context(contactId),
    queryFn: ({ signal }) =>
      apiRequest('GET', channelPaths.context(contactId), ContactContextResponse, { signal }),
  });

/** Everything a receiving colleague needs: messages, notes, drafts of every agent, chat and callback state. */
export function useContactContext(contactId: string) {
  return useQuery(contactContextQueryOptions(contactId));
}

/** A transfer or consult for this contact: the notes changed. */
export function contactContextOutdated(queryClient: QueryClient, contactId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: handoverKeys.context(contactId) });
}
