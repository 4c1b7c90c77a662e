import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ContactKlantbeeldResponse } from '@kcc/contracts/klantbeeld';
import { apiPaths } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldKeys } from './klantbeeld-keys';

/**
 * The recognised resident for a contact I hold, with the integraal klantbeeld (BRP, zaken, history) once the
 * partij is known. The server logs each read (purpose: this contact).
 */
export function getKlantbeeld(contactId: string, signal?: AbortSignal): Promise<ContactKlantbeeldResponse> {
  return apiRequest('GET', apiPaths.klantbeeld(contactId), ContactKlantbeeldResponse, { signal });
}

export const klantbeeldQueryOptions = (contactId: string) =>
  queryOptions({
    queryKey: klantbeeldKeys.detail(contactId),
    queryFn: ({ signal }) => getKlantbeeld(contactId, signal),
  });

export function useKlantbeeld(contactId: string) {
  return useQuery(klantbeeldQueryOptions(contactId));
}

/** The partij registrations for this contact should refer to, once known. */
export function useRecognisedPartijUuid(contactId: string): string | undefined {
  return useQuery({ ...klantbeeldQueryOptions(contactId), select: (k) => k.partij?.uuid }).data;
}

/** After a link, a registration or a change in interne taken the picture is outdated. */
export function klantbeeldOutdated(queryClient: QueryClient, contactId?: string): Promise<void> {
  return queryClient.invalidateQueries({
    queryKey: contactId ? klantbeeldKeys.detail(contactId) : klantbeeldKeys.details(),
  });
}
