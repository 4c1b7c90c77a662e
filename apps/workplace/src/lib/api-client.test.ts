import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeResponse } from '@kcc/contracts/rest';
import { mockFetch } from '../testing/mock-fetch';
import { me } from '../testing/fixtures';
import { ApiError, apiRequest, configureApiClient, describeError, invalidParamReason } from './api-client';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiRequest', () => {
  it('sends the bearer token to the configured server and returns the parsed body', async () => {
    const api = mockFetch({ 'GET /api/me': { status: 200, body: me() } });
    configureApiClient({ baseUrl: 'http://server.test/', getToken: () => 'abc', onUnauthorized: () => {} });
    const result = await apiRequest('GET', '/api/me', MeResponse);
    expect(result.user.name).toBe('Anna de Vries');
    expect(api.fetchMock.mock.calls[0]?.[0]).toBe('http://server.test/api/me');
    expect(api.requests[0]?.headers.authorization).toBe('Bearer abc');
  });

  it('turns problem JSON into an ApiError with invalidParams', async () => {
    mockFetch({
      'POST /x': {
        status: 400,
        body: {
          title: 'Ongeldige invoer',
          status: 400,
          invalidParams: [{ name: 'a', code: 'too_small', reason: 'Too small' }],
        },
      },
    });
    configureApiClient({ baseUrl: 'http://server.test', getToken: () => undefined });
    const error = await apiRequest('POST', '/x', MeResponse, { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).invalidParams).toHaveLength(1);
    expect(describeError(error)).toBe('Ongeldige invoer');
  });

  it('reports a network fault as status 0', async () => {
    mockFetch({ 'GET /x': 'network-error' });
    const error = (await apiRequest('GET', '/x', MeResponse).catch((e: unknown) => e)) as ApiError;
    expect(error.isNetworkError).toBe(true);
    expect(describeError(error)).toContain('Geen verbinding met de server');
  });

  it('calls onUnauthorized on 401 for authenticated requests only', async () => {
    const onUnauthorized = vi.fn();
    mockFetch({ 'GET /x': { status: 401, body: { title: 'Niet ingelogd', status: 401 } } });
    configureApiClient({ baseUrl: 'http://server.test', getToken: () => 't', onUnauthorized });
    await expect(apiRequest('GET', '/x', MeResponse, { auth: false })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(apiRequest('GET', '/x', MeResponse)).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('refreshes an expired access token once and sends the request again (issue 11 §9)', async () => {
    let token = 'verlopen';
    const onUnauthorized = vi.fn();
    const refresh = vi.fn(async () => {
      token = 'nieuw';
      return true;
    });
    const api = mockFetch({
      'GET /api/me': (request) =>
        request.headers.authorization === 'Bearer nieuw'
          ? { status: 200, body: me() }
          : { status: 401, body: { title: 'Niet ingelogd', status: 401 } },
    });
    configureApiClient({ baseUrl: 'http://server.test', getToken: () => token, onUnauthorized, refresh });
    expect((await apiRequest('GET', '/api/me', MeResponse)).user.name).toBe('Anna de Vries');
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer verlopen', 'Bearer nieuw']);
    expect(onUnauthorized).not.toHaveBeenCalled();

    // A session that cannot be refreshed ends after one try.
    token = 'verlopen';
    refresh.mockResolvedValue(false);
    await expect(apiRequest('GET', '/api/me', MeResponse)).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    configureApiClient({ refresh: async () => false });
  });

  it('gives a Dutch title when the error body is not problem JSON', async () => {
    mockFetch({ 'GET /x': { status: 502, body: '<html>' } });
    const error = (await apiRequest('GET', '/x', MeResponse).catch((e: unknown) => e)) as ApiError;
    expect(error.problem.title).toBe('Er ging iets mis op de server');
  });

  it('refuses a response that does not match the contract', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    mockFetch({ 'GET /api/me': { status: 200, body: { user: 'x' } } });
    const error = (await apiRequest('GET', '/api/me', MeResponse).catch((e: unknown) => e)) as ApiError;
    expect(error.problem.title).toBe('Onverwacht antwoord van de server');
  });
});

describe('invalidParamReason', () => {
  it("replaces zod's generic English reasons with Dutch, keeps the server's own", () => {
    expect(
      invalidParamReason({ name: 'onderwerp', code: 'too_small', reason: 'Too small: expected >=1' }),
    ).toBe('Vul dit veld in.');
    expect(
      invalidParamReason({ name: 'x', code: 'unknown_gespreksresultaat', reason: 'Onbekend resultaat.' }),
    ).toBe('Onbekend resultaat.');
  });
});
