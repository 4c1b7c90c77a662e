import { queryOptions, useQuery } from '@tanstack/react-query';
import { IntradayResponse } from '@kcc/contracts/dashboard';
import { apiRequest } from '../../../lib/api-client';
import { dashboardKeys } from './dashboard-keys';

export const intradayPath = '/api/dashboard/intraday';

/** How often the chart asks again: it shows 15-minute intervals, so a minute is fresh enough. */
const REFRESH_MS = 60_000;

export async function getIntraday(signal?: AbortSignal): Promise<IntradayResponse> {
  return apiRequest('GET', intradayPath, IntradayResponse, { signal });
}

export const intradayQueryOptions = () =>
  queryOptions({
    queryKey: dashboardKeys.intraday(),
    queryFn: ({ signal }) => getIntraday(signal),
    refetchInterval: REFRESH_MS,
  });

export function useIntraday() {
  return useQuery(intradayQueryOptions());
}
