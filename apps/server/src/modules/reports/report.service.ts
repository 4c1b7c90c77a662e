import {
  SERVICE_LEVEL_DEFINITION,
  ZELFSTANDIG_AFGEHANDELD,
  type ReportMetrics,
  type ReportQuery,
  type ReportResponse,
} from '@kcc/contracts/dashboard';
import type { Channel } from '@kcc/contracts/domain';
import type { ContactsRepository } from '../contacts/contacts.repository';
import { ContactFold, type ContactFact } from '../dashboard/contact-fold';
import { addDays, localDay, startOfDayAmsterdam } from '../dashboard/local-day';
import {
  abandonRate,
  averageHandleTimeSeconds,
  averageSpeedOfAnswerSeconds,
  emptyCounters,
  serviceLevel,
  type Counters,
} from '../dashboard/service-level';
import { bucketLabel, bucketOf, bucketStarts } from './periods';
import { RangeEvents } from './range-events';
import { OnderwerpBreakdown } from './report-onderwerpen';
import type { ReportRegistrations, StoredRegistrationFact } from './report-registrations';

const DAY_MS = 24 * 3600 * 1000;
export const MAX_REPORT_DAYS = 400;
export const DEFAULT_REPORT_DAYS = 7;

export const SERVICE_LEVEL_TEXT =
  'Serviceniveau = beantwoord binnen de servicenorm / (beantwoord + verlaten na ' +
  `${SERVICE_LEVEL_DEFINITION.shortAbandonSeconds} seconden)`;

interface Acc {
  c: Counters;
  zelfstandig: number;
  fcrEligible: number;
  fcrResolved: number;
  switches: number;
  sturing: number;
  sturingPrimary: number;
  viaPrimary: number;
  vragen: number;
  vraagContacten: number;
  vraagWissels: number;
  beloften: number;
  nagekomen: number;
  csatCount: number;
  csatSum: number;
}

const emptyAcc = (): Acc => ({
  c: emptyCounters(),
  zelfstandig: 0,
  fcrEligible: 0,
  fcrResolved: 0,
  switches: 0,
  sturing: 0,
  sturingPrimary: 0,
  viaPrimary: 0,
  vragen: 0,
  vraagContacten: 0,
  vraagWissels: 0,
  beloften: 0,
  nagekomen: 0,
  csatCount: 0,
  csatSum: 0,
});

function metrics(a: Acc): ReportMetrics {
  const { c } = a;
  return {
    offered: c.offered,
    answered: c.answered,
    answeredWithinNorm: c.answeredWithinNorm,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    serviceLevel: serviceLevel(c),
    asaSeconds: averageSpeedOfAnswerSeconds(c),
    ahtSeconds: averageHandleTimeSeconds(c),
    abandonRate: abandonRate(c),
    zelfstandigAfgehandeld: a.zelfstandig,
    firstContactResolved: a.fcrResolved,
    firstContactResolution: a.fcrEligible > 0 ? a.fcrResolved / a.fcrEligible : null,
    channelSwitches: a.switches,
    kanaalsturing: a.sturing,
    kanaalsturingPrimary: a.sturingPrimary,
    viaPrimaryChannel: a.viaPrimary,
    primaryChannelShare: a.sturing > 0 ? a.viaPrimary / a.sturing : null,
    vragen: a.vragen,
    contactenVoorVragen: a.vraagContacten,
    kanaalwisselsVoorVragen: a.vraagWissels,
    contactenPerVraag: a.vragen > 0 ? a.vraagContacten / a.vragen : null,
    beloften: a.beloften,
    beloftenNagekomen: a.nagekomen,
    voorspelbaarheid: a.beloften > 0 ? a.nagekomen / a.beloften : null,
    csatCount: a.csatCount,
    csatAverage: a.csatCount > 0 ? a.csatSum / a.csatCount : null,
  };
}

export class ReportValidationError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** An answer promised to a resident (ontvangstbevestiging) and when the first reply went out. */
export interface Belofte {
  contactId: string;
  beloofdVoor: number;
  beantwoordOp?: number;
}

