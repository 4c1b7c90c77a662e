import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureApiClient } from '../../../lib/api-client';
import { mockFetch } from '../../../testing/mock-fetch';
import { currentCredentials, getSessionToken, resetSessionStore } from '../stores/session-store';
import { onAccessTokenRenewed, refreshAccessToken, stopTokenRefresh } from './token-refresh';

const user = { id: 'user-anna', name: 'Anna de Vries', roles: ['medewerker' as const] };

afterEach(() => {
  stopTokenRefresh();
  vi.unstubAllGlobals();
  resetSessionStore(null);
});

describe('token refresh (issue 11 §9)', () => {
  it('swaps in the new access and refresh token and tells the open sockets', async () => {
    resetSessionStore({ token: 'oud', refreshToken: 's.oud', expiresAt: new Date().toISOString(), user });
    const api = mockFetch({
      'POST /api/auth/refresh': {
        status: 200,
        body: {
          token: 'nieuw',
          refreshToken: 's.nieuw',
          expiresAt: new Date(Date.now() + 900_000).toISOString(),
          user,
        },
      },
    });
    configureApiClient({ baseUrl: 'http://server.test' });
    const renewed: string[] = [];
    const stop = onAccessTokenRenewed((token) => renewed.push(token));
    expect(await refreshAccessToken()).toBe(true);
    stop();
    expect(api.requests[0]?.body).toEqual({ refreshToken: 's.oud' });
    expect(getSessionToken()).toBe('nieuw');
    expect(currentCredentials()?.refreshToken).toBe('s.nieuw');
    expect(renewed).toEqual(['nieuw']);
    expect(JSON.parse(window.sessionStorage.getItem('kcc.session') ?? '{}')).toMatchObject({
      token: 'nieuw',
      refreshToken: 's.nieuw',
    });
  });

  it('ends the session when the server no longer knows it', async () => {
    resetSessionStore({ token: 'oud', refreshToken: 's.weg', user });
    mockFetch({ 'POST /api/auth/refresh': { status: 401, body: { title: 'Niet ingelogd', status: 401 } } });
    configureApiClient({ baseUrl: 'http://server.test' });
    expect(await refreshAccessToken()).toBe(false);
    expect(getSessionToken()).toBeUndefined();
  });
});
