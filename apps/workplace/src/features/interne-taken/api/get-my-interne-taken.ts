import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, MyInterneTakenResponse, type InterneTaakView } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { interneTakenKeys } from './interne-taken-keys';

/** My open interne taken; refetched when the server says `internetaken:changed`. */
export async function getMyInterneTaken(signal?: AbortSignal): Promise<InterneTaakView[]> {
  const { items } = await apiRequest('GET', apiPaths.myInterneTaken, MyInterneTakenResponse, { signal });
  return items.filter((taak) => taak.status === 'te_verwerken');
}

export const myInterneTakenQueryOptions = () =>
  queryOptions({ queryKey: interneTakenKeys.mine(), queryFn: ({ signal }) => getMyInterneTaken(signal) });

export function useMyInterneTaken() {
  return useQuery(myInterneTakenQueryOptions());
}
