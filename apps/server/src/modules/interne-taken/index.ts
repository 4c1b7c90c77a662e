import type { FastifyInstance } from 'fastify';
import type { AuthGuard } from '../../http/auth-guard';
import type { Clock } from '../../shared/clock';
import type { UnitOfWork } from '../../shared/domain-events';
import type { Store } from '../../store/store';
import type { KlantinteractiesPort } from '../klantinteracties/index';
import { createAfdelingMedewerkersRepository } from './afdeling-medewerkers.repository';
import { createInterneTakenService, type InzageLog } from './interne-taken.service';
import { registerInterneTakenRoutes } from './interne-taken.routes';
import { createNotitiesRepository } from './notities.repository';

export { interneTakenMigrations } from './interne-taken.migrations';

/** Demo: Bram works the taken of "Afval en reiniging" and "Belastingen"; Anna those of "Burgerzaken". */
const DEMO_LEDEN: Record<string, string[]> = {
  'Afval en reiniging': ['user-bram'],
  Belastingen: ['user-bram'],
  Burgerzaken: ['user-anna'],
};

/** Working interne taken in the workplace: lists, opening, oppakken, notes, afronden (issue 14 §3). */
export async function createInterneTakenModule(
  app: FastifyInstance,
  deps: {
    store: Store;
    guard: AuthGuard;
    port: () => KlantinteractiesPort;
    log: InzageLog;
    clock: Clock;
    userExists: (id: string) => Promise<boolean>;
    /** Where `interne-taken-changed` is recorded. */
    events: UnitOfWork;
    demo: boolean;
  },
) {
  const leden = createAfdelingMedewerkersRepository(deps.store);
  if (deps.demo) {
    for (const a of await deps.port().afdelingen()) {
      const users = DEMO_LEDEN[a.naam];
      if (users && (await leden.medewerkersVan(a.actorUuid)).length === 0)
        await leden.zet(a.actorUuid, users);
    }
  }
  const service = createInterneTakenService({
    port: deps.port,
    leden,
    notities: createNotitiesRepository(deps.store),
    log: deps.log,
    clock: deps.clock,
    events: deps.events,
  });
  registerInterneTakenRoutes(app, {
    guard: deps.guard,
    service,
    leden,
    port: deps.port,
    userExists: deps.userExists,
  });
  return { service, leden };
}
