import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http-client';

export interface OpenKlantConfig {
  /** Base URL of the Klantinteracties API, e.g. `https://openklant.example.nl/klantinteracties/api/v1`. */
  url: string;
  token: string;
  timeoutMs: number;
  retries?: number;
  fetch?: typeof fetch;
  breaker?: HttpClientOptions['breaker'];
  backoffMs?: number;
}

/** HTTP client for Open Klant: `Authorization: Token <key>` (KI `securitySchemes.tokenAuth`). */
export function createOpenKlantClient(config: OpenKlantConfig): HttpClient {
  return createHttpClient({
    register: 'klantinteracties',
    baseUrl: config.url,
    timeoutMs: config.timeoutMs,
    retries: config.retries ?? 2,
    headers: () => ({ authorization: `Token ${config.token}` }),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.breaker ? { breaker: config.breaker } : {}),
    ...(config.backoffMs !== undefined ? { backoffMs: config.backoffMs } : {}),
  });
}

export interface Paginated<T> {
  count: number;
  next?: string | null;
  results: T[];
}
