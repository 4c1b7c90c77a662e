import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ResponseSchema } from '../../../lib/api-client';
import { quickReplyPaths, QuickReplyView, type QuickReplyInput } from './quick-reply-schemas';
import { quickRepliesKeys } from './quick-replies-keys';

const NoContent: ResponseSchema<undefined> = {
  safeParse: (data) =>
    data === undefined
      ? { success: true, data: undefined }
      : { success: false, error: { issues: [{ message: 'expected no content' }] } },
};

/** Create (no id) or change a quick reply (beheerder). */
export function useSaveQuickReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: QuickReplyInput }) =>
      id === undefined
        ? apiRequest('POST', quickReplyPaths.list, QuickReplyView, { body: input })
        : apiRequest('PUT', quickReplyPaths.item(id), QuickReplyView, { body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: quickRepliesKeys.all }),
  });
}

export function useDeleteQuickReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest('DELETE', quickReplyPaths.item(id), NoContent),
    onSettled: () => queryClient.invalidateQueries({ queryKey: quickRepliesKeys.all }),
  });
}
