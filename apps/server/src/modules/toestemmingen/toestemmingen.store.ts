import { randomUUID } from 'node:crypto';
import type { BerichtKanaal, Toestemming, ToestemmingSoort } from '@kcc/contracts/toestemmingen';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const toestemmingenMigrations: Migration[] = [
  {
    id: 'toestemmingen/001_toestemmingen',
    sql: `
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
  },
];

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
  constructor(
    private readonly db: Db,
    private readonly naam: (userId: string) => string = (id) => id,
  ) {}

  private rows(partijUuid: string): Row[] {
    return this.db
      .prepare<[string], Row>(
        'SELECT * FROM toestemmingen WHERE partij_uuid = ? ORDER BY gegeven_op DESC, rowid DESC',
      )
      .all(partijUuid);
  }

  /** Every grant of this partij, newest first (withdrawn ones included). */
  geschiedenis(partijUuid: string): Toestemming[] {
    return this.rows(partijUuid).map((r) => view(r, this.naam));
  }

  actueel(partijUuid: string): Toestemming[] {
    return this.rows(partijUuid)
      .filter((r) => r.ingetrokken_op === null)
      .map((r) => view(r, this.naam));
  }

  /** The active grant of one soort, if any. */
  geldig(partijUuid: string, soort: ToestemmingSoort): Toestemming | undefined {
    return this.actueel(partijUuid).find((t) => t.soort === soort);
  }

  /** A new grant replaces the active one of the same soort (that one is withdrawn at the same moment). */
  vastleggen(input: NieuweToestemming): Toestemming {
    const id = randomUUID();
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE toestemmingen SET ingetrokken_op = ?, ingetrokken_door = ?
             WHERE partij_uuid = ? AND soort = ? AND ingetrokken_op IS NULL`,
        )
        .run(input.at, input.userId, input.partijUuid, input.soort);
      this.db
        .prepare(
          `INSERT INTO toestemmingen (id, partij_uuid, soort, kanaal, adres, wijze, gegeven_via, contact_id,
             gegeven_op, vastgelegd_door) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.partijUuid,
          input.soort,
          input.kanaal,
          input.adres,
          input.wijze,
          input.gegevenVia,
          input.contactId ?? null,
          input.at,
          input.userId,
        );
    })();
    return this.get(id)!;
  }

  get(id: string): Toestemming | undefined {
    const r = this.db.prepare<[string], Row>('SELECT * FROM toestemmingen WHERE id = ?').get(id);
    return r ? view(r, this.naam) : undefined;
  }

  /** Withdraw an active grant; false when it is unknown, of another partij, or already withdrawn. */
  intrekken(partijUuid: string, id: string, at: number, userId: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE toestemmingen SET ingetrokken_op = ?, ingetrokken_door = ?
             WHERE id = ? AND partij_uuid = ? AND ingetrokken_op IS NULL`,
        )
        .run(at, userId, id, partijUuid).changes === 1
    );
  }
}
