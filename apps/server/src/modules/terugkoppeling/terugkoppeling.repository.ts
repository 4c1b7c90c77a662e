import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { BerichtKanaal, TerugkoppelingView } from '@kcc/contracts/toestemmingen';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import type { Aanleiding } from './berichten';

export const terugkoppelingMigrations: StoreMigration[] = [
  {
    id: 'terugkoppeling/001_terugkoppelingen',
    sqlite: `
      -- One row per event that may tell the resident something; sleutel makes an event count once.
      CREATE TABLE terugkoppelingen (
        id TEXT PRIMARY KEY,
        sleutel TEXT NOT NULL UNIQUE,
        aanleiding TEXT NOT NULL,
        partij_uuid TEXT,
        contact_id TEXT,
        gegevens TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('wachtend', 'verzenden', 'verstuurd', 'mislukt', 'niet_verstuurd')),
        kanaal TEXT,
        reden TEXT,
        pogingen INTEGER NOT NULL DEFAULT 0,
        volgende_poging INTEGER NOT NULL,
        extern_id TEXT,
        aangemaakt_op INTEGER NOT NULL,
        verstuurd_op INTEGER
      );
      CREATE INDEX terugkoppelingen_wachtend ON terugkoppelingen (status, volgende_poging);
      CREATE INDEX terugkoppelingen_partij ON terugkoppelingen (partij_uuid, aangemaakt_op);
    `,
    postgres: `
      CREATE TABLE terugkoppelingen (
        id TEXT PRIMARY KEY,
        sleutel TEXT NOT NULL UNIQUE,
        aanleiding TEXT NOT NULL,
        partij_uuid TEXT,
        contact_id TEXT,
        gegevens TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('wachtend', 'verzenden', 'verstuurd', 'mislukt', 'niet_verstuurd')),
        kanaal TEXT,
        reden TEXT,
        pogingen INTEGER NOT NULL DEFAULT 0,
        volgende_poging BIGINT NOT NULL,
        extern_id TEXT,
        aangemaakt_op BIGINT NOT NULL,
        verstuurd_op BIGINT,
        -- SQLite's rowid: the order of insertion, for rows recorded in the same millisecond.
        volgnummer BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX terugkoppelingen_wachtend ON terugkoppelingen (status, volgende_poging);
      CREATE INDEX terugkoppelingen_partij ON terugkoppelingen (partij_uuid, aangemaakt_op);
    `,
  },
  {
    id: 'terugkoppeling/002_claim',
    sqlite: `
      -- The worker that sends a message claims it for a lease (several instances on one database).
      ALTER TABLE terugkoppelingen ADD COLUMN geclaimd_door TEXT;
      ALTER TABLE terugkoppelingen ADD COLUMN geclaimd_tot INTEGER;
    `,
    postgres: `
      ALTER TABLE terugkoppelingen ADD COLUMN geclaimd_door TEXT;
      ALTER TABLE terugkoppelingen ADD COLUMN geclaimd_tot BIGINT;
    `,
  },
];

export type Status = 'wachtend' | 'verzenden' | 'verstuurd' | 'mislukt' | 'niet_verstuurd';

export interface TerugkoppelingRow {
  id: string;
  sleutel: string;
  aanleiding: Aanleiding['soort'];
  partij_uuid: string | null;
  contact_id: string | null;
  gegevens: string;
  status: Status;
  kanaal: BerichtKanaal | null;
  reden: string | null;
  pogingen: number;
  /** Epoch milliseconds, as the other times. */
  volgende_poging: number;
  extern_id: string | null;
  aangemaakt_op: number;
  verstuurd_op: number | null;
  geclaimd_door: string | null;
  geclaimd_tot: number | null;
}

/** The tables this module owns on the async store. */
export interface TerugkoppelingTables {
  terugkoppelingen: TerugkoppelingRow;
}

/** One event that may tell the resident something. `sleutel` names the event: the same event counts once. */
export interface Gebeurtenis {
  sleutel: string;
  aanleiding: Aanleiding;
  partijUuid?: string | undefined;
  contactId?: string | undefined;
}

/** A row this worker claimed; `claim` fences every write about it. */
export type ClaimedTerugkoppeling = TerugkoppelingRow & { claim: string };

export type TerugkoppelingFields = Partial<
  Pick<
    TerugkoppelingRow,
    'status' | 'kanaal' | 'reden' | 'pogingen' | 'volgende_poging' | 'extern_id' | 'verstuurd_op' | 'gegevens'
  >
>;

export const ONDERBROKEN =
  'De server stopte tijdens het versturen. Niet opnieuw verstuurd, om dubbele berichten te voorkomen.';

export interface TerugkoppelingRepository {
  /** False when this event was already recorded. */
  record(g: Gebeurtenis): Promise<boolean>;
  vanPartij(partijUuid: string): Promise<TerugkoppelingView[]>;
  /**
   * Claim up to `limit` due messages no live claim holds, for `leaseMs`, in one short unit of work (PostgreSQL:
   * `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows).
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedTerugkoppeling[]>;
  /** Write fields of a claimed row; false when the claim was lost. `release` ends the claim. */
  update(c: ClaimedTerugkoppeling, fields: TerugkoppelingFields, release: boolean): Promise<boolean>;
  /**
   * The last step before the network call: `verzenden` with a lease for the send. Once the lease ran out, the
   * message may or may not have gone out; `giveUpInterrupted` marks it failed, never to be sent again.
   */
  markSending(c: ClaimedTerugkoppeling, fields: TerugkoppelingFields, leaseMs: number): Promise<boolean>;
  /** Messages whose sender stopped during the send (its lease ran out): failed, not sent again. */
  giveUpInterrupted(): Promise<number>;
  /** When the worker should look next: the earliest due message or claim expiry. */
  nextWake(): Promise<number | undefined>;
  /** Retention: the messages about these contacts. */
  deleteForContacts(contactIds: readonly string[]): Promise<number>;
}

