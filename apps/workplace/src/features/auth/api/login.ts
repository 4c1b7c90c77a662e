import { useMutation } from '@tanstack/react-query';
import { apiPaths, LoginResponse, type LoginRequest } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { useSessionActions } from '../stores/session-store';

export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiRequest('POST', apiPaths.login, LoginResponse, { body, auth: false });
}

export function useLogin() {
  const { loggedIn } = useSessionActions();
  return useMutation({ mutationFn: login, onSuccess: loggedIn });
}
