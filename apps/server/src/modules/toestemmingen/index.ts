import type { FastifyInstance } from 'fastify';
import type { User } from '@kcc/contracts/domain';
import type { TerugkoppelingView } from '@kcc/contracts/toestemmingen';
import type { AuthGuard } from '../../http/auth-guard';
import type { Store } from '../../store/store';
import {
  registerToestemmingenRoutes,
  type ContactMetPartij,
  type LogVerwerking,
} from './toestemmingen.routes';
import { ToestemmingenStore } from './toestemmingen.store';

export { toestemmingenMigrations, ToestemmingenStore } from './toestemmingen.store';
export type { ContactMetPartij } from './toestemmingen.routes';

/** Toestemmingen (issue 15 §4): the store and the agent's routes. */
export function createToestemmingenModule(
  app: FastifyInstance,
  deps: {
    store: Store;
    guard: AuthGuard;
    userName: (id: string) => string | undefined;
    contact: (contactId: string, user: User) => Promise<ContactMetPartij>;
    log: LogVerwerking;
    terugkoppelingen: (partijUuid: string) => Promise<TerugkoppelingView[]>;
    now: () => number;
  },
): { store: ToestemmingenStore } {
  const toestemmingen = new ToestemmingenStore(deps.store, (id) => deps.userName(id) ?? id);
  registerToestemmingenRoutes(app, { ...deps, store: toestemmingen });
  return { store: toestemmingen };
}
