import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from '../../shared/domain-events';
import type { Db } from '../../store/db';
import { createSqliteKennisbankRepository } from './kennisbank.repository';
import { KennisbankQuality } from './kennisbank-quality';
import { KennisbankService } from './kennisbank.service';
import { KENNISBANK_ASSETS_DIR, seedKennisbank } from './seed-kennisbank';

/**
 * Open the kennisbank: seed an empty store (demo content with KCC_DEMO) and build the search index from the
 * store, logging how long that took. Synchronous, so `/health` is only ready once search is.
 */
export function createKennisbankService(deps: {
  db: Db;
  demo: boolean;
  log: FastifyBaseLogger;
  assetsDir?: string;
  clock?: () => number;
  /** `contact-registered`: the kanaalsturing and sources the agent recorded. */
  events?: EventBus;
}): KennisbankService {
  const repo = createSqliteKennisbankRepository(deps.db);
  const clock = deps.clock ?? Date.now;
  const seeded = seedKennisbank(repo, {
    dir: deps.assetsDir ?? KENNISBANK_ASSETS_DIR,
    demo: deps.demo,
    now: clock(),
    log: deps.log,
  });
  if (seeded.articles + seeded.synonyms + seeded.kanalen > 0) deps.log.info(seeded, 'kennisbank seeded');
  if (seeded.skipped > 0) deps.log.warn({ skipped: seeded.skipped }, 'kennisbank seed lines skipped');
  const service = new KennisbankService(repo, clock);
  service.quality = new KennisbankQuality(
    deps.db,
    repo,
    clock,
    (a) => service.kanaalFor(a.id, a.type, a.title, a.product) !== undefined,
  );
  deps.events?.on('contact-registered', (e) => service.recordRegistration(e));
  const built = service.buildIndex();
  deps.log.info(built, 'kennisbank index built');
  return service;
}
