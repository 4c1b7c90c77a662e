import { useMutation } from '@tanstack/react-query';
import { channelPaths, DraftView, TransferResponse } from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';

export type TransferTarget = { toQueue: string } | { toAgentId: string };

export interface TransferInput {
  target: TransferTarget;
  note: string;
  /** The unfinished registration; stored with the contact first so the receiver sees it. */
  draft?: Record<string, unknown>;
}

/** Stores this agent's registration draft with the contact (warm hand-over). */
export function saveDraft(contactId: string, draft: Record<string, unknown>) {
  return apiRequest('PUT', channelPaths.draft(contactId), DraftView, { body: { draft } });
}

/** "Doorverbinden": draft first, then the transfer; the contact leaves my list through `contact:updated`. */
export function useTransferContact(contactId: string, onTransferred?: (result: TransferResponse) => void) {
  return useMutation({
    mutationKey: ['handover', 'transfer', contactId],
    mutationFn: async ({ target, note, draft }: TransferInput) => {
      if (draft) await saveDraft(contactId, draft);
      return apiRequest('POST', channelPaths.transfer(contactId), TransferResponse, {
        body: { ...target, note },
      });
    },
    onSuccess: (result) => onTransferred?.(result),
  });
}
