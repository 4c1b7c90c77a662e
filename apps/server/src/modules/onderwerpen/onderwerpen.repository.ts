import { randomUUID } from 'node:crypto';
import type { Onderwerp, OnderwerpInput } from '@kcc/contracts/onderwerpen';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const onderwerpenMigrations: Migration[] = [
  {
    id: 'onderwerpen/001_init',
    sql: `
      -- The managed list of onderwerpen a registration can pick from (issue 14 §7). Never deleted: a deactivated
      -- one is no longer suggested, registrations that used it keep their text and their id.
      CREATE TABLE onderwerpen (
        id TEXT PRIMARY KEY,
        naam TEXT NOT NULL,
        -- lower-cased, single-spaced naam: one onderwerp per name, active or not
        naam_key TEXT NOT NULL UNIQUE,
        upl_uri TEXT,
        actief INTEGER NOT NULL DEFAULT 1,
        bron TEXT NOT NULL CHECK (bron IN ('kennisbank', 'beheer')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      );
    `,
  },
];

interface Row {
  id: string;
  naam: string;
  upl_uri: string | null;
  actief: number;
  bron: 'kennisbank' | 'beheer';
  updated_at: number;
}

const toView = (r: Row): Onderwerp => ({
  id: r.id,
  naam: r.naam,
  ...(r.upl_uri !== null ? { uplUri: r.upl_uri } : {}),
  actief: r.actief === 1,
  bron: r.bron,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Case and spacing do not make another onderwerp. */
export const naamKey = (naam: string): string => naam.trim().toLowerCase().replace(/\s+/g, ' ');

export class DuplicateOnderwerp extends Error {
  constructor(readonly existing: Onderwerp) {
    super(`onderwerp ${existing.naam} exists`);
    this.name = 'DuplicateOnderwerp';
  }
}

export interface OnderwerpenRepository {
  /** Sorted by name (Dutch collation). */
  list(options: { alleenActief: boolean }): Onderwerp[];
  count(): number;
  get(id: string): Onderwerp | undefined;
  /** Throws DuplicateOnderwerp when another onderwerp has this name. */
  create(input: OnderwerpInput & { bron: Onderwerp['bron'] }, at: number, by?: string): Onderwerp;
  /** Undefined when the id does not exist; throws DuplicateOnderwerp on a rename to another's name. */
  update(
    id: string,
    patch: { naam?: string; actief?: boolean },
    at: number,
    by?: string,
  ): Onderwerp | undefined;
  /** Adds the products whose name and UPL uri are not in the list yet (active or not); returns how many. */
  importProducts(products: { naam: string; uplUri?: string }[], at: number, by?: string): number;
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** UPL names are lower case ("paspoort"); in a list of onderwerpen they start with a capital. */
const capitalised = (naam: string) => naam.charAt(0).toLocaleUpperCase('nl') + naam.slice(1);

export function createSqliteOnderwerpenRepository(db: Db): OnderwerpenRepository {
  const all = db.prepare<[], Row>('SELECT * FROM onderwerpen');
  const active = db.prepare<[], Row>('SELECT * FROM onderwerpen WHERE actief = 1');
  const byId = db.prepare<[string], Row>('SELECT * FROM onderwerpen WHERE id = ?');
  const byKey = db.prepare<[string], Row>('SELECT * FROM onderwerpen WHERE naam_key = ?');
  const uris = db.prepare<[], { upl_uri: string }>(
    'SELECT upl_uri FROM onderwerpen WHERE upl_uri IS NOT NULL',
  );
  const countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM onderwerpen');
  const insert = db.prepare(
    `INSERT INTO onderwerpen (id, naam, naam_key, upl_uri, actief, bron, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const updateStmt = db.prepare(
    'UPDATE onderwerpen SET naam = ?, naam_key = ?, actief = ?, updated_at = ?, updated_by = ? WHERE id = ?',
  );

  const checkName = (naam: string, id?: string) => {
    const other = byKey.get(naamKey(naam));
    if (other && other.id !== id) throw new DuplicateOnderwerp(toView(other));
  };
  const sorted = (rows: Row[]) => rows.map(toView).sort((a, b) => collator.compare(a.naam, b.naam));

  const repo: OnderwerpenRepository = {
    list: ({ alleenActief }) => sorted(alleenActief ? active.all() : all.all()),
    count: () => countStmt.get()?.n ?? 0,
    get: (id) => {
      const row = byId.get(id);
      return row ? toView(row) : undefined;
    },
    create(input, at, by) {
      const naam = input.naam.trim();
      checkName(naam);
      const id = randomUUID();
      insert.run(id, naam, naamKey(naam), input.uplUri ?? null, input.bron, at, at, by ?? null);
      return toView(byId.get(id)!);
    },
    update(id, patch, at, by) {
      const row = byId.get(id);
      if (!row) return undefined;
      const naam = patch.naam?.trim() ?? row.naam;
      checkName(naam, id);
      const actief = patch.actief ?? row.actief === 1;
      updateStmt.run(naam, naamKey(naam), actief ? 1 : 0, at, by ?? null, id);
      return toView(byId.get(id)!);
    },
    importProducts: (products, at, by) =>
      db.transaction(() => {
        const knownUris = new Set(uris.all().map((r) => r.upl_uri));
        let added = 0;
        for (const p of products) {
          const naam = capitalised(p.naam.trim().replace(/\s+/g, ' ')).slice(0, 200);
          if (naam === '' || (p.uplUri !== undefined && knownUris.has(p.uplUri)) || byKey.get(naamKey(naam)))
            continue;
          insert.run(randomUUID(), naam, naamKey(naam), p.uplUri ?? null, 'kennisbank', at, at, by ?? null);
          if (p.uplUri !== undefined) knownUris.add(p.uplUri);
          added++;
        }
        return added;
      })(),
  };
  return repo;
}
