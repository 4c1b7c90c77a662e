import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CallbackOutcomeResponse,
  CallbackView,
  channelPaths,
  type CallbackOutcomeRequest,
  type CallbackRequest,
} from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';
import { handoverKeys } from './handover-keys';

const CreatedCallback = z.object({ contactId: z.string(), terugbelverzoek: CallbackView });

/** "Terugbelverzoek maken" from any contact I hold: a new contact, offered when it is due. */
export function useCreateCallback(contactId: string) {
  return useMutation({
    mutationKey: ['handover', 'callback-create', contactId],
    mutationFn: (input: CallbackRequest) =>
      apiRequest('POST', channelPaths.terugbelverzoek(contactId), CreatedCallback, { body: input }),
  });
}

export const callbackQueryOptions = (contactId: string) =>
  queryOptions({
    queryKey: handoverKeys.callback(contactId),
    queryFn: ({ signal }) =>
      apiRequest('GET', channelPaths.terugbelverzoek(contactId), CallbackView, { signal }),
  });

/** The request behind a terugbelverzoek contact (number, window, attempt). */
export function useCallbackRequest(contactId: string) {
  return useQuery(callbackQueryOptions(contactId));
}

/** "Gelukt" / "Niet bereikt": the outcome (and, when not reached, the next attempt by the retry policy). */
export function useCallbackOutcome(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['handover', 'callback-outcome', contactId],
    mutationFn: (input: CallbackOutcomeRequest) =>
      apiRequest('POST', channelPaths.terugbelverzoekUitkomst(contactId), CallbackOutcomeResponse, {
        body: input,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: handoverKeys.callback(contactId) }),
  });
}
