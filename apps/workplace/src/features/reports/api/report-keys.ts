import type { ReportFilters } from './get-report';

/** Query keys of the reports feature. */
export const reportKeys = {
  all: ['reports'] as const,
  report: (filters: ReportFilters) => [...reportKeys.all, 'report', filters] as const,
};
