import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SynonymsResponse } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';
import { useContentChanged } from './content-changed';

export function saveSynonyms(synonyms: Record<string, string[]>): Promise<SynonymsResponse> {
  return apiRequest('PUT', '/api/kennisbank/synonyms', SynonymsResponse, { body: { synonyms } });
}

export function useSaveSynonyms() {
  const queryClient = useQueryClient();
  const contentChanged = useContentChanged();
  return useMutation({
    mutationFn: saveSynonyms,
    onSuccess: (saved) => {
      queryClient.setQueryData(beheerKeys.synonyms(), saved);
      contentChanged();
    },
  });
}
