import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import type {
  OutboxOverzicht,
  OutboxRegistratie,
  OutboxRow,
  OutboxState,
  OutboxSteps,
  PendingRegistratie,
} from './openklant-outbox.types';

export const openKlantOutboxMigrations: StoreMigration[] = [
  {
    id: 'connectors/001_openklant_outbox',
    sqlite: `
      -- Registrations waiting to be forwarded to Open Klant. Written in the same transaction as the local
      -- registration, so none is lost; \`steps\` keeps the remote uuid of every finished step, so a retry resumes.
      CREATE TABLE openklant_outbox (
        id TEXT PRIMARY KEY,
        referentienummer TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        steps TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL CHECK (state IN ('wachtend', 'verstuurd', 'gecompenseerd', 'mislukt')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX openklant_outbox_due ON openklant_outbox (state, next_attempt_at);
    `,
    postgres: `
      CREATE TABLE openklant_outbox (
        id TEXT PRIMARY KEY,
        referentienummer TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        steps TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL CHECK (state IN ('wachtend', 'verstuurd', 'gecompenseerd', 'mislukt')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX openklant_outbox_due ON openklant_outbox (state, next_attempt_at);
    `,
  },
  {
    id: 'connectors/002_openklant_outbox_partij',
    sqlite: `
      -- The Open Klant partij of a registration: the klantbeeld shows registrations not yet in Open Klant.
      ALTER TABLE openklant_outbox ADD COLUMN partij_uuid TEXT;
      CREATE INDEX openklant_outbox_partij ON openklant_outbox (partij_uuid, state);
    `,
    postgres: `
      ALTER TABLE openklant_outbox ADD COLUMN partij_uuid TEXT;
      CREATE INDEX openklant_outbox_partij ON openklant_outbox (partij_uuid, state);
    `,
  },
  {
    id: 'connectors/003_openklant_outbox_claim',
    sqlite: `
      -- A worker claims a row for a lease (several instances on one database); the local klantcontact gets a column
      -- so the transcript bijlage is attached without reading into the payload.
      ALTER TABLE openklant_outbox ADD COLUMN claimed_by TEXT;
      ALTER TABLE openklant_outbox ADD COLUMN claimed_until INTEGER;
      ALTER TABLE openklant_outbox ADD COLUMN lokaal_klantcontact_uuid TEXT;
      UPDATE openklant_outbox SET lokaal_klantcontact_uuid = json_extract(payload, '$.lokaal.klantcontactUuid');
      CREATE INDEX openklant_outbox_lokaal ON openklant_outbox (lokaal_klantcontact_uuid);
    `,
    postgres: `
      ALTER TABLE openklant_outbox ADD COLUMN claimed_by TEXT;
      ALTER TABLE openklant_outbox ADD COLUMN claimed_until BIGINT;
      ALTER TABLE openklant_outbox ADD COLUMN lokaal_klantcontact_uuid TEXT;
      UPDATE openklant_outbox SET lokaal_klantcontact_uuid = payload::jsonb #>> '{lokaal,klantcontactUuid}';
      CREATE INDEX openklant_outbox_lokaal ON openklant_outbox (lokaal_klantcontact_uuid);
    `,
  },
];

/** The tables this module owns on the async store. */
export interface OpenKlantOutboxTables {
  openklant_outbox: Row;
}

interface Row {
  id: string;
  referentienummer: string;
  payload: string;
  steps: string;
  state: OutboxState;
  attempts: number;
  /** Epoch milliseconds. */
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  partij_uuid: string | null;
  lokaal_klantcontact_uuid: string | null;
  /** The claim token of the worker delivering the row; with `claimed_until` its lease. */
  claimed_by: string | null;
  claimed_until: number | null;
}

/** A row a worker claimed: it alone delivers it until `claim` expires. */
export interface ClaimedRegistratie {
  id: string;
  referentienummer: string;
  registratie: OutboxRegistratie;
  steps: OutboxSteps;
  attempts: number;
  /** The claim token: every write about this delivery is refused once another worker holds the row. */
  claim: string;
}

/** How a delivery ended: sent, to be retried at `nextAttemptAt`, or given up. */
export type DeliveryOutcome =
  | { state: 'verstuurd'; attempts: number }
  | { state: 'wachtend'; attempts: number; nextAttemptAt: number; lastError: string }
  | { state: 'gecompenseerd' | 'mislukt'; attempts: number; lastError: string };

