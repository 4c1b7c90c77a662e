import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { memoryRateLimitStore, RateLimiter, retryAfterSeconds, type RateLimitStore } from '../rate-limit';
import { DEMO_PERSONEN } from './demo-registers-data';
import { volledigeNaam } from './embedded-brp';
import type { DemoDigidIssuer } from './digid';

const Inloggen = z.object({ bsn: z.string().regex(/^[0-9]{9}$/, 'Kies een demo-inwoner') }).strict();

/**
 * The demo website's stand-in for DigiD (KCC_DEMO only): `GET /demo/digid/personen` lists the demo residents,
 * `POST /demo/digid/inloggen {bsn}` returns a token signed by the demo's test issuer, which the page passes to the
 * chat widget. A real municipality gets the token from its own DigiD broker; the server verifies both the same way.
 */
export function registerDemoDigidRoutes(
  app: FastifyInstance,
  deps: { issuer: DemoDigidIssuer; rateLimitStore?: RateLimitStore },
): void {
  const limiter = new RateLimiter(deps.rateLimitStore ?? memoryRateLimitStore, 'demo-digid', 20, 10 * 60_000);
  const personen = DEMO_PERSONEN.filter((p) => !p.overleden);

  app.get('/demo/digid/personen', async () => ({
    items: personen.map((p) => ({ bsn: p.bsn, naam: volledigeNaam(p) })),
  }));

  app.post('/demo/digid/inloggen', async (request) => {
    const { bsn } = parseOrThrow(Inloggen, request.body ?? {}, 'body');
    const allowed = await limiter.hit(request.ip);
    if (!allowed.ok) throw problems.tooManyRequests(retryAfterSeconds(allowed.retryAfterMs));
    const persoon = personen.find((p) => p.bsn === bsn);
    if (!persoon) {
      throw problems.invalid([{ name: 'body.bsn', code: 'not-found', reason: 'Kies een demo-inwoner.' }]);
    }
    return { token: await deps.issuer.sign(bsn), naam: volledigeNaam(persoon) };
  });
}
