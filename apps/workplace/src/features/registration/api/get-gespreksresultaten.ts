import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Gespreksresultaat } from '@kcc/contracts/domain';
import { apiPaths, GespreksresultatenResponse } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { registrationKeys } from './registration-keys';

/** The managed list; only active ones can be chosen. */
export async function getGespreksresultaten(signal?: AbortSignal): Promise<Gespreksresultaat[]> {
  const { items } = await apiRequest('GET', apiPaths.gespreksresultaten, GespreksresultatenResponse, {
    signal,
  });
  return items.filter((item) => item.actief);
}

export const gespreksresultatenQueryOptions = () =>
  queryOptions({
    queryKey: registrationKeys.gespreksresultaten(),
    queryFn: ({ signal }) => getGespreksresultaten(signal),
    staleTime: 60 * 60 * 1000,
  });

export function useGespreksresultaten() {
  return useQuery(gespreksresultatenQueryOptions());
}
