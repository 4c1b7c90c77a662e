import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { ConnectorError, statusKind } from './errors';

export interface HttpClientOptions {
  /** Name used in errors and logs: `brp`, `kvk`, `zaken`, `openklant`. */
  register: string;
  baseUrl: string;
  /** Headers for every call (computed per call, e.g. a fresh JWT). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  timeoutMs: number;
  /** Extra attempts for idempotent calls after the first. */
  retries?: number;
  /** First backoff; doubles per attempt, with up to 50 % jitter. */
  backoffMs?: number;
  breaker?: Partial<CircuitBreakerOptions>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to baseUrl (`/zaken`) or an absolute URL the register returned (a `url` field). */
  path: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to repeat: GETs, and read-only POSTs such as BRP `POST /personen`. Only these are retried. */
  idempotent?: boolean;
  /** Statuses that are answers, not errors (e.g. 404 for "no such person"). */
  acceptStatus?: readonly number[];
}

export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  readonly breaker: CircuitBreaker;
  readonly baseUrl: string;
}

/** Build a URL: arrays go comma-separated (`style: form, explode: false`, as the ZGW and KI specs declare). */
export function buildUrl(baseUrl: string, path: string, query?: HttpRequest['query']): URL {
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    url.searchParams.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return url;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `fetch` with a per-attempt timeout (AbortSignal.timeout), retries with exponential backoff for idempotent
 * calls only, a circuit breaker per register, and every failure mapped to a `ConnectorError`.
 */
export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 100;
  const breaker = new CircuitBreaker(opts.register, {
    failureThreshold: opts.breaker?.failureThreshold ?? 5,
    resetTimeoutMs: opts.breaker?.resetTimeoutMs ?? 30_000,
    ...(opts.breaker?.now ? { now: opts.breaker.now } : {}),
  });

  const once = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    const url = buildUrl(opts.baseUrl, req.path, req.query);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...((await opts.headers?.()) ?? {}),
      ...(req.headers ?? {}),
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    let res: Response;
    try {
      res = await doFetch(url, {
        method: req.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ConnectorError(opts.register, 'timeout', `geen antwoord binnen ${opts.timeoutMs} ms`);
      }
      throw new ConnectorError(opts.register, 'network', (err as Error).message || 'netwerkfout');
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new ConnectorError(opts.register, 'timeout', `antwoord niet binnen ${opts.timeoutMs} ms gelezen`);
    }
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (res.ok)
          throw new ConnectorError(opts.register, 'invalid_response', 'antwoord is geen JSON', res.status);
      }
    }
    if (!res.ok && !(req.acceptStatus ?? []).includes(res.status)) {
      throw new ConnectorError(
        opts.register,
        statusKind(res.status),
        `${req.method} ${url.pathname} gaf ${res.status}`,
        res.status,
      );
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };

  // Client errors (4xx other than 429) say nothing about the register's health.
  const countsAsFailure = (err: unknown) => !(err instanceof ConnectorError) || err.retryable;

  return {
    breaker,
    baseUrl: opts.baseUrl,
    request<T>(req: HttpRequest) {
      return breaker.run(async () => {
        const attempts = req.idempotent ? retries + 1 : 1;
        for (let attempt = 0; ; attempt++) {
          try {
            return await once<T>(req);
          } catch (err) {
            const retry = err instanceof ConnectorError && err.retryable && attempt + 1 < attempts;
            if (!retry) throw err;
            const delay = backoffMs * 2 ** attempt;
            await sleep(delay + Math.floor(Math.random() * delay * 0.5));
          }
        }
      }, countsAsFailure);
    },
  };
}