export interface ReportDeps {
  /** The contact event log and each contact's queue and channel. */
  contacts: Pick<ContactsRepository, 'contactEventPages' | 'eventsBefore' | 'placements'>;
  registrations: ReportRegistrations;
  /** Promises due in [from, to). */
  beloften: (from: number, to: number) => Promise<Belofte[]>;
  /** The kanaalsturing records with `from <= at < to` (the kennisbank's port). */
  kanaalsturing: (
    from: number,
    to: number,
  ) => Promise<
    { klantcontactUuid: string; contactId: string; gewezen: boolean; viaPrimair: boolean; at: number }[]
  >;
  queues: () => { id: string; name: string; withinSeconds: number }[];
}

/**
 * Figures per day / ISO week / month over a range of local days, from the same event fold and with the same
 * day rule as the live dashboard (docs/service-level.md): a contact counts (offered, answered or abandoned, its
 * wait) in the bucket of the local day it was answered or abandoned, handle time in the bucket the handling
 * ended. A contact still waiting at the end of the range counts as offered, without an outcome, in the bucket
 * of its arrival, as the board showed it at the end of that day. Aggregates only: no contact, partij or person
 * appears in the output.
 */
export class ReportService {
  private readonly events: RangeEvents;

  constructor(private readonly deps: ReportDeps) {
    this.events = new RangeEvents(deps.contacts);
  }

