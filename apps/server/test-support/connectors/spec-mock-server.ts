import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadedSpec } from './oas-spec';

export interface MockContext {
  method: string;
  template: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Base URL of the mount (e.g. http://127.0.0.1:1234/zaken/api/v1), to build `url` fields. */
  base: string;
  /** A body generated from the spec's response schema for this operation and status. */
  sample(status?: number): Record<string, unknown>;
}

export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type MockHandler = (ctx: MockContext) => MockReply | Promise<MockReply>;

export interface MockMount {
  /** Path prefix the spec is served under, e.g. `/zaken/api/v1`. */
  basePath: string;
  spec: LoadedSpec;
  /** `GET /zaken` → handler; unknown operations answer 501. */
  handlers: Record<string, MockHandler>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface SpecMockServer {
  url: string;
  requests: RecordedRequest[];
  /** Every request or response that did not conform to its spec (tests assert this stays empty). */
  violations: string[];
  /** Delay before each answer (ms), or a function of the request. */
  setDelay(delay: number | ((req: RecordedRequest) => number)): void;
  /** Force a status for every request (503 to simulate an outage; undefined to restore). */
  setOutage(status: number | undefined): void;
  close(): Promise<void>;
}

/**
 * An in-process HTTP mock for one or more official OpenAPI documents. Every request is validated against the
 * spec (a violation answers 400 and is recorded); every response a handler returns is validated against the
 * response schema, so the fixtures cannot drift from the spec either.
 */
export async function startSpecMock(
  mounts: MockMount[],
  opts: { extraValidator?: (r: RecordedRequest) => string[] | Promise<string[]> } = {},
): Promise<SpecMockServer> {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let delay: number | ((req: RecordedRequest) => number) = 0;
  let outage: number | undefined;
  let baseUrl = '';

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        if (raw !== '') {
          try {
            body = JSON.parse(raw);
          } catch {
            body = raw;
          }
        }
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body,
        };
        requests.push(recorded);
        const wait = typeof delay === 'function' ? delay(recorded) : delay;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(payload === undefined ? '' : JSON.stringify(payload));
        };
        if (outage !== undefined) return send(outage, { title: 'Service unavailable', status: outage });
        const url = new URL(recorded.url, 'http://mock.invalid');
        const mount = mounts.find((m) => url.pathname.startsWith(m.basePath));
        if (!mount) {
          violations.push(`${recorded.method} ${url.pathname}: no mount`);
          return send(404, { title: 'Not found', status: 404 });
        }
        const rel = url.pathname.slice(mount.basePath.length) || '/';
        const relUrl = rel + url.search;
        const problems = [
          ...mount.spec.validateRequest({ method: recorded.method, url: relUrl, headers: req.headers, body }),
          ...((await opts.extraValidator?.(recorded)) ?? []),
        ];
        if (problems.length > 0) {
          violations.push(...problems);
          return send(400, {
            title: 'Request does not conform to the spec',
            status: 400,
            invalidParams: problems,
          });
        }
        const m = mount.spec.match(recorded.method, rel)!;
        const handler = mount.handlers[`${recorded.method.toUpperCase()} ${m.template}`];
        if (!handler)
          return send(501, { title: `No mock handler for ${recorded.method} ${m.template}`, status: 501 });
        const ctx: MockContext = {
          method: m.method,
          template: m.template,
          params: m.params,
          query: url.searchParams,
          headers: req.headers,
          body,
          base: `${baseUrl}${mount.basePath}`,
          sample: (status = 200) =>
            mount.spec.sampleResponse(m.method, m.template, status) as Record<string, unknown>,
        };
        try {
          const reply = await handler(ctx);
          if (reply.status < 400) {
            const errors = mount.spec.validateResponse(m.method, m.template, reply.status, reply.body);
            if (errors.length > 0) violations.push(...errors.map((e) => `response: ${e}`));
          }
          send(reply.status, reply.body, reply.headers);
        } catch (err) {
          violations.push(`handler ${m.template} threw: ${(err as Error).message}`);
          send(500, { title: 'Mock handler error', status: 500 });
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    requests,
    violations,
    setDelay(d) {
      delay = d;
    },
    setOutage(status) {
      outage = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
