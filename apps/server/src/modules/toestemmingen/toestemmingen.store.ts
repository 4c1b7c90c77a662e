import { randomUUID } from 'node:crypto';
import type { BerichtKanaal, Toestemming, ToestemmingSoort } from '@kcc/contracts/toestemmingen';
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';

export const toestemmingenMigrations: StoreMigration[] = [
  {
    id: 'toestemmingen/001_toestemmingen',
    sqlite: `
      -- One row per grant; a withdrawal fills ingetrokken_*, nothing is overwritten or deleted (history).
      CREATE TABLE toestemmingen (
        id TEXT PRIMARY KEY,
        partij_uuid TEXT NOT NULL,
        soort TEXT NOT NULL CHECK (soort IN ('proactief_contact', 'voorkeurskanaal')),
        kanaal TEXT NOT NULL CHECK (kanaal IN ('email', 'sms')),
        adres TEXT NOT NULL,
        wijze TEXT NOT NULL,
        gegeven_via TEXT NOT NULL,
        contact_id TEXT,
        gegeven_op INTEGER NOT NULL,
        vastgelegd_door TEXT NOT NULL,
        ingetrokken_op INTEGER,
        ingetrokken_door TEXT
      );
      CREATE INDEX toestemmingen_partij ON toestemmingen (partij_uuid, gegeven_op);
      -- At most one active grant per partij and soort.
      CREATE UNIQUE INDEX toestemmingen_actief ON toestemmingen (partij_uuid, soort) WHERE ingetrokken_op IS NULL;
    `,
    postgres: `
      CREATE TABLE toestemmingen (
        id TEXT PRIMARY KEY,
        partij_uuid TEXT NOT NULL,
        soort TEXT NOT NULL CHECK (soort IN ('proactief_contact', 'voorkeurskanaal')),
        kanaal TEXT NOT NULL CHECK (kanaal IN ('email', 'sms')),
        adres TEXT NOT NULL,
        wijze TEXT NOT NULL,
        gegeven_via TEXT NOT NULL,
        contact_id TEXT,
        gegeven_op BIGINT NOT NULL,
        vastgelegd_door TEXT NOT NULL,
        ingetrokken_op BIGINT,
        ingetrokken_door TEXT,
        -- Insertion order, for grants given in the same millisecond (SQLite has its rowid).
        volgnummer BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX toestemmingen_partij ON toestemmingen (partij_uuid, gegeven_op);
      CREATE UNIQUE INDEX toestemmingen_actief ON toestemmingen (partij_uuid, soort) WHERE ingetrokken_op IS NULL;
    `,
  },
];

/** The tables this module owns, as the query builder sees them. */
export interface ToestemmingenTables {
  toestemmingen: Row;
}

interface Row {
  id: string;
  partij_uuid: string;
  soort: ToestemmingSoort;
  kanaal: BerichtKanaal;
  adres: string;
  wijze: string;
  gegeven_via: string;
  contact_id: string | null;
  gegeven_op: number;
  vastgelegd_door: string;
  ingetrokken_op: number | null;
  ingetrokken_door: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function view(r: Row, naam: (userId: string) => string): Toestemming {
  return {
    id: r.id,
    partijUuid: r.partij_uuid,
    soort: r.soort,
    kanaal: r.kanaal,
    adres: r.adres,
    wijze: r.wijze,
    gegevenVia: r.gegeven_via,
    gegevenOp: iso(r.gegeven_op),
    vastgelegdDoor: naam(r.vastgelegd_door),
    ...(r.ingetrokken_op !== null ? { ingetrokkenOp: iso(r.ingetrokken_op) } : {}),
    ...(r.ingetrokken_door !== null ? { ingetrokkenDoor: naam(r.ingetrokken_door) } : {}),
  };
}

export interface NieuweToestemming {
  partijUuid: string;
  soort: ToestemmingSoort;
  kanaal: BerichtKanaal;
  adres: string;
  wijze: string;
  gegevenVia: string;
  contactId?: string;
  at: number;
  userId: string;
}

/** The durable record of toestemmingen: grant, withdraw, and what holds now. */
export class ToestemmingenStore {
  private readonly db: Kysely<ToestemmingenTables>;
  /** Newest first; grants in the same millisecond by insertion order (rowid on SQLite, an identity on PostgreSQL). */
  private readonly insertionOrder;
  private readonly dialect: Store['dialect'];

