import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Afdeling } from '@kcc/contracts/domain';
import { AfdelingenResponse, apiPaths } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { registrationKeys } from './registration-keys';

/** Departments an interne taak can be addressed to. */
export async function getAfdelingen(signal?: AbortSignal): Promise<Afdeling[]> {
  return (await apiRequest('GET', apiPaths.afdelingen, AfdelingenResponse, { signal })).items;
}

export const afdelingenQueryOptions = () =>
  queryOptions({
    queryKey: registrationKeys.afdelingen(),
    queryFn: ({ signal }) => getAfdelingen(signal),
    staleTime: 60 * 60 * 1000,
  });

export function useAfdelingen(enabled = true) {
  return useQuery({ ...afdelingenQueryOptions(), enabled });
}
