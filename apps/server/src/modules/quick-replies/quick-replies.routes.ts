import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { DuplicateCode, type QuickRepliesRepository } from './quick-replies.repository';
import { QUICK_REPLY_LIMITS, QuickReplyInput, type QuickRepliesResponse } from './quick-replies.schemas';

const IdParams = z.object({ id: z.string().min(1).max(100) });

const duplicate = (code: string) =>
  problems.invalid(
    [{ name: 'code', code: 'duplicate', reason: `Er is al een snel antwoord met de code '${code}'.` }],
    'Kies een andere code.',
  );

/** Quick replies: everyone who answers or manages reads them, only the beheerder changes them. */
export function registerQuickRepliesRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; repo: QuickRepliesRepository },
): void {
  const { repo } = deps;
  const reader = { preHandler: deps.guard.require('medewerker', 'teamleider', 'beheerder') };
  const beheerder = { preHandler: deps.guard.require('beheerder') };

  app.get('/api/quick-replies', reader, async () => {
    const response: QuickRepliesResponse = { items: await repo.list() };
    return response;
  });

  app.post('/api/quick-replies', beheerder, async (request, reply) => {
    const input = parseOrThrow(QuickReplyInput, request.body, 'body');
    if ((await repo.count()) >= QUICK_REPLY_LIMITS.maxItems)
      throw problems.conflict(`Er zijn al ${QUICK_REPLY_LIMITS.maxItems} snelle antwoorden.`);
    try {
      return reply.code(201).send(await repo.create(input));
    } catch (err) {
      if (err instanceof DuplicateCode) throw duplicate(err.code);
      throw err;
    }
  });

  app.put('/api/quick-replies/:id', beheerder, async (request) => {
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    const input = parseOrThrow(QuickReplyInput, request.body, 'body');
    try {
      const updated = await repo.update(id, input);
      if (!updated) throw problems.notFound('Dit snelle antwoord bestaat niet.');
      return updated;
    } catch (err) {
      if (err instanceof DuplicateCode) throw duplicate(err.code);
      throw err;
    }
  });

  app.delete('/api/quick-replies/:id', beheerder, async (request, reply) => {
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    if (!(await repo.remove(id))) throw problems.notFound('Dit snelle antwoord bestaat niet.');
    return reply.code(204).send();
  });
}
