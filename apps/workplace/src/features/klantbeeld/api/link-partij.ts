import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths, LinkPartijResponse, type LinkPartijRequest } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldOutdated } from './get-klantbeeld';

export function linkPartij(contactId: string, body: LinkPartijRequest): Promise<LinkPartijResponse> {
  return apiRequest('POST', apiPaths.linkPartij(contactId), LinkPartijResponse, { body });
}

/** Link an existing partij (`{uuid}`) or create a new persoon (`{nieuw}`) and link it to the contact. */
export function useLinkPartij(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['klantbeeld', 'link-partij', contactId],
    mutationFn: (body: LinkPartijRequest) => linkPartij(contactId, body),
    onSuccess: () => klantbeeldOutdated(queryClient, contactId),
  });
}
