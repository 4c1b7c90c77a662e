import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  OntvangstbevestigingenResponse,
  OntvangstbevestigingTemplate,
  ontvangstbevestigingPaths,
  type OntvangstbevestigingUpdate,
} from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';

const keys = { all: ['ontvangstbevestigingen'] as const };

/** The receipt text of every queue that takes e-mail or web forms (beheerder). */
export function useOntvangstbevestigingen() {
  return useQuery({
    queryKey: keys.all,
    queryFn: ({ signal }) =>
      apiRequest('GET', ontvangstbevestigingPaths.lijst, OntvangstbevestigingenResponse, { signal }),
  });
}

export function useSaveOntvangstbevestiging() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ queueId, input }: { queueId: string; input: OntvangstbevestigingUpdate }) =>
      apiRequest('PUT', ontvangstbevestigingPaths.queue(queueId), OntvangstbevestigingTemplate, {
        body: input,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}
