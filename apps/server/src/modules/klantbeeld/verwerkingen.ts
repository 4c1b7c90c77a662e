import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const verwerkingenMigrations: Migration[] = [
  {
    id: 'audit/001_verwerkingen',
    sql: `
      -- Verwerkingenlog: every processing of personal data, with the contact as purpose (doelbinding). Append-only.
      CREATE TABLE verwerkingen (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        handeling TEXT NOT NULL,
        partij_uuid TEXT NOT NULL,
        categorieen TEXT NOT NULL,
        doel TEXT NOT NULL,
        contact_id TEXT
      );
      CREATE INDEX verwerkingen_partij ON verwerkingen (partij_uuid, seq);
      CREATE TRIGGER verwerkingen_no_update BEFORE UPDATE ON verwerkingen
        BEGIN SELECT RAISE(ABORT, 'verwerkingen is append-only'); END;
      CREATE TRIGGER verwerkingen_no_delete BEFORE DELETE ON verwerkingen
        BEGIN SELECT RAISE(ABORT, 'verwerkingen is append-only'); END;
    `,
  },
];

export interface Verwerking {
  at: number;
  userId: string;
  /** inzien | koppelen | aanmaken | zoeken */
  handeling: string;
  partijUuid: string;
  categorieen: string[];
  /** Why: `contact:<id>` for work on a contact. */
  doel: string;
  contactId?: string;
}

/** Port for the verwerkingenlog. */
export interface VerwerkingenLog {
  log(v: Verwerking): void;
  forPartij(partijUuid: string): Verwerking[];
}

export function createSqliteVerwerkingenLog(db: Db): VerwerkingenLog {
  const insert = db.prepare(
    'INSERT INTO verwerkingen (at, user_id, handeling, partij_uuid, categorieen, doel, contact_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byPartij = db.prepare<
    [string],
    {
      at: number;
      user_id: string;
      handeling: string;
      partij_uuid: string;
      categorieen: string;
      doel: string;
      contact_id: string | null;
    }
  >('SELECT * FROM verwerkingen WHERE partij_uuid = ? ORDER BY seq');
  return {
    log(v) {
      insert.run(
        v.at,
        v.userId,
        v.handeling,
        v.partijUuid,
        JSON.stringify(v.categorieen),
        v.doel,
        v.contactId ?? null,
      );
    },
    forPartij(partijUuid) {
      return byPartij.all(partijUuid).map((r) => ({
        at: r.at,
        userId: r.user_id,
        handeling: r.handeling,
        partijUuid: r.partij_uuid,
        categorieen: JSON.parse(r.categorieen) as string[],
        doel: r.doel,
        ...(r.contact_id !== null ? { contactId: r.contact_id } : {}),
      }));
    },
  };
}
