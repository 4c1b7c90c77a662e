import http from 'node:http';
import net from 'node:net';

/**
 * A small load balancer for `npm run cluster` (not for production: put HAProxy, nginx or the platform's balancer
 * in front there). Requests and WebSocket upgrades go round robin over the backends; a backend that refuses the
 * connection is skipped for `downForMs` and the request goes to the next one. socket.io's long-polling fallback
 * needs every request of a session on one instance, so `/socket.io/` requests without an upgrade stick to a
 * backend by client address.
 */
export interface LoadBalancer {
  url: string;
  close(): Promise<void>;
}

export interface LoadBalancerOptions {
  backends: string[];
  port?: number;
  host?: string;
  /** How long a backend that refused a connection is left out (default 2 s). */
  downForMs?: number;
  /** The request body a retry can resend is held in memory up to this size (default 2 MB). */
  maxBodyBytes?: number;
}

interface Backend {
  host: string;
  port: number;
  downUntil: number;
}

/** Connection errors after which the next backend may get the same request: nothing reached the backend. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);

export async function startLoadBalancer(options: LoadBalancerOptions): Promise<LoadBalancer> {
  if (options.backends.length === 0) throw new Error('load balancer: no backends');
  const backends: Backend[] = options.backends.map((url) => {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port), downUntil: 0 };
  });
  const downForMs = options.downForMs ?? 2000;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  let next = 0;

  /** The backends to try, in order: round robin, or sticky by client address; those marked down last. */
  const order = (sticky: string | undefined): Backend[] => {
    const start = sticky === undefined ? next++ % backends.length : hash(sticky) % backends.length;
    const rotated = backends.map((_, i) => backends[(start + i) % backends.length] as Backend);
    const now = Date.now();
    return [...rotated.filter((b) => b.downUntil <= now), ...rotated.filter((b) => b.downUntil > now)];
  };
  const markDown = (b: Backend) => (b.downUntil = Date.now() + downForMs);

  const forwardedHeaders = (req: http.IncomingMessage) => {
    const headers = { ...req.headers };
    const client = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for']
      ? `${headers['x-forwarded-for']}, ${client}`
      : client;
    headers['x-forwarded-proto'] ??= 'http';
    headers['x-forwarded-host'] ??= req.headers.host ?? '';
    return headers;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        res
          .writeHead(413, { 'content-type': 'text/plain' })
          .end('Request body too large for the load balancer');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const polling = req.url?.startsWith('/socket.io/') ?? false;
      const tries = order(polling ? req.socket.remoteAddress : undefined);
      const attempt = (i: number) => {
        const backend = tries[i];
        if (!backend) {
          res.writeHead(502, { 'content-type': 'text/plain' }).end('No instance reachable');
          return;
        }
        const upstream = http.request(
          {
            // A connection per request: a pooled one to an instance that just died would fail after the send.
            agent: false,
            host: backend.host,
            port: backend.port,
            method: req.method,
            path: req.url,
            headers: forwardedHeaders(req),
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
            answer.pipe(res);
          },
        );
        upstream.on('error', (err: NodeJS.ErrnoException) => {
          if (!res.headersSent && UNREACHABLE.has(err.code ?? '')) {
            markDown(backend);
            attempt(i + 1);
          } else res.destroy();
        });
        res.on('close', () => upstream.destroy());
        upstream.end(body);
      };
      attempt(0);
    });
  });

  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    const tries = order(undefined);
    const attempt = (i: number) => {
      const backend = tries[i];
      if (!backend) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
        return;
      }
      const upstream = net.connect(backend.port, backend.host);
      const refused = () => {
        markDown(backend);
        attempt(i + 1);
      };
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        upstream.on('error', () => client.destroy());
        const headers = forwardedHeaders(req);
        const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
        for (const [name, value] of Object.entries(headers)) {
          for (const v of Array.isArray(value) ? value : [value ?? '']) lines.push(`${name}: ${v}`);
        }
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client).pipe(upstream);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
    };
    attempt(0);
  });

  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
