import { useQuery } from '@tanstack/react-query';
import { ChainStatus } from '@kcc/contracts/verwerkingen';
import { apiRequest } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export function getChainStatus(signal?: AbortSignal): Promise<ChainStatus> {
  return apiRequest('GET', '/api/audit/verify', ChainStatus, { signal });
}

/** Is the hash chain of the log intact? (`GET /api/audit/verify`, holds no personal data.) */
export function useChainStatus() {
  return useQuery({
    queryKey: privacyKeys.chain(),
    queryFn: ({ signal }) => getChainStatus(signal),
    staleTime: 0,
  });
}
