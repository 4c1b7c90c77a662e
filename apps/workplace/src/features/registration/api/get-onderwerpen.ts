import { queryOptions, useQuery } from '@tanstack/react-query';
import { OnderwerpenResponse, type Onderwerp } from '@kcc/contracts/onderwerpen';
import { apiRequest } from '../../../lib/api-client';
import { registrationKeys } from './registration-keys';

/** The active onderwerpen of the managed list (the server leaves out inactive ones). */
export async function getOnderwerpen(signal?: AbortSignal): Promise<Onderwerp[]> {
  const { items } = await apiRequest('GET', '/api/onderwerpen', OnderwerpenResponse, { signal });
  return items;
}

export function useOnderwerpen() {
  return useQuery(
    queryOptions({
      queryKey: registrationKeys.onderwerpen(),
      queryFn: ({ signal }) => getOnderwerpen(signal),
      staleTime: 10 * 60 * 1000,
    }),
  );
}
