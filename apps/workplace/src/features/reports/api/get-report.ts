import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Channel } from '@kcc/contracts/domain';
import { ReportResponse, type ReportPeriod } from '@kcc/contracts/dashboard';
import { apiRequest } from '../../../lib/api-client';
import { reportKeys } from './report-keys';

export const REPORTS_PATH = '/api/reports';

export interface ReportFilters {
  period: ReportPeriod;
  /** Inclusive local days, YYYY-MM-DD. */
  from: string;
  to: string;
  queue?: string;
  channel?: Channel;
}

/** `/api/reports?period=…&from=…&to=…[&queue=…][&channel=…][&format=csv]`, in a stable order. */
export function reportPath(filters: ReportFilters, format: 'json' | 'csv' = 'json'): string {
  const params = new URLSearchParams({ period: filters.period, from: filters.from, to: filters.to });
  if (filters.queue) params.set('queue', filters.queue);
  if (filters.channel) params.set('channel', filters.channel);
  if (format === 'csv') params.set('format', 'csv');
  return `${REPORTS_PATH}?${params.toString()}`;
}

export function getReport(filters: ReportFilters, signal?: AbortSignal): Promise<ReportResponse> {
  return apiRequest('GET', reportPath(filters), ReportResponse, { signal });
}

export const reportQueryOptions = (filters: ReportFilters) =>
  queryOptions({
    queryKey: reportKeys.report(filters),
    queryFn: ({ signal }) => getReport(filters, signal),
    // Figures of past days do not change; today's are refreshed when the user asks again.
    staleTime: 60 * 1000,
  });

export function useReport(filters: ReportFilters) {
  return useQuery({ ...reportQueryOptions(filters), placeholderData: keepPreviousData });
}
