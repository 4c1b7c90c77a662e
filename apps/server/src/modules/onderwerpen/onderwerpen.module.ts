import type { FastifyInstance } from 'fastify';
import type { AuthGuard } from '../../http/auth-guard';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Store } from '../../store/store';
import { createOnderwerpenRepository, type OnderwerpenRepository } from './onderwerpen.repository';
import { registerOnderwerpenRoutes } from './onderwerpen.routes';

export { onderwerpenMigrations } from './onderwerpen.repository';

export interface OnderwerpenModule {
  repo: OnderwerpenRepository;
}

/**
 * The managed onderwerpen list (issue 14 §7). An empty list is filled once from the kennisbank's products at start;
 * later the beheerder takes over new products with "Overnemen uit kennisbank", so edits and deactivations stay.
 */
export async function createOnderwerpenModule(
  app: FastifyInstance,
  deps: {
    store: Store;
    guard: AuthGuard;
    clock: Clock;
    log: Logger;
    /** The kennisbank's live products (name and UPL uri). */
    products: () => Promise<{ naam: string; uplUri?: string }[]>;
  },
): Promise<OnderwerpenModule> {
  const repo = createOnderwerpenRepository(deps.store);
  if ((await repo.count()) === 0) {
    const toegevoegd = await repo.importProducts(await deps.products(), deps.clock.now());
    if (toegevoegd > 0) deps.log.info({ toegevoegd }, 'onderwerpen seeded from the kennisbank');
  }
  registerOnderwerpenRoutes(app, { guard: deps.guard, repo, clock: deps.clock, products: deps.products });
  return { repo };
}
