import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QuickRepliesResponse, quickReplyPaths, type QuickReplyView } from './quick-reply-schemas';
import { quickRepliesKeys } from './quick-replies-keys';

export async function getQuickReplies(signal?: AbortSignal): Promise<QuickReplyView[]> {
  return (await apiRequest('GET', quickReplyPaths.list, QuickRepliesResponse, { signal })).items;
}

export const quickRepliesQueryOptions = () =>
  queryOptions({
    queryKey: quickRepliesKeys.list(),
    queryFn: ({ signal }) => getQuickReplies(signal),
    // The beheerder may change them during a shift; refreshed at most every 5 minutes.
    staleTime: 5 * 60_000,
  });

export function useQuickReplies() {
  return useQuery(quickRepliesQueryOptions());
}
