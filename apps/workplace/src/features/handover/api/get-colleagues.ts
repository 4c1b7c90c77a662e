import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { colleaguesPath, ColleaguesResponse } from './colleague-schemas';
import { handoverKeys } from './handover-keys';

export const colleaguesQueryOptions = () =>
  queryOptions({
    queryKey: handoverKeys.colleagues(),
    queryFn: ({ signal }) => apiRequest('GET', colleaguesPath, ColleaguesResponse, { signal }),
    // Presence changes all the time and is not pushed to colleagues: fresh every time a dialog opens.
    staleTime: 0,
  });

export function useColleagues() {
  return useQuery(colleaguesQueryOptions());
}
