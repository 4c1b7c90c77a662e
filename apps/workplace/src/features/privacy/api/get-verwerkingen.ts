import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AuditListResponse } from '@kcc/contracts/verwerkingen';
import { apiRequest } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export const VERWERKINGEN_PAGE_SIZE = 50;

export function verwerkingenPath(bsn: string, page: number): string {
  const params = new URLSearchParams({ bsn, page: String(page), pageSize: String(VERWERKINGEN_PAGE_SIZE) });
  return `/api/audit/verwerkingen?${params.toString()}`;
}

/** The verwerkingsacties about one resident, newest first. Reading them is logged too (inzageverzoek). */
export function getVerwerkingen(bsn: string, page: number, signal?: AbortSignal): Promise<AuditListResponse> {
  return apiRequest('GET', verwerkingenPath(bsn, page), AuditListResponse, { signal });
}

export function useVerwerkingen(bsn: string | undefined, page: number) {
  return useQuery({
    queryKey: privacyKeys.verwerkingen(bsn ?? '', page),
    queryFn: ({ signal }) => getVerwerkingen(bsn ?? '', page, signal),
    enabled: bsn !== undefined,
    // Each search is a new, logged read: never show an old answer for a new search.
    staleTime: 0,
    gcTime: 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
}
