import { useMutation } from '@tanstack/react-query';
import { channelPaths } from '@kcc/contracts/channels';
import { apiRequest, type ResponseSchema } from '../../../lib/api-client';
import { conversationActions } from '../stores/conversation-store';

const EndedResponse: ResponseSchema<{ ended: true }> = {
  safeParse: (data) =>
    typeof data === 'object' && data !== null && (data as { ended?: unknown }).ended === true
      ? { success: true, data: { ended: true } }
      : { success: false, error: { issues: [{ message: 'expected {ended: true}' }] } },
};

/** "Chat beëindigen": the resident gets `chat:ended`; the agent then registers the contact. */
export function useEndChat(contactId: string) {
  return useMutation({
    mutationKey: ['conversation', 'end-chat', contactId],
    mutationFn: () => apiRequest('POST', channelPaths.chatEnd(contactId), EndedResponse, { body: {} }),
    onSuccess: () => conversationActions.chatEnded(contactId, 'medewerker'),
  });
}
