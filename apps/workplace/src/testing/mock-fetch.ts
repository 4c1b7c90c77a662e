import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type RouteResult = { status: number; body?: unknown } | 'network-error';
type RouteHandler = (request: RecordedRequest) => RouteResult | Promise<RouteResult>;

/**
 * Replaces `fetch` with a route table keyed by `METHOD /path` (query string included when given). A route
 * may answer with a status and JSON body, or `'network-error'` to simulate a lost connection. Unknown
 * routes answer 404 problem JSON, so a missing route shows up in the UI and in `requests`.
 */
export function mockFetch(routes: Record<string, RouteResult | RouteHandler> = {}) {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const request: RecordedRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname + url.search,
      headers,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    const route =
      table.get(`${request.method} ${request.path}`) ?? table.get(`${request.method} ${url.pathname}`);
    const result: RouteResult =
      route === undefined
        ? { status: 404, body: { title: 'Niet gevonden', status: 404 } }
        : typeof route === 'function'
          ? await route(request)
          : route;
    if (result === 'network-error') throw new TypeError('Failed to fetch');
    const isProblem = result.status >= 400;
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
      status: result.status,
      headers: { 'content-type': isProblem ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  return {
    requests,
    fetchMock,
    /** Add or replace a route. */
    route(key: string, result: RouteResult | RouteHandler) {
      table.set(key, result);
    },
    requestsTo(method: string, path: string) {
      return requests.filter((r) => r.method === method && r.path === path);
    },
  };
}
