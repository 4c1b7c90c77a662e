import type { FastifyBaseLogger } from 'fastify';
import type { SharedState } from '../../cluster';
import type { EventBus } from '../../shared/domain-events';
import type { Store } from '../../store/store';
import { createKennisbankRepository } from './kennisbank.repository';
import { KennisbankQuality } from './kennisbank-quality';
import { KennisbankService, type KennisbankIndexChange } from './kennisbank.service';
import { KENNISBANK_ASSETS_DIR, seedKennisbank } from './seed-kennisbank';

/**
 * Open the kennisbank: seed an empty store (demo content with KCC_DEMO) and build the search index from the
 * store, logging how long that took. Awaited at start, so `/health` is only ready once search is.
 */
export async function createKennisbankService(deps: {
  store: Store;
  demo: boolean;
  log: FastifyBaseLogger;
  assetsDir?: string;
  clock?: () => number;
  /** `contact-registered`: the kanaalsturing and sources the agent recorded. */
  events?: EventBus;
}): Promise<KennisbankService> {
  const repo = createKennisbankRepository(deps.store);
  const clock = deps.clock ?? Date.now;
  const seeded = await seedKennisbank(repo, {
    dir: deps.assetsDir ?? KENNISBANK_ASSETS_DIR,
    demo: deps.demo,
    now: clock(),
    log: deps.log,
  });
  if (seeded.articles + seeded.synonyms + seeded.kanalen > 0) deps.log.info(seeded, 'kennisbank seeded');
  if (seeded.skipped > 0) deps.log.warn({ skipped: seeded.skipped }, 'kennisbank seed lines skipped');
  const service = new KennisbankService(repo, clock);
  service.quality = new KennisbankQuality(
    repo,
    clock,
    (a) => service.kanaalFor(a.id, a.type, a.title, a.product) !== undefined,
  );
  deps.events?.on('contact-registered', (e) => {
    service
      .recordRegistration(e)
      .catch((err: unknown) =>
        deps.log.error(
          { err: String(err), contactId: e.contactId },
          'kennisbank: kanaalsturing niet vastgelegd',
        ),
      );
  });
  const built = await service.buildIndex();
  deps.log.info(built, 'kennisbank index built');
  return service;
}

const INDEX_CHANNEL = 'kennisbank:index';

/**
 * Several instances: each has its own in-memory index over the shared store. An edit on one is published and every
 * other instance reloads what changed from the store. In one process the message reaches only this instance,
 * which ignores its own. Returns the unsubscribe for `close`.
 */
export async function shareIndexChanges(
  service: KennisbankService,
  deps: { state: SharedState; instanceId: string; log: FastifyBaseLogger },
): Promise<() => Promise<void>> {
  // One change at a time, in the order published: a reload that read the store before a later change must not
  // land after it.
  let applying = Promise.resolve();
  const unsubscribe = await deps.state.subscribe(INDEX_CHANNEL, (message) => {
    const { from, change } = JSON.parse(message) as { from: string; change: KennisbankIndexChange };
    if (from === deps.instanceId) return;
    applying = applying
      .then(() => service.applyIndexChange(change))
      .catch((err: unknown) => deps.log.error({ err: String(err) }, 'kennisbank: wijziging niet geladen'));
  });
  service.onIndexChange = (change) => {
    deps.state
      .publish(INDEX_CHANNEL, JSON.stringify({ from: deps.instanceId, change }))
      .catch((err: unknown) => deps.log.error({ err: String(err) }, 'kennisbank: wijziging niet gedeeld'));
  };
  return unsubscribe;
}
