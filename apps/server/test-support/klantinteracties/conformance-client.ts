import { expect } from 'vitest';
import { loadSpec, type LoadedSpec } from '../connectors/oas-spec';
import { withoutKnownSpecGaps, type ApiResponse, type TestKlantinteracties } from './test-support';

/**
 * Test helper: calls the embedded API and checks each request and response against klantinteracties-v1.yaml
 * with the connectors' spec tooling (an ajv validator independent of the module's own, honouring `discriminator`).
 * Records which spec operations were exercised, so a suite can prove it covered all of them.
 */
export const API_BASE = '/klantinteracties/api/v1';

let spec: LoadedSpec | undefined;
export function kiSpec(): LoadedSpec {
  spec ??= loadSpec('klantinteracties-v1.yaml');
  return spec;
}

export interface ConformanceClient {
  /** A request that conforms to the spec: the request is validated too. */
  call(method: string, url: string, body?: unknown): Promise<ApiResponse>;
  /** A request that deliberately breaks the spec (bad body, unknown parameter): only the answer is checked. */
  invalid(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  exercised: Set<string>;
}

export function conformanceClient(t: TestKlantinteracties): ConformanceClient {
  const exercised = new Set<string>();
  const relative = (url: string) =>
    url.startsWith('http') ? new URL(url).pathname.slice(API_BASE.length) + new URL(url).search : url;

  const send = async (
    method: string,
    url: string,
    body: unknown,
    headers: Record<string, string> | undefined,
    conforming: boolean,
  ) => {
    const rel = relative(url);
    const pathname = new URL(rel, 'http://x').pathname;
    const m = kiSpec().match(method, pathname);
    if (m) exercised.add(`${m.method.toUpperCase()} ${m.template}`);
    if (conforming) {
      const errors = kiSpec().validateRequest({
        method,
        url: rel,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined ? { body } : {}),
      });
      expect(errors, `request ${method} ${rel}`).toEqual([]);
    }
    const res = await t.call(method as 'GET', rel, body, headers);
    if (m && res.status >= 200 && res.status < 300) {
      const errors = kiSpec().validateResponse(
        m.method,
        m.template,
        res.status,
        withoutKnownSpecGaps(method, rel, res.body),
      );
      expect(errors, `response ${method} ${rel} ${res.status}`).toEqual([]);
    }
    return res;
  };
  return {
    call: (method, url, body) => send(method, url, body, undefined, true),
    invalid: (method, url, body, headers) => send(method, url, body, headers, false),
    exercised,
  };
}

/** The uuids of a list response, in order. */
export const uuids = (res: ApiResponse): string[] =>
  (res.body.results as { uuid: string }[]).map((r) => r.uuid);

/** The invalidParams of a 400 answer as `name:code`. */
export const problems = (res: ApiResponse): string[] =>
  ((res.body?.invalidParams ?? []) as { name: string; code: string }[]).map((p) => `${p.name}:${p.code}`);