export function createTerugkoppelingRepository(store: Store, now: () => number): TerugkoppelingRepository {
  const db: Kysely<TerugkoppelingTables> = store.kysely<TerugkoppelingTables>();
  const fenced = (c: ClaimedTerugkoppeling) =>
    db.updateTable('terugkoppelingen').where('id', '=', c.id).where('geclaimd_door', '=', c.claim);

  return {
    async record(g) {
      const t = now();
      const result = await db
        .insertInto('terugkoppelingen')
        .values({
          id: randomUUID(),
          sleutel: g.sleutel,
          aanleiding: g.aanleiding.soort,
          partij_uuid: g.partijUuid ?? null,
          contact_id: g.contactId ?? null,
          gegevens: JSON.stringify(g.aanleiding),
          status: 'wachtend',
          kanaal: null,
          reden: null,
          pogingen: 0,
          volgende_poging: t,
          extern_id: null,
          aangemaakt_op: t,
          verstuurd_op: null,
          geclaimd_door: null,
          geclaimd_tot: null,
        })
        .onConflict((oc) => oc.column('sleutel').doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },

    async vanPartij(partijUuid) {
      const rows = await db
        .selectFrom('terugkoppelingen')
        .selectAll()
        .where('partij_uuid', '=', partijUuid)
        .orderBy('aangemaakt_op', 'desc')
        .orderBy(store.dialect === 'sqlite' ? sql`rowid` : sql`volgnummer`, 'desc')
        .limit(50)
        .execute();
      return rows.map(view);
    },

    async claimDue(limit, leaseMs) {
      const claim = randomUUID();
      const t = now();
      return db.transaction().execute(async (trx) => {
        const due = trx
          .selectFrom('terugkoppelingen')
          .selectAll()
          .where('status', '=', 'wachtend')
          .where('volgende_poging', '<=', t)
          .where((eb) => eb.or([eb('geclaimd_tot', 'is', null), eb('geclaimd_tot', '<=', t)]))
          .orderBy('volgende_poging')
          .limit(limit);
        // SQLite has one writer (BEGIN IMMEDIATE); PostgreSQL skips rows another claim has locked.
        const rows = await (store.dialect === 'postgres' ? due.forUpdate().skipLocked() : due).execute();
        if (rows.length === 0) return [];
        const geclaimd_tot = t + leaseMs;
        await trx
          .updateTable('terugkoppelingen')
          .set({ geclaimd_door: claim, geclaimd_tot })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
        return rows.map((r) => ({ ...r, geclaimd_door: claim, geclaimd_tot, claim }));
      });
    },

    async update(c, fields, release) {
      const result = await fenced(c)
        .set({ ...fields, ...(release ? { geclaimd_tot: null } : {}) })
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async markSending(c, fields, leaseMs) {
      const result = await fenced(c)
        .set({ ...fields, status: 'verzenden', geclaimd_tot: now() + leaseMs })
        .where('status', '=', 'wachtend')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async giveUpInterrupted() {
      // Rows from before claims (no lease) were left by a stopped server as well.
      const result = await db
        .updateTable('terugkoppelingen')
        .set({ status: 'mislukt', reden: ONDERBROKEN })
        .where('status', '=', 'verzenden')
        .where((eb) => eb.or([eb('geclaimd_tot', 'is', null), eb('geclaimd_tot', '<=', now())]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async nextWake() {
      const row = await db
        .selectFrom('terugkoppelingen')
        .select((eb) => [
          eb.fn
            .min(
              eb
                .case()
                .when('status', '=', 'verzenden')
                .then(eb.ref('geclaimd_tot'))
                .when('geclaimd_tot', 'is not', null)
                .then(eb.ref('geclaimd_tot'))
                .else(eb.ref('volgende_poging'))
                .end(),
            )
            .as('at'),
        ])
        .where('status', 'in', ['wachtend', 'verzenden'])
        .executeTakeFirst();
      const at = row?.at;
      return at === null || at === undefined ? undefined : Number(at);
    },

    async deleteForContacts(contactIds) {
      if (contactIds.length === 0) return 0;
      const result = await db
        .deleteFrom('terugkoppelingen')
        .where('contact_id', 'in', [...contactIds])
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function view(r: TerugkoppelingRow): TerugkoppelingView {
  return {
    id: r.id,
    aanleiding: r.aanleiding,
    status: r.status === 'verzenden' ? 'wachtend' : r.status,
    ...(r.kanaal !== null ? { kanaal: r.kanaal } : {}),
    ...(r.reden !== null ? { reden: r.reden } : {}),
    aangemaaktOp: new Date(r.aangemaakt_op).toISOString(),
    ...(r.verstuurd_op !== null ? { verstuurdOp: new Date(r.verstuurd_op).toISOString() } : {}),
  };
}
