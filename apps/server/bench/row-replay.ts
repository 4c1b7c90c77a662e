import Database from 'better-sqlite3';
import type { Db } from '../src/store/db';

type Row = Record<string, unknown> & { __rowid: number };

export interface TableChanges {
  table: string;
  columns: string[];
  /** The table has an INTEGER PRIMARY KEY, so its rowid is one of `columns`. */
  rowidAlias: boolean;
  inserted: Row[];
  updated: Row[];
}

const SKIP = new Set(['schema_migrations']);

function tables(db: Db): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((n) => !SKIP.has(n));
}

interface ColumnInfo {
  name: string;
  type: string;
  pk: number;
}

function columns(db: Db, table: string): { names: string[]; rowidAlias: boolean } {
  const info = db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as ColumnInfo[];
  const pk = info.filter((c) => c.pk > 0);
  // A single INTEGER PRIMARY KEY column is the rowid itself.
  const rowidAlias = pk.length === 1 && pk[0]?.type.toUpperCase() === 'INTEGER';
  return { names: info.map((c) => c.name), rowidAlias };
}

/** Tables ordered so that a table comes after the tables its foreign keys point to. */
function parentFirst(db: Db, names: string[]): string[] {
  const parents = new Map(
    names.map((t) => [
      t,
      (db.prepare(`PRAGMA foreign_key_list(${JSON.stringify(t)})`).all() as { table: string }[])
        .map((f) => f.table)
        .filter((p) => p !== t),
    ]),
  );
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of parents.get(t) ?? []) if (parents.has(p)) visit(p);
    out.push(t);
  };
  names.forEach(visit);
  return out;
}

function rowsByRowid(db: Db, table: string): Map<number, Row> {
  const rows = db.prepare(`SELECT rowid AS __rowid, * FROM ${JSON.stringify(table)}`).all() as Row[];
  return new Map(rows.map((r) => [r.__rowid, r]));
}

/**
 * Every row a run inserted or changed, per table (parents first), found by comparing the live database with a
 * copy taken before the run. This is what the raw baseline writes again, so it writes exactly the same rows.
 */
export function diffAgainst(live: Db, beforeFile: string): TableChanges[] {
  const before = new Database(beforeFile, { readonly: true });
  try {
    return parentFirst(live, tables(live)).map((table) => {
      const old = rowsByRowid(before, table);
      const inserted: Row[] = [];
      const updated: Row[] = [];
      for (const [rowid, row] of rowsByRowid(live, table)) {
        const prev = old.get(rowid);
        if (!prev) inserted.push(row);
        else if (JSON.stringify(prev) !== JSON.stringify(row)) updated.push(row);
      }
      inserted.sort((a, b) => a.__rowid - b.__rowid);
      const { names, rowidAlias } = columns(live, table);
      return { table, columns: names, rowidAlias, inserted, updated };
    });
  } finally {
    before.close();
  }
}

/** The i-th of n near-equal slices of `rows` (every row lands in exactly one slice). */
function slice<T>(rows: T[], i: number, n: number): T[] {
  return rows.slice(Math.floor((i * rows.length) / n), Math.floor(((i + 1) * rows.length) / n));
}

/**
 * Write `changes` again into `db` (a copy of the before-state) as `n` transactions, each with its share of the
 * inserted and updated rows, through prepared statements. Returns the elapsed milliseconds.
 */
export function replay(db: Db, changes: TableChanges[], n: number): number {
  const plan = changes
    .filter((c) => c.inserted.length > 0 || c.updated.length > 0)
    .map((c) => {
      const cols = c.columns.map((col) => JSON.stringify(col));
      const table = JSON.stringify(c.table);
      // Rows keep their rowid, so the later updates of the same run find them.
      const insertCols = c.rowidAlias ? cols : ['rowid', ...cols];
      return {
        ...c,
        insert: db.prepare(
          `INSERT INTO ${table} (${insertCols.join(', ')}) VALUES (${insertCols.map(() => '?').join(', ')})`,
        ),
        update: db.prepare(
          `UPDATE ${table} SET ${cols.map((col) => `${col} = ?`).join(', ')} WHERE rowid = ?`,
        ),
      };
    });
  const write = db.transaction((i: number) => {
    for (const p of plan) {
      for (const row of slice(p.inserted, i, n)) {
        const values = p.columns.map((c) => row[c]);
        if (p.rowidAlias) p.insert.run(...values);
        else p.insert.run(row.__rowid, ...values);
      }
      for (const row of slice(p.updated, i, n)) p.update.run(...p.columns.map((c) => row[c]), row.__rowid);
    }
  });
  const started = performance.now();
  for (let i = 0; i < n; i++) write(i);
  return performance.now() - started;
}

/** "ki_klantcontacten 1, contact_events 4, …" per registration, for the table note. */
export function describeRows(
  changes: TableChanges[],
  n: number,
): { inserted: number; updated: number; text: string } {
  let inserted = 0;
  let updated = 0;
  const parts: string[] = [];
  for (const c of changes) {
    inserted += c.inserted.length;
    updated += c.updated.length;
    const per = (c.inserted.length + c.updated.length) / n;
    if (per > 0) parts.push(`${c.table} ${Number(per.toFixed(2))}`);
  }
  return { inserted: inserted / n, updated: updated / n, text: parts.join(', ') };
}
