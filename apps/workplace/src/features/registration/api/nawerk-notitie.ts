import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NawerkNotitie } from '@kcc/contracts/onderwerpen';
import { apiRequest } from '../../../lib/api-client';
import { registrationKeys } from './registration-keys';

const path = (contactId: string) => `/api/contacts/${encodeURIComponent(contactId)}/nawerk-notitie`;

export function saveNawerkNotitie(contactId: string, tekst: string): Promise<NawerkNotitie> {
  return apiRequest('PUT', path(contactId), NawerkNotitie, { body: { tekst } });
}

export function useNawerkNotitie(contactId: string) {
  return useQuery({
    queryKey: registrationKeys.nawerkNotitie(contactId),
    queryFn: ({ signal }) => apiRequest('GET', path(contactId), NawerkNotitie, { signal }),
    staleTime: Infinity,
  });
}

export function useSaveNawerkNotitie(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['registration', 'nawerk-notitie', contactId],
    mutationFn: (tekst: string) => saveNawerkNotitie(contactId, tekst),
    onSuccess: (saved) => queryClient.setQueryData(registrationKeys.nawerkNotitie(contactId), saved),
  });
}
