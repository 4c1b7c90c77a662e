import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  InterneTaakDetail,
  InterneTaakNotitie,
  InterneTaakRegel,
  InterneTakenResponse,
  interneTakenPaths,
  type InterneTakenLijst,
} from '@kcc/contracts/interne-taken';
import { apiRequest } from '../../../lib/api-client';
import { interneTakenKeys } from './interne-taken-keys';

/** Open taken: mine, or of my afdelingen; refetched when the server says `internetaken:changed`. */
export const interneTakenQueryOptions = (lijst: InterneTakenLijst) =>
  queryOptions({
    queryKey: interneTakenKeys.lijst(lijst),
    queryFn: ({ signal }) =>
      apiRequest('GET', `${interneTakenPaths.lijst}?lijst=${lijst}`, InterneTakenResponse, { signal }),
  });

export function useInterneTaken(lijst: InterneTakenLijst) {
  return useQuery(interneTakenQueryOptions(lijst));
}

/** One taak opened (the server logs this read with its purpose). */
export function useInterneTaak(uuid: string) {
  return useQuery({
    queryKey: interneTakenKeys.taak(uuid),
    queryFn: ({ signal }) => apiRequest('GET', interneTakenPaths.taak(uuid), InterneTaakDetail, { signal }),
  });
}

/** Oppakken, Notitie toevoegen, Afronden: afterwards the taak and the lists are read again. */
export function useInterneTaakActies(uuid: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: interneTakenKeys.all });
  return {
    oppakken: useMutation({
      mutationFn: () => apiRequest('POST', interneTakenPaths.oppakken(uuid), InterneTaakRegel),
      onSettled: refresh,
    }),
    notitie: useMutation({
      mutationFn: (tekst: string) =>
        apiRequest('POST', interneTakenPaths.notities(uuid), InterneTaakNotitie, { body: { tekst } }),
      onSettled: refresh,
    }),
    afronden: useMutation({
      mutationFn: () => apiRequest('POST', interneTakenPaths.afronden(uuid), InterneTaakRegel),
      onSettled: refresh,
    }),
  };
}