  constructor(
    store: Store,
    private readonly naam: (userId: string) => string = (id) => id,
  ) {
    this.db = store.kysely<ToestemmingenTables>();
    this.dialect = store.dialect;
    this.insertionOrder = store.dialect === 'sqlite' ? sql`rowid` : sql`volgnummer`;
  }

  private rows(partijUuid: string): Promise<Row[]> {
    return this.db
      .selectFrom('toestemmingen')
      .selectAll()
      .where('partij_uuid', '=', partijUuid)
      .orderBy('gegeven_op', 'desc')
      .orderBy(this.insertionOrder, 'desc')
      .execute();
  }

  /** Every grant of this partij, newest first (withdrawn ones included). */
  async geschiedenis(partijUuid: string): Promise<Toestemming[]> {
    return (await this.rows(partijUuid)).map((r) => view(r, this.naam));
  }

  async actueel(partijUuid: string): Promise<Toestemming[]> {
    return (await this.rows(partijUuid))
      .filter((r) => r.ingetrokken_op === null)
      .map((r) => view(r, this.naam));
  }

  /** The active grant of one soort, if any. */
  async geldig(partijUuid: string, soort: ToestemmingSoort): Promise<Toestemming | undefined> {
    const row = await this.db
      .selectFrom('toestemmingen')
      .selectAll()
      .where('partij_uuid', '=', partijUuid)
      .where('soort', '=', soort)
      .where('ingetrokken_op', 'is', null)
      .executeTakeFirst();
    return row ? view(row, this.naam) : undefined;
  }

  /**
   * A new grant replaces the active one of the same soort (that one is withdrawn at the same moment). Grants given
   * at once are applied one after the other; the partial unique index guards one active grant per soort.
   */
  async vastleggen(input: NieuweToestemming): Promise<Toestemming> {
    const row: Row = {
      id: randomUUID(),
      partij_uuid: input.partijUuid,
      soort: input.soort,
      kanaal: input.kanaal,
      adres: input.adres,
      wijze: input.wijze,
      gegeven_via: input.gegevenVia,
      contact_id: input.contactId ?? null,
      gegeven_op: input.at,
      vastgelegd_door: input.userId,
      ingetrokken_op: null,
      ingetrokken_door: null,
    };
    await this.db.transaction().execute(async (trx) => {
      // PostgreSQL: grants for one partij and soort queue here, so the later one sees (and withdraws) the earlier.
      // SQLite's unit of work holds the one writer already.
      if (this.dialect === 'postgres') {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`toestemming:${input.partijUuid}:${input.soort}`}))`.execute(
          trx,
        );
      }
      await trx
        .updateTable('toestemmingen')
        .set({ ingetrokken_op: input.at, ingetrokken_door: input.userId })
        .where('partij_uuid', '=', input.partijUuid)
        .where('soort', '=', input.soort)
        .where('ingetrokken_op', 'is', null)
        .execute();
      await trx.insertInto('toestemmingen').values(row).execute();
    });
    return view(row, this.naam);
  }

  async get(id: string): Promise<Toestemming | undefined> {
    const r = await this.db.selectFrom('toestemmingen').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? view(r, this.naam) : undefined;
  }

  /** Withdraw an active grant; false when it is unknown, of another partij, or already withdrawn. */
  async intrekken(partijUuid: string, id: string, at: number, userId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('toestemmingen')
      .set({ ingetrokken_op: at, ingetrokken_door: userId })
      .where('id', '=', id)
      .where('partij_uuid', '=', partijUuid)
      .where('ingetrokken_op', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
