import { useMutation, useQueryClient } from '@tanstack/react-query';
import { channelPaths, PostMessageResponse } from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';
import { messageAdded } from './get-messages';

/** `POST /api/contacts/{id}/messages`: goes out in the contact's own channel (chat, or an e-mail reply). */
export function useSendMessage(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['conversation', 'send', contactId],
    mutationFn: async (body: string) =>
      (await apiRequest('POST', channelPaths.messages(contactId), PostMessageResponse, { body: { body } }))
        .message,
    onSuccess: (message) => messageAdded(queryClient, contactId, message),
  });
}
