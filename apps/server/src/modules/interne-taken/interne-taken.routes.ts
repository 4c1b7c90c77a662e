import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AfdelingMedewerkers, InterneTakenLijst, NotitieRequest } from '@kcc/contracts/interne-taken';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { KlantinteractiesPort } from '../klantinteracties/index';
import type { AfdelingMedewerkersRepository } from './afdeling-medewerkers.repository';
import type { InterneTakenService } from './interne-taken.service';

const TaakParams = z.object({ uuid: z.uuid() });
const LijstQuery = z.object({ lijst: InterneTakenLijst.default('mijn') }).strict();
const AfdelingParams = z.object({ actorUuid: z.uuid() });

export function registerInterneTakenRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    service: InterneTakenService;
    leden: AfdelingMedewerkersRepository;
    port: () => KlantinteractiesPort;
    userExists: (id: string) => Promise<boolean>;
  },
): void {
  const { service } = deps;
  const medewerker = { preHandler: deps.guard.require('medewerker') };
  const beheerder = { preHandler: deps.guard.require('beheerder') };

  app.get('/api/internetaken', medewerker, async (request) => {
    const { lijst } = parseOrThrow(LijstQuery, request.query, 'query');
    return service.lijst(currentUser(request), lijst);
  });

  app.get('/api/internetaken/:uuid', medewerker, async (request) => {
    const { uuid } = parseOrThrow(TaakParams, request.params, 'params');
    return service.detail(currentUser(request), uuid);
  });

  app.post('/api/internetaken/:uuid/oppakken', medewerker, async (request) => {
    const { uuid } = parseOrThrow(TaakParams, request.params, 'params');
    return service.oppakken(currentUser(request), uuid);
  });

  app.post('/api/internetaken/:uuid/notities', medewerker, async (request, reply) => {
    const { uuid } = parseOrThrow(TaakParams, request.params, 'params');
    const { tekst } = parseOrThrow(NotitieRequest, request.body, 'body');
    return reply.code(201).send(await service.notitie(currentUser(request), uuid, tekst));
  });

  app.post('/api/internetaken/:uuid/afronden', medewerker, async (request) => {
    const { uuid } = parseOrThrow(TaakParams, request.params, 'params');
    return service.afronden(currentUser(request), uuid);
  });

  // Beheer: who works an afdeling's taken (no screen yet; see the module README).
  const afdeling = async (actorUuid: string) => {
    if (!(await deps.port().afdelingen()).some((a) => a.actorUuid === actorUuid)) {
      throw problems.notFound('Deze afdeling bestaat niet.');
    }
  };
  app.get('/api/afdelingen/:actorUuid/medewerkers', beheerder, async (request) => {
    const { actorUuid } = parseOrThrow(AfdelingParams, request.params, 'params');
    await afdeling(actorUuid);
    return { userIds: await deps.leden.medewerkersVan(actorUuid) };
  });
  app.put('/api/afdelingen/:actorUuid/medewerkers', beheerder, async (request) => {
    const { actorUuid } = parseOrThrow(AfdelingParams, request.params, 'params');
    const { userIds } = parseOrThrow(AfdelingMedewerkers, request.body, 'body');
    await afdeling(actorUuid);
    const exists = await Promise.all(userIds.map((id) => deps.userExists(id)));
    const unknown = userIds.flatMap((id, i) =>
      exists[i] ? [] : [{ name: `userIds.${i}`, code: 'unknown', reason: 'Deze gebruiker bestaat niet.' }],
    );
    if (unknown.length > 0) throw problems.invalid(unknown);
    await deps.leden.zet(actorUuid, userIds);
    return { userIds: await deps.leden.medewerkersVan(actorUuid) };
  });
}
