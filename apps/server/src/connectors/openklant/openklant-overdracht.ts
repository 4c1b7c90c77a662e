import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';
import type { OutboxRegistratie } from './openklant-outbox.types';

/**
 * The hand-over from the registration to the outbox. The registration still runs synchronously on the server's
 * SQLite connection (`KCC_DATA_DIR`), while the outbox lives on the async store (PostgreSQL with
 * KCC_DATABASE_URL): a registration is written here in its own transaction, so none is lost, and the outbox moves
 * it over after the commit (an insert that ignores an id it has, then a delete here). When the registration moves
 * onto the async store, the outbox row joins its unit of work and this table goes.
 */
export const openKlantOverdrachtMigrations: Migration[] = [
  {
    id: 'connectors/004_openklant_overdracht',
    sql: `
      CREATE TABLE openklant_overdracht (
        id TEXT PRIMARY KEY,
        referentienummer TEXT NOT NULL UNIQUE,
        lokaal_klantcontact_uuid TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX openklant_overdracht_lokaal ON openklant_overdracht (lokaal_klantcontact_uuid);
    `,
  },
];

export interface Overdracht {
  id: string;
  referentienummer: string;
  registratie: OutboxRegistratie;
}

/** 10 characters (Klantcontact.referentienummer has maxLength 10), unique per registration. */
function newReferentienummer(): string {
  return `KCC${randomBytes(5).toString('hex').slice(0, 7).toUpperCase()}`;
}

export interface OpenKlantOverdracht {
  /** Inside the registration's transaction. */
  add(registratie: OutboxRegistratie, at: number): Overdracht;
  /** Inside the registration's transaction: false when no registration of this klantcontact is waiting here. */
  attachBijlage(lokaalKlantcontactUuid: string, bijlage: { objectId: string }): boolean;
  /** What is waiting to move to the outbox, oldest first. */
  waiting(limit: number): Overdracht[];
  /** Remove a registration that moved to the outbox; returns it as it was removed (a bijlage may have come since). */
  remove(id: string): Overdracht | undefined;
}

export function createOpenKlantOverdracht(db: Db): OpenKlantOverdracht {
  const insert = db.prepare(
    `INSERT INTO openklant_overdracht (id, referentienummer, lokaal_klantcontact_uuid, payload, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const byLokaal = db.prepare<[string], { id: string; payload: string }>(
    'SELECT id, payload FROM openklant_overdracht WHERE lokaal_klantcontact_uuid = ?',
  );
  const setPayload = db.prepare('UPDATE openklant_overdracht SET payload = ? WHERE id = ?');
  const waiting = db.prepare<[number], { id: string; referentienummer: string; payload: string }>(
    'SELECT id, referentienummer, payload FROM openklant_overdracht ORDER BY created_at, id LIMIT ?',
  );
  const remove = db.prepare('DELETE FROM openklant_overdracht WHERE id = ?');
  const byId = db.prepare<[string], { id: string; referentienummer: string; payload: string }>(
    'SELECT id, referentienummer, payload FROM openklant_overdracht WHERE id = ?',
  );
  return {
    add(registratie, at) {
      const row = { id: randomUUID(), referentienummer: newReferentienummer(), registratie };
      insert.run(
        row.id,
        row.referentienummer,
        registratie.lokaal.klantcontactUuid,
        JSON.stringify(registratie),
        at,
      );
      return row;
    },
    attachBijlage(lokaalKlantcontactUuid, bijlage) {
      const rows = byLokaal.all(lokaalKlantcontactUuid);
      for (const r of rows) {
        const reg = JSON.parse(r.payload) as OutboxRegistratie;
        setPayload.run(JSON.stringify({ ...reg, bijlage }), r.id);
      }
      return rows.length > 0;
    },
    waiting: (limit) =>
      waiting.all(limit).map((r) => ({
        id: r.id,
        referentienummer: r.referentienummer,
        registratie: JSON.parse(r.payload) as OutboxRegistratie,
      })),
    remove(id) {
      return db.transaction(() => {
        const row = byId.get(id);
        remove.run(id);
        return row
          ? {
              id: row.id,
              referentienummer: row.referentienummer,
              registratie: JSON.parse(row.payload) as OutboxRegistratie,
            }
          : undefined;
      })();
    },
  };
}
