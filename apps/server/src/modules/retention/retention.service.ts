import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RetentionKindResult, RetentionOverview, RetentionRun } from '@kcc/contracts/bewaartermijnen';
import type { Clock, CancelTimer } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { startOfDayAmsterdam, subtractIsoDuration, type PruneStep } from '../audit';
import type { ClosedContact, ContactsRetention } from '../contacts';
import type { RetentionKind, RetentionSettings } from './retention-settings';
import type { RetentionRepository } from './retention.repository';

/** Contacts handled per step; the event loop gets a turn between steps. */
const PAGE = 500;
const HOUR = 3600_000;
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
/** Local (Europe/Amsterdam) midnight of the day `ms` falls on. */
const localDayStart = (ms: number) => startOfDayAmsterdam(dayFormat.format(new Date(ms)));

type ContactKind = Exclude<RetentionKind, 'verwerkingenlog'>;

/** What each module removes of a contact whose term for that kind has passed (each returns rows changed). */
export type ContactPurgers = Record<
  ContactKind,
  ((contactIds: readonly string[]) => number | Promise<number>)[]
>;

export interface RetentionDeps {
  repo: RetentionRepository;
  settings: RetentionSettings;
  contacts: ContactsRetention;
  purgers: ContactPurgers;
  /** One step of pruning the verwerkingenlog (audit/prune.ts), with the log's configured term. */
  pruneLog(opts: { now: number; minimum: string; dryRun: boolean }): Promise<PruneStep>;
  clock: Clock;
  log: Logger;
}

export interface RetentionService {
  /** The terms, a dry run for now, the last run and the next. */
  overview(): Promise<RetentionOverview>;
  /** Deletes and anonymises everything past its term now. */
  run(): Promise<RetentionRun>;
  /** Runs daily at the configured local hour. */
  start(): void;
  stop(): void;
}

const CONTACT_KINDS: readonly ContactKind[] = ['contacten', 'transcripten', 'bijlagen'];

/**
 * The bewaartermijn job: per kind it finds what has passed its term and lets the owning module delete or
 * anonymise it (contacts, messages, channels, transfer and reports each handle their own tables; the audit module
 * prunes its chain behind a signed checkpoint). Contact-scoped kinds count from the contact's closing and keep a
 * high-water mark, so a daily run walks only the contacts whose term ended since the last one.
 */
export function createRetentionService(deps: RetentionDeps): RetentionService {
  const { repo, settings, contacts, clock } = deps;
  const cutoffOf = (kind: RetentionKind, now: number) => subtractIsoDuration(now, settings.terms[kind]) ?? -1;
  let timer: CancelTimer | undefined;
  let running: Promise<RetentionRun> | undefined;

  async function dryRun(now: number): Promise<RetentionRun> {
    const kinds: RetentionKindResult[] = [];
    for (const kind of CONTACT_KINDS) {
      const cutoff = cutoffOf(kind, now);
      kinds.push({
        kind,
        term: settings.terms[kind],
        cutoff: new Date(cutoff).toISOString(),
        expired: await contacts.countClosedBetween(await repo.doneUntil(kind), cutoff),
        removed: 0,
      });
    }
    const log = await deps.pruneLog({ now, minimum: settings.terms.verwerkingenlog, dryRun: true });
    kinds.push({
      kind: 'verwerkingenlog',
      term: settings.terms.verwerkingenlog,
      cutoff: new Date(cutoffOf('verwerkingenlog', now)).toISOString(),
      expired: log.expired,
      removed: 0,
    });
    return { at: new Date(now).toISOString(), dryRun: true, kinds };
  }

  async function purgeContacts(kind: ContactKind, now: number): Promise<RetentionKindResult> {
    const cutoff = cutoffOf(kind, now);
    const from = await repo.doneUntil(kind);
    let after: ClosedContact | undefined = { id: '', closedAt: from };
    let expired = 0;
    let removed = 0;
    for (;;) {
      const page = await contacts.closedBetween(after, cutoff, PAGE);
      if (page.length === 0) break;
      const ids = page.map((c) => c.id);
      for (const purge of deps.purgers[kind]) removed += await purge(ids);
      expired += page.length;
      after = page[page.length - 1];
      await yieldToEventLoop();
    }
    if (cutoff > from) await repo.setDoneUntil(kind, cutoff);
    return { kind, term: settings.terms[kind], cutoff: new Date(cutoff).toISOString(), expired, removed };
  }

  async function pruneLog(now: number): Promise<RetentionKindResult> {
    const minimum = settings.terms.verwerkingenlog;
    let removed = 0;
    let expired = 0;
    for (;;) {
      const step = await deps.pruneLog({ now, minimum, dryRun: false });
      expired = Math.max(expired, step.expired);
      removed += step.pruned;
      if (!step.more) break;
      await yieldToEventLoop();
    }
    const cutoff = new Date(cutoffOf('verwerkingenlog', now)).toISOString();
    return { kind: 'verwerkingenlog', term: minimum, cutoff, expired, removed };
  }

  async function runOnce(): Promise<RetentionRun> {
    const now = clock.now();
    const kinds: RetentionKindResult[] = [];
    for (const kind of CONTACT_KINDS) kinds.push(await purgeContacts(kind, now));
    kinds.push(await pruneLog(now));
    const result: RetentionRun = { at: new Date(now).toISOString(), dryRun: false, kinds };
    await repo.recordRun(now, result);
    deps.log.info({ retention: kinds.map((k) => `${k.kind}:${k.removed}`) }, 'bewaartermijnen: opgeschoond');
    return result;
  }

  function nextRunAt(now: number): number {
    const start = localDayStart(now);
    const today = start + settings.hour * HOUR;
    // a local day lasts 23 to 25 hours: 36 hours after midnight always falls on the next day
    return today > now ? today : localDayStart(start + 36 * HOUR) + settings.hour * HOUR;
  }

  function schedule(): void {
    const now = clock.now();
    timer = clock.setTimer(nextRunAt(now) - now, () => {
      service.run().then(schedule, (err: unknown) => {
        deps.log.error({ err }, 'bewaartermijnen: opschonen mislukt');
        schedule();
      });
    });
  }

  const service: RetentionService = {
    async overview() {
      const now = clock.now();
      const last = await repo.lastRun();
      return {
        terms: { ...settings.terms },
        nextRunAt: new Date(nextRunAt(now)).toISOString(),
        lastRun: last ?? null,
        dryRun: await dryRun(now),
      };
    },
    run() {
      // one run at a time: a second request waits for the run under way
      running ??= runOnce().finally(() => (running = undefined));
      return running;
    },
    start() {
      if (!timer) schedule();
    },
    stop() {
      timer?.();
      timer = undefined;
    },
  };
  return service;
}
