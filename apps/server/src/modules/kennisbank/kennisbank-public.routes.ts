import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PublicKennisbankEvent, PublicSearchQuery } from '@kcc/contracts/kennisbank';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { memoryRateLimitStore, RateLimiter, retryAfterSeconds, type RateLimitStore } from '../rate-limit';
import type { KennisbankService } from './kennisbank.service';

export interface PublicKennisbankDeps {
  service: KennisbankService;
  /** The widget's allowed origins (KCC_WIDGET_ORIGINS): they get CORS headers. */
  originAllowed: (origin: string | undefined) => boolean;
  /** Requests per IP per window (searches, article reads and events together). Default 60 per minute. */
  limit?: number;
  windowMs?: number;
  /** Where the counters live (default: this process's memory; in a cluster: Redis). */
  rateLimitStore?: RateLimitStore;
}

const IdParams = z.object({ id: z.string().min(1).max(200) });

/**
 * The kennisbank for residents, anonymous: `GET /api/public/kennisbank/search?q=` (public articles with their
 * kanaaladvies, the same ranking agents get), `GET /api/public/kennisbank/articles/:id` and
 * `POST /api/public/kennisbank/events` (opened answer, chat started: for the report). Rate-limited per IP;
 * no account, no cookie, nothing personal stored.
 */
export function registerPublicKennisbankRoutes(app: FastifyInstance, deps: PublicKennisbankDeps): void {
  const { service } = deps;
  const limiter = new RateLimiter(
    deps.rateLimitStore ?? memoryRateLimitStore,
    'public-kennisbank',
    deps.limit ?? 60,
    deps.windowMs ?? 60_000,
  );

  const cors = (request: FastifyRequest, reply: FastifyReply): void => {
    const origin = request.headers.origin;
    if (origin !== undefined && deps.originAllowed(origin)) {
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    }
  };
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    cors(request, reply);
    const allowed = await limiter.hit(request.ip);
    if (!allowed.ok) throw problems.tooManyRequests(retryAfterSeconds(allowed.retryAfterMs));
  };

  app.get('/api/public/kennisbank/search', async (request, reply) => {
    await guard(request, reply);
    const { q, limit } = parseOrThrow(PublicSearchQuery, request.query, 'query');
    reply.header('cache-control', 'no-store');
    return service.publicSearch(q, limit);
  });

  app.get('/api/public/kennisbank/articles/:id', async (request, reply) => {
    await guard(request, reply);
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    const article = await service.publicArticle(id);
    if (!article) throw problems.notFound('Dit antwoord bestaat niet.');
    return article;
  });

  app.options('/api/public/kennisbank/events', async (request, reply) => {
    cors(request, reply);
    return reply
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '600')
      .code(204)
      .send();
  });

  app.post('/api/public/kennisbank/events', async (request, reply) => {
    await guard(request, reply);
    const event = parseOrThrow(PublicKennisbankEvent, request.body, 'body');
    await service.quality?.recordPublicEvent(event);
    return reply.code(204).send();
  });
}
