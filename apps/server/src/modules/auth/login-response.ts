import type { LoginResponse } from '@kcc/contracts/rest';
import type { TokenService } from './tokens';

/** The answer to every successful login or refresh: a new access token for the session and its refresh token. */
export async function loginResponse(
  tokens: TokenService,
  user: LoginResponse['user'],
  sessionId: string,
  refreshToken: string,
): Promise<LoginResponse> {
  const { token, expiresAt } = await tokens.issue(user.id, user.roles, sessionId);
  return {
    token,
    expiresAt: new Date(expiresAt).toISOString(),
    refreshToken,
    user: { id: user.id, name: user.name, roles: user.roles },
  };
}
