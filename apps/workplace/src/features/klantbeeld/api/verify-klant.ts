import { useMutation, useQueryClient } from '@tanstack/react-query';
import { klantbeeldPaths, VerificatieResponse, type VerificatieRequest } from '@kcc/contracts/klantbeeld';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldOutdated } from './get-klantbeeld';

/** The server compares what the resident said with the BRP; the answer only says whether it all matched. */
export function verifyKlant(contactId: string, body: VerificatieRequest): Promise<VerificatieResponse> {
  return apiRequest('POST', klantbeeldPaths.verificatie(contactId), VerificatieResponse, { body });
}

export function useVerifyKlant(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['klantbeeld', 'verificatie', contactId],
    mutationFn: (body: VerificatieRequest) => verifyKlant(contactId, body),
    // Verified: the klantbeeld now shows more; not verified: the attempts left changed.
    onSettled: () => klantbeeldOutdated(queryClient, contactId),
  });
}
