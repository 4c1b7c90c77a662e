import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The workplace's policy: only our own scripts, no framing by other sites, no plugins, no `<base>`. Styles allow
 * `'unsafe-inline'` as the workplace's own meta policy does (inline styles of React components and the co-browse
 * replay); scripts never do. Pages with their own policy (the demo site, attachments) set a stricter one.
 */
export const WORKPLACE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (issue 11 §7): CSP, `X-Frame-Options: DENY`, `nosniff`,
 * `Referrer-Policy: no-referrer`, HSTS (browsers honour it only over https, i.e. behind the TLS proxy).
 * No `upgrade-insecure-requests`: the server also runs on plain http on 127.0.0.1.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: WORKPLACE_CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
    // The widget script sets `cross-origin` itself: municipal websites load it from another origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
