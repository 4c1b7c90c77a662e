import { Problem } from '@kcc/contracts/rest';

/** The structural part of a zod schema the client needs (the workplace does not depend on zod directly). */
export interface ResponseSchema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

export type InvalidParamItem = NonNullable<Problem['invalidParams']>[number];

/**
 * Every failed request ends up as an ApiError: `status` 0 means the server was not reached (network fault,
 * the outcome of a write is unknown); otherwise `problem` holds the server's problem JSON (or a Dutch stand-in).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
  }

  /** The request may or may not have reached the server (retry with the same idempotency key). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }

  get invalidParams(): InvalidParamItem[] {
    return this.problem.invalidParams ?? [];
  }
}

export interface ApiClientConfig {
  /** Origin of the sync server, e.g. `http://127.0.0.1:4700` (no trailing slash). */
  baseUrl: string;
  getToken: () => string | undefined;
  /** Called when an authenticated request gets 401: the session is no longer valid. */
  onUnauthorized: () => void;
  /** Get a new access token after a 401 (an expired one); `true` when the request may be sent again. */
  refresh: () => Promise<boolean>;
}

let config: ApiClientConfig = {
  baseUrl: '',
  getToken: () => undefined,
  onUnauthorized: () => {},
  refresh: () => Promise.resolve(false),
};

export function configureApiClient(next: Partial<ApiClientConfig>): void {
  config = { ...config, ...next, baseUrl: (next.baseUrl ?? config.baseUrl).replace(/\/+$/, '') };
}

export function getApiBaseUrl(): string {
  return config.baseUrl;
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Ongeldig verzoek',
  401: 'Niet ingelogd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  409: 'Conflict',
  422: 'Kan niet verwerken',
  429: 'Te veel pogingen',
};

function fallbackTitle(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? 'Er ging iets mis op de server' : `Fout ${status}`);
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the bearer token and treat 401 as "session ended" (default true). */
  auth?: boolean;
}

export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  schema: ResponseSchema<T>,
  options: RequestOptions = {},
  mayRefresh = true,
): Promise<T> {
  const auth = options.auth ?? true;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = auth ? config.getToken() : undefined;
  if (token) headers.authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(config.baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      title: 'Geen verbinding met de server',
      status: 0,
      detail: 'Controleer uw netwerk en probeer het opnieuw.',
    });
  }

  const payload: unknown = await readJson(response);
  if (!response.ok) {
    if (response.status === 401 && auth && mayRefresh && (await config.refresh())) {
      return apiRequest(method, path, schema, options, false);
    }
    if (response.status === 401 && auth) config.onUnauthorized();
    const parsed = Problem.safeParse(payload);
    throw new ApiError(
      response.status,
      parsed.success ? parsed.data : { title: fallbackTitle(response.status), status: response.status },
    );
  }
  const result = schema.safeParse(payload);
  if (!result.success) {
    console.error(`Unexpected response for ${method} ${path}`, result.error.issues);
    throw new ApiError(response.status, {
      title: 'Onverwacht antwoord van de server',
      status: response.status,
      detail: 'De werkplek en de server passen niet bij elkaar. Meld dit aan de beheerder.',
    });
  }
  return result.data;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Human-readable Dutch message for any error thrown by a query or mutation. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return error.problem.detail ? `${error.problem.title}. ${error.problem.detail}` : error.problem.title;
  }
  return 'Er ging iets mis. Probeer het opnieuw.';
}

const ZOD_CODE_REASONS: Record<string, string> = {
  too_small: 'Vul dit veld in.',
  too_big: 'Deze tekst is te lang.',
  invalid_type: 'Dit veld is niet goed ingevuld.',
  invalid_format: 'Dit heeft niet de goede vorm.',
  invalid_value: 'Kies een geldige waarde.',
  invalid_string: 'Dit heeft niet de goede vorm.',
};

/**
 * A Dutch reason for one invalid parameter: the server's own reason when it is not one of zod's (English)
 * generic messages, otherwise a B1 text per code.
 */
export function invalidParamReason(param: InvalidParamItem): string {
  return ZOD_CODE_REASONS[param.code] ?? param.reason;
}
