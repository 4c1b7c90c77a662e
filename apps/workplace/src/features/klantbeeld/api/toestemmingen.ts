import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Toestemming,
  ToestemmingenResponse,
  toestemmingenPaths,
  type ToestemmingRequest,
} from '@kcc/contracts/toestemmingen';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldKeys } from './klantbeeld-keys';

// Under the contact's klantbeeld key: a verification or a new link refreshes it with the klantbeeld.
const key = (contactId: string) => [...klantbeeldKeys.detail(contactId), 'toestemmingen'] as const;

/** The toestemmingen of the resident of a contact I hold, and the messages that went to them. */
export function useToestemmingen(contactId: string) {
  return useQuery({
    queryKey: key(contactId),
    queryFn: ({ signal }) =>
      apiRequest('GET', toestemmingenPaths.list(contactId), ToestemmingenResponse, { signal }),
  });
}

export function useToestemmingVastleggen(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ToestemmingRequest) =>
      apiRequest('POST', toestemmingenPaths.list(contactId), Toestemming, { body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key(contactId) }),
  });
}

export function useToestemmingIntrekken(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest('POST', toestemmingenPaths.intrekken(contactId, id), Toestemming),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key(contactId) }),
  });
}
