import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OutboxOpnieuwResponse, koppelingenPaths, type OutboxItem } from '@kcc/contracts/klantbeeld';
import { apiRequest } from '../../../lib/api-client';
import { koppelingenKeys } from './koppelingen-keys';

export type RetryTarget = Pick<OutboxItem, 'id' | 'referentienummer'>;

export function retryOutboxItem(id: string): Promise<OutboxOpnieuwResponse> {
  return apiRequest('POST', koppelingenPaths.opnieuw(id), OutboxOpnieuwResponse, { body: {} });
}

/** Puts one registration back in the Open Klant queue, to be forwarded right away (beheerder). */
export function useRetryOutboxItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: RetryTarget) => retryOutboxItem(target.id),
    // Also after a 404/409: the list on screen is out of date then.
    onSettled: () => queryClient.invalidateQueries({ queryKey: koppelingenKeys.all }),
  });
}
