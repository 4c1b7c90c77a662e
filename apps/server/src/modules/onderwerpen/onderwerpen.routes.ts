import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ONDERWERP_LIMITS,
  OnderwerpInput,
  OnderwerpPatch,
  type OnderwerpenImportResponse,
  type OnderwerpenResponse,
} from '@kcc/contracts/onderwerpen';
import { currentUser, type AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { Clock } from '../../shared/clock';
import { DuplicateOnderwerp, type OnderwerpenRepository } from './onderwerpen.repository';

const IdParams = z.object({ id: z.uuid() });
const ListQuery = z.object({ alle: z.enum(['true', 'false']).optional() }).strict();

const duplicate = (err: DuplicateOnderwerp) =>
  problems.invalid(
    [
      {
        name: 'naam',
        code: 'duplicate',
        reason: err.existing.actief
          ? `Het onderwerp '${err.existing.naam}' bestaat al.`
          : `Het onderwerp '${err.existing.naam}' bestaat al, maar is niet actief. Zet het weer aan.`,
      },
    ],
    'Kies een andere naam.',
  );

/**
 * The onderwerpen list: agents, team leaders and beheerders read the active ones (the registration's type-ahead);
 * the beheerder also reads the inactive ones (`?alle=true`), adds, renames, (de)activates and takes over the
 * kennisbank's products.
 */
export function registerOnderwerpenRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    repo: OnderwerpenRepository;
    clock: Clock;
    products: () => Promise<{ naam: string; uplUri?: string }[]>;
  },
): void {
  const { repo } = deps;
  const reader = { preHandler: deps.guard.require('medewerker', 'teamleider', 'beheerder') };
  const beheerder = { preHandler: deps.guard.require('beheerder') };

  app.get('/api/onderwerpen', reader, async (request) => {
    const { alle } = parseOrThrow(ListQuery, request.query, 'query');
    if (alle === 'true' && !currentUser(request).roles.includes('beheerder'))
      throw problems.forbidden('Alleen de beheerder ziet ook de onderwerpen die niet actief zijn.');
    const response: OnderwerpenResponse = { items: await repo.list({ alleenActief: alle !== 'true' }) };
    return response;
  });

  app.post('/api/onderwerpen', beheerder, async (request, reply) => {
    const input = parseOrThrow(OnderwerpInput, request.body, 'body');
    if ((await repo.count()) >= ONDERWERP_LIMITS.maxItems)
      throw problems.conflict(`Er zijn al ${ONDERWERP_LIMITS.maxItems} onderwerpen.`);
    try {
      const created = await repo.create(
        { ...input, bron: 'beheer' },
        deps.clock.now(),
        currentUser(request).id,
      );
      return reply.code(201).header('location', `/api/onderwerpen/${created.id}`).send(created);
    } catch (err) {
      if (err instanceof DuplicateOnderwerp) throw duplicate(err);
      throw err;
    }
  });

  app.patch('/api/onderwerpen/:id', beheerder, async (request) => {
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    const patch = parseOrThrow(OnderwerpPatch, request.body, 'body');
    try {
      const updated = await repo.update(id, patch, deps.clock.now(), currentUser(request).id);
      if (!updated) throw problems.notFound('Dit onderwerp bestaat niet.');
      return updated;
    } catch (err) {
      if (err instanceof DuplicateOnderwerp) throw duplicate(err);
      throw err;
    }
  });

  app.post('/api/onderwerpen/kennisbank-import', beheerder, async (request) => {
    const room = ONDERWERP_LIMITS.maxItems - (await repo.count());
    const toegevoegd = await repo.importProducts(
      (await deps.products()).slice(0, Math.max(0, room)),
      deps.clock.now(),
      currentUser(request).id,
    );
    const response: OnderwerpenImportResponse = { toegevoegd };
    return response;
  });
}