  /** `onderwerpNaam`: the current name of an onderwerp of the managed list (rows of the onderwerp breakdown). */
  async report(
    query: ReportQuery,
    options: { now?: number; onderwerpNaam?: (id: string) => string | undefined } = {},
  ): Promise<ReportResponse> {
    const now = options.now ?? Date.now();
    const queues = this.deps.queues();
    const queueNames = new Map(queues.map((q) => [q.id, q.name]));
    const norms = new Map(queues.map((q) => [q.id, q.withinSeconds]));
    if (query.queue !== undefined && !queueNames.has(query.queue)) {
      throw new ReportValidationError('query.queue', 'Deze wachtrij bestaat niet.');
    }
    const to = query.to ?? localDay(now);
    const from = query.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
    if (from > to) throw new ReportValidationError('query.from', 'De begindatum ligt na de einddatum.');
    const start = startOfDayAmsterdam(from);
    const end = startOfDayAmsterdam(addDays(to, 1));
    if (end - start > MAX_REPORT_DAYS * DAY_MS) {
      throw new ReportValidationError('query.to', `Kies een periode van hoogstens ${MAX_REPORT_DAYS} dagen.`);
    }
    const period = query.period;
    const starts = bucketStarts(from, to, period);
    const buckets = new Map(starts.map((s) => [s, emptyAcc()]));
    const total = emptyAcc();
    const byQueue = new Map<string, Acc>();
    const byChannel = new Map<Channel, Acc>();

    /** Queue and channel of the contacts met so far; `learn` reads those not known yet before they are folded. */
    const info = new Map<string, { queueId: string; channel: Channel } | null>();
    const learn = async (ids: Iterable<string>) => {
      const missing = [...new Set(ids)].filter((id) => !info.has(id));
      if (missing.length === 0) return;
      const found = await this.deps.contacts.placements(missing);
      for (const id of missing) info.set(id, found.get(id) ?? null);
    };
    const contactOf = (id: string) => info.get(id) ?? null;

    /** Add to every accumulator this (queue, channel) at `at` belongs to under the filters. */
    const add = (at: number, queueId: string, channel: Channel, fn: (a: Acc) => void) => {
      if (at < start || at >= end) return;
      const queuePasses = query.queue === undefined || query.queue === queueId;
      const channelPasses = query.channel === undefined || query.channel === channel;
      if (queuePasses && channelPasses) {
        const bucket = buckets.get(bucketOf(at, period));
        if (bucket) fn(bucket);
        fn(total);
      }
      if (channelPasses) {
        let q = byQueue.get(queueId);
        if (!q) byQueue.set(queueId, (q = emptyAcc()));
        fn(q);
      }
      if (queuePasses) {
        let ch = byChannel.get(channel);
        if (!ch) byChannel.set(channel, (ch = emptyAcc()));
        fn(ch);
      }
    };
    const addForContact = (contactId: string, at: number, fn: (a: Acc) => void) => {
      const c = contactOf(contactId);
      if (c) add(at, c.queueId, c.channel, fn);
    };
    /** The per-onderwerp rows take both filters, as the total does. */
    const onderwerpen = new OnderwerpBreakdown();
    const passes = (contactId: string, at: number) => {
      const c = contactOf(contactId);
      return (
        c !== null &&
        at >= start &&
        at < end &&
        (query.queue === undefined || query.queue === c.queueId) &&
        (query.channel === undefined || query.channel === c.channel)
      );
    };

    const fold = new ContactFold({
      withinSeconds: (queueId) => norms.get(queueId),
      channelOf: (contactId) => contactOf(contactId)?.channel,
    });
    /**
     * The wait ended (answered or abandoned): the attempt leaves its arrival bucket, where it counted as offered
     * while it waited, and counts in the bucket of this moment. Ended after the range: it was still waiting at
     * the end, so it stays offered in its arrival bucket and its outcome belongs to a later report.
     */
    const endWait = (
      f: { queueId: string; channel: Channel; arrivedAt: number; at: number },
      outcome: (a: Acc) => void,
    ) => {
      if (f.at >= end) return;
      add(f.arrivedAt, f.queueId, f.channel, (a) => a.c.offered--);
      add(f.at, f.queueId, f.channel, outcome);
    };
    const applyFact = (f: ContactFact) => {
      switch (f.kind) {
        case 'arrived':
          return add(f.arrivedAt, f.queueId, f.channel, (a) => a.c.offered++);
        case 'moved':
          add(f.arrivedAt, f.fromQueueId, f.channel, (a) => a.c.offered--);
          return add(f.arrivedAt, f.toQueueId, f.channel, (a) => a.c.offered++);
        case 'answered':
          return endWait(f, (a) => {
            a.c.offered++;
            a.c.answered++;
            if (f.withinNorm) a.c.answeredWithinNorm++;
            a.c.waitMsSum += f.waitMs;
          });
        case 'abandoned':
          return endWait(f, (a) => {
            if (f.short) a.c.shortAbandoned++;
            else {
              a.c.offered++;
              a.c.abandoned++;
            }
          });
        case 'handled':
          if (passes(f.contactId, f.at)) onderwerpen.handled(f.contactId, f.handleMs);
          return add(f.at, f.queueId, f.channel, (a) => {
            a.c.handled++;
            a.c.handleMsSum += f.handleMs;
          });
        case 'kanaalswitch':
          return addForContact(f.contactId, f.at, (a) => a.switches++);
        case 'csat':
          if (passes(f.contactId, f.at)) onderwerpen.rated(f.contactId, f.score);
          return addForContact(f.contactId, f.at, (a) => {
            a.csatCount++;
            a.csatSum += f.score;
          });
        case 'finished':
          return;
      }
    };
    for await (const page of this.events.between(start, end)) {
      await learn(page.map((e) => e.contactId));
      for (const e of page) for (const f of fold.apply(e)) applyFact(f);
    }

    // First-contact resolution: zelfstandig afgehandeld, and the same partij did not come back about the same
    // onderwerp (another contact) within 7 days.
    const windowMs = SERVICE_LEVEL_DEFINITION.fcrWindowDays * DAY_MS;
    const inspanningMs = SERVICE_LEVEL_DEFINITION.inspanningWindowDays * DAY_MS;
    const regs = await this.deps.registrations.inRange(
      start - inspanningMs,
      end + Math.max(windowMs, inspanningMs),
    );
    await learn(regs.map((r) => r.contactId));
    const later = new Map<string, { at: number; contactId: string }[]>();
    for (const r of regs) {
      if (r.partijUuid === null) continue;
      const key = `${r.partijUuid}|${r.onderwerpHash}`;
      const list = later.get(key) ?? [];
      list.push({ at: r.at, contactId: r.contactId });
      later.set(key, list);
    }
    for (const r of regs) {
      if (r.at < start || r.at >= end) continue;
      const zelfstandig = r.gespreksresultaat === ZELFSTANDIG_AFGEHANDELD;
      const returned =
        zelfstandig &&
        r.partijUuid !== null &&
        (later.get(`${r.partijUuid}|${r.onderwerpHash}`) ?? []).some(
          (o) => o.contactId !== r.contactId && o.at > r.at && o.at <= r.at + windowMs,
        );
      if (passes(r.contactId, r.at)) onderwerpen.registration(r, !returned);
      if (!zelfstandig) continue;
      addForContact(r.contactId, r.at, (a) => {
        a.zelfstandig++;
        if (r.partijUuid !== null) {
          a.fcrEligible++;
          if (!returned) a.fcrResolved++;
        }
      });
    }

    const sturing = await this.deps.kanaalsturing(start, end);
    await learn(sturing.map((k) => k.contactId));
    for (const k of sturing) {
      if (passes(k.contactId, k.at)) onderwerpen.kanaalsturing(k.klantcontactUuid, k.viaPrimair);
      addForContact(k.contactId, k.at, (a) => {
        a.sturing++;
        if (k.gewezen) a.sturingPrimary++;
        if (k.viaPrimair) a.viaPrimary++;
      });
    }

    for (const q of questions(regs, inspanningMs)) {
      if (q.start < start || q.start >= end) continue;
      const channels = q.contactIds.map((id) => contactOf(id)?.channel);
      const wissels = channels.filter((c, i) => i > 0 && c !== channels[i - 1]).length;
      addForContact(q.contactIds[0] ?? '', q.start, (a) => {
        a.vragen++;
        a.vraagContacten += q.contactIds.length;
        a.vraagWissels += wissels;
      });
    }

    const firstRegistration = new Map<string, number>();
    for (const r of regs) {
      const seen = firstRegistration.get(r.contactId);
      if (seen === undefined || r.at < seen) firstRegistration.set(r.contactId, r.at);
    }
    const beloften = await this.deps.beloften(start, end);
    await learn(beloften.map((b) => b.contactId));
    for (const b of beloften) {
      const answeredAt = Math.min(b.beantwoordOp ?? Infinity, firstRegistration.get(b.contactId) ?? Infinity);
      // Not yet due and not yet answered: the promise can still be kept.
      if (b.beloofdVoor > now && answeredAt === Infinity) continue;
      addForContact(b.contactId, b.beloofdVoor, (a) => {
        a.beloften++;
        if (answeredAt <= b.beloofdVoor) a.nagekomen++;
      });
    }

    return {
      period,
      from,
      to,
      filters: {
        ...(query.queue !== undefined ? { queue: query.queue } : {}),
        ...(query.channel !== undefined ? { channel: query.channel } : {}),
      },
      definitions: {
        shortAbandonSeconds: SERVICE_LEVEL_DEFINITION.shortAbandonSeconds,
        fcrWindowDays: SERVICE_LEVEL_DEFINITION.fcrWindowDays,
        inspanningWindowDays: SERVICE_LEVEL_DEFINITION.inspanningWindowDays,
        serviceLevel: SERVICE_LEVEL_TEXT,
      },
      buckets: starts.map((s) => ({
        start: s,
        label: bucketLabel(s, period),
        ...metrics(buckets.get(s) ?? emptyAcc()),
      })),
      total: metrics(total),
      byQueue: [...byQueue.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([queue, acc]) => ({ queue, name: queueNames.get(queue) ?? queue, ...metrics(acc) })),
      byChannel: [...byChannel.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([channel, acc]) => ({ channel, ...metrics(acc) })),
      byOnderwerp: onderwerpen.rows((id) => options.onderwerpNaam?.(id)),
    };
  }
}

/**
 * Inspanning's questions: a known partij's registrations about one onderwerp, where the first one starts a
 * question and every registration within `windowMs` after it belongs to it; a later one starts the next question.
 * Contacts are counted once each, in the order they were first registered.
 */
export function questions(
  regs: readonly StoredRegistrationFact[],
  windowMs: number,
): { start: number; contactIds: string[] }[] {
  const byKey = new Map<string, StoredRegistrationFact[]>();
  for (const r of regs) {
    if (r.partijUuid === null) continue;
    const key = `${r.partijUuid}|${r.onderwerpHash}`;
    const list = byKey.get(key) ?? [];
    list.push(r);
    byKey.set(key, list);
  }
  const out: { start: number; contactIds: string[] }[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.at - b.at);
    let current: { start: number; contactIds: string[] } | undefined;
    for (const r of list) {
      if (!current || r.at > current.start + windowMs) {
        current = { start: r.at, contactIds: [] };
        out.push(current);
      }
      if (!current.contactIds.includes(r.contactId)) current.contactIds.push(r.contactId);
    }
  }
  return out;
}
