import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { channelPaths, NoteView } from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';
import { handoverActions } from '../stores/handover-store';
import { contactContextOutdated } from './get-contact-context';

const ConsultResponse = z.object({ consultId: z.string(), note: NoteView });
const ConsultReplyResponse = z.object({ note: NoteView });

/** "Overleggen met collega": an internal question; the contact stays with me. */
export function useConsult(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['handover', 'consult', contactId],
    mutationFn: (input: { toAgentId: string; text: string }) =>
      apiRequest('POST', channelPaths.consult(contactId), ConsultResponse, { body: input }),
    onSuccess: () => void contactContextOutdated(queryClient, contactId),
  });
}

/** The consulted colleague answers; the asker gets `consult:replied`. */
export function useConsultReply(consultId: string) {
  return useMutation({
    mutationKey: ['handover', 'consult-reply', consultId],
    mutationFn: (text: string) =>
      apiRequest('POST', channelPaths.consultReply(consultId), ConsultReplyResponse, { body: { text } }),
    onSuccess: (_result, text) => handoverActions.consultAnswered(consultId, text),
  });
}
