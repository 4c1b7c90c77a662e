import { useMutation } from '@tanstack/react-query';
import { apiPaths, RegistrationResponse, type RegistrationRequest } from '@kcc/contracts/rest';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { registrationDraftActions } from '../stores/registration-drafts-store';

export interface RegisterContactInput {
  body: RegistrationRequest;
  /** Generated once per attempt and sent again on a retry (see the drafts store). */
  idempotencyKey: string;
}

export function registerContact(
  contactId: string,
  input: RegisterContactInput,
): Promise<RegistrationResponse> {
  return apiRequest('POST', apiPaths.registration(contactId), RegistrationResponse, {
    body: input.body,
    headers: { 'Idempotency-Key': input.idempotencyKey },
  });
}

/**
 * Whether the server's answer makes the outcome certain, so the next attempt is a new request with a new
 * key. Network faults, timeouts, conflicts (e.g. the same key still in progress) and 5xx keep the key.
 */
export function isDefiniteRefusal(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    ![408, 409, 429].includes(error.status)
  );
}

/** The draft bookkeeping runs here (not in the component) so it also happens after the agent switched away. */
export function useRegisterContact(contactId: string) {
  return useMutation({
    mutationKey: ['registration', 'register', contactId],
    mutationFn: (input: RegisterContactInput) => registerContact(contactId, input),
    onSuccess: (_result, input) => {
      if (input.body.afronden === false) registrationDraftActions.questionRegistered(contactId);
      else registrationDraftActions.contactRegistered(contactId);
    },
    onError: (error) => {
      if (isDefiniteRefusal(error)) registrationDraftActions.submitRefused(contactId);
    },
  });
}
