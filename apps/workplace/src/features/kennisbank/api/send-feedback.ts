import { useMutation } from '@tanstack/react-query';
import type { KennisbankFeedbackInput } from '@kcc/contracts/kennisbank';
import { apiRequest, type ResponseSchema } from '../../../lib/api-client';

const NoContent: ResponseSchema<void> = { safeParse: () => ({ success: true, data: undefined }) };

/** "Dit hielp" / "Dit hielp niet": the agent's verdict on a result for the query it was found with. */
export function sendFeedback(input: KennisbankFeedbackInput): Promise<void> {
  return apiRequest('POST', '/api/kennisbank/feedback', NoContent, { body: input });
}

export function useSendFeedback() {
  return useMutation({ mutationFn: sendFeedback });
}