export interface OpenKlantOutboxRepository {
  /** Add a registration; an id that is already there is left as it is (a repeated hand-over). */
  enqueue(row: { id: string; referentienummer: string; registratie: OutboxRegistratie }): Promise<void>;
  get(id: string): Promise<OutboxRow | undefined>;
  pendingFor(partijUuid: string): Promise<PendingRegistratie[]>;
  /** Add the transcript bijlage to the registrations of this local klantcontact; false when there is none. */
  attachBijlage(lokaalKlantcontactUuid: string, bijlage: { objectId: string }): Promise<boolean>;
  overzicht(limit: number): Promise<OutboxOverzicht>;
  /** Due again now; a compensated one starts over. Undefined for an unknown id; a sent one is returned as it is. */
  opnieuw(id: string): Promise<OutboxRow | undefined>;
  /**
   * Claim up to `limit` due rows that no live claim holds, for `leaseMs`, in one short unit of work
   * (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows).
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedRegistratie[]>;
  /** Store the finished steps and renew the lease; false when the claim was lost (do not go on). */
  saveSteps(claimed: ClaimedRegistratie, steps: OutboxSteps, leaseMs: number): Promise<boolean>;
  /** Write the outcome and release the claim; false when the claim was lost. */
  finish(claimed: ClaimedRegistratie, outcome: DeliveryOutcome): Promise<boolean>;
}

const toOutboxRow = (r: Row): OutboxRow => ({
  id: r.id,
  referentienummer: r.referentienummer,
  state: r.state,
  attempts: r.attempts,
  steps: JSON.parse(r.steps) as OutboxSteps,
  ...(r.last_error ? { lastError: r.last_error } : {}),
});

