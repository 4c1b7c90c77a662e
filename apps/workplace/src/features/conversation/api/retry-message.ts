import { useMutation, useQueryClient } from '@tanstack/react-query';
import { channelPaths, PostMessageResponse } from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';
import { messageAdded } from './get-messages';

/** `POST …/messages/{id}/retry`: an e-mail that did not go out is tried again now. */
export function useRetryMessage(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['conversation', 'retry', contactId],
    mutationFn: async (messageId: string) =>
      (await apiRequest('POST', channelPaths.messageRetry(contactId, messageId), PostMessageResponse))
        .message,
    onSuccess: (message) => messageAdded(queryClient, contactId, message),
  });
}