/** The Open Klant outbox on the async store (SQLite or PostgreSQL); see docs/decisions.md for the claims. */
export function createOpenKlantOutboxRepository(
  store: Store,
  now: () => number = Date.now,
): OpenKlantOutboxRepository {
  const db: Kysely<OpenKlantOutboxTables> = store.kysely<OpenKlantOutboxTables>();
  const get = async (id: string) => {
    const r = await db.selectFrom('openklant_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toOutboxRow(r) : undefined;
  };

  return {
    async enqueue({ id, referentienummer, registratie }) {
      const t = now();
      await db
        .insertInto('openklant_outbox')
        .values({
          id,
          referentienummer,
          payload: JSON.stringify(registratie),
          steps: '{}',
          state: 'wachtend',
          attempts: 0,
          next_attempt_at: t,
          last_error: null,
          created_at: t,
          updated_at: t,
          partij_uuid: registratie.partijUuid ?? null,
          lokaal_klantcontact_uuid: registratie.lokaal.klantcontactUuid,
          claimed_by: null,
          claimed_until: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    get,

    async pendingFor(partijUuid) {
      const rows = await db
        .selectFrom('openklant_outbox')
        .select(['payload', 'state', 'steps'])
        .where('partij_uuid', '=', partijUuid)
        .where('state', '!=', 'verstuurd')
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => {
        const remote = (JSON.parse(r.steps) as OutboxSteps).klantcontact;
        return {
          registratie: JSON.parse(r.payload) as OutboxRegistratie,
          state: r.state as PendingRegistratie['state'],
          ...(remote && r.state === 'wachtend' ? { remoteKlantcontactUuid: remote } : {}),
        };
      });
    },

    async attachBijlage(lokaalKlantcontactUuid, bijlage) {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('openklant_outbox')
          .select(['id', 'payload', 'state', 'claimed_by'])
          .where('lokaal_klantcontact_uuid', '=', lokaalKlantcontactUuid)
          .execute();
        const t = now();
        for (const r of rows) {
          const reg = JSON.parse(r.payload) as OutboxRegistratie;
          await trx
            .updateTable('openklant_outbox')
            .set({
              payload: JSON.stringify({ ...reg, bijlage }),
              updated_at: t,
              // Already forwarded without it: due again, the worker adds only the bijlage.
              ...(r.state === 'verstuurd' ? { state: 'wachtend' as const, next_attempt_at: t } : {}),
              // A worker forwarding it with the old payload keeps its claim: `finish` sees the new payload and makes
              // it due again, so the next run adds only the bijlage (no step is done twice).
            })
            .where('id', '=', r.id)
            .execute();
        }
        return rows.length > 0;
      });
    },

    async overzicht(limit) {
      const aantallen: Record<OutboxState, number> = {
        wachtend: 0,
        verstuurd: 0,
        gecompenseerd: 0,
        mislukt: 0,
      };
      const counts = await db
        .selectFrom('openklant_outbox')
        .select((eb) => ['state', eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oudste')])
        .groupBy('state')
        .execute();
      for (const c of counts) aantallen[c.state] = Number(c.n);
      const oudste = counts.find((c) => c.state === 'wachtend')?.oudste;
      const rows = await db
        .selectFrom('openklant_outbox')
        .selectAll()
        .where('state', '!=', 'verstuurd')
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return {
        aantallen,
        ...(oudste !== undefined && oudste !== null
          ? { oudsteWachtendSinds: new Date(Number(oudste)).toISOString() }
          : {}),
        items: rows.map((r) => ({
          id: r.id,
          referentienummer: r.referentienummer,
          state: r.state as Exclude<OutboxState, 'verstuurd'>,
          attempts: r.attempts,
          ...(r.last_error ? { lastError: r.last_error } : {}),
          aangemaaktOp: new Date(r.created_at).toISOString(),
          ...(r.state === 'wachtend' ? { volgendePogingOp: new Date(r.next_attempt_at).toISOString() } : {}),
        })),
      };
    },

    async opnieuw(id) {
      const t = now();
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .selectFrom('openklant_outbox')
          .select(['state'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!r || r.state === 'verstuurd') return;
        await trx
          .updateTable('openklant_outbox')
          .set({
            state: 'wachtend',
            attempts: 0,
            next_attempt_at: t,
            updated_at: t,
            // Compensated: the remote klantcontact was deleted, so it starts over.
            ...(r.state === 'gecompenseerd' ? { steps: '{}' } : {}),
          })
          .where('id', '=', id)
          .execute();
      });
      return get(id);
    },

    async claimDue(limit, leaseMs) {
      const claim = randomUUID();
      const t = now();
      return db.transaction().execute(async (trx) => {
        const due = trx
          .selectFrom('openklant_outbox')
          .select(['id', 'referentienummer', 'payload', 'steps', 'attempts'])
          .where('state', '=', 'wachtend')
          .where('next_attempt_at', '<=', t)
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', t)]))
          .orderBy('created_at')
          .limit(limit);
        // SQLite has one writer (BEGIN IMMEDIATE) and no row locks; PostgreSQL skips rows another claim has locked.
        const rows = await (store.dialect === 'postgres' ? due.forUpdate().skipLocked() : due).execute();
        if (rows.length === 0) return [];
        await trx
          .updateTable('openklant_outbox')
          .set({ claimed_by: claim, claimed_until: t + leaseMs })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
        return rows.map((r) => ({
          id: r.id,
          referentienummer: r.referentienummer,
          registratie: JSON.parse(r.payload) as OutboxRegistratie,
          steps: JSON.parse(r.steps) as OutboxSteps,
          attempts: r.attempts,
          claim,
        }));
      });
    },

    async saveSteps(claimed, steps, leaseMs) {
      const t = now();
      const result = await db
        .updateTable('openklant_outbox')
        .set({ steps: JSON.stringify(steps), updated_at: t, claimed_until: t + leaseMs })
        .where('id', '=', claimed.id)
        .where('claimed_by', '=', claimed.claim)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async finish(claimed, outcome) {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('openklant_outbox')
          .select('payload')
          .where('id', '=', claimed.id)
          .where('claimed_by', '=', claimed.claim)
          .executeTakeFirst();
        if (!row) return false;
        // A bijlage attached while this worker forwarded the registration without it: due again, for the bijlage.
        const changed = outcome.state === 'verstuurd' && row.payload !== JSON.stringify(claimed.registratie);
        await trx
          .updateTable('openklant_outbox')
          .set({
            state: changed ? 'wachtend' : outcome.state,
            attempts: outcome.attempts,
            last_error: 'lastError' in outcome ? outcome.lastError : null,
            updated_at: t,
            claimed_by: null,
            claimed_until: null,
            ...(changed ? { next_attempt_at: t } : {}),
            ...(outcome.state === 'wachtend' ? { next_attempt_at: outcome.nextAttemptAt } : {}),
          })
          .where('id', '=', claimed.id)
          .execute();
        return true;
      });
    },
  };
}
