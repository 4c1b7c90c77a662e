import { randomUUID } from 'node:crypto';
import type { Onderwerp, OnderwerpInput } from '@kcc/contracts/onderwerpen';
import type { Kysely } from 'kysely';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import { isUniqueViolation } from '../../store/unique-violation';

export const onderwerpenMigrations: StoreMigration[] = [
  {
    id: 'onderwerpen/001_init',
    sqlite: `
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
    postgres: `
      CREATE TABLE onderwerpen (
        id TEXT PRIMARY KEY,
        naam TEXT NOT NULL,
        naam_key TEXT NOT NULL UNIQUE,
        upl_uri TEXT,
        actief INTEGER NOT NULL DEFAULT 1,
        bron TEXT NOT NULL CHECK (bron IN ('kennisbank', 'beheer')),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT
      );
    `,
  },
];

/** The tables this module owns, as the query builder sees them. */
export interface OnderwerpenTables {
  onderwerpen: Row;
}

interface Row {
  id: string;
  naam: string;
  naam_key: string;
  upl_uri: string | null;
  /** 1 or 0 on both stores. */
  actief: number;
  bron: 'kennisbank' | 'beheer';
  created_at: number;
  updated_at: number;
  updated_by: string | null;
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
  list(options: { alleenActief: boolean }): Promise<Onderwerp[]>;
  count(): Promise<number>;
  get(id: string): Promise<Onderwerp | undefined>;
  /** Rejects with DuplicateOnderwerp when another onderwerp has this name. */
  create(input: OnderwerpInput & { bron: Onderwerp['bron'] }, at: number, by?: string): Promise<Onderwerp>;
  /** Undefined when the id does not exist; rejects with DuplicateOnderwerp on a rename to another's name. */
  update(
    id: string,
    patch: { naam?: string; actief?: boolean },
    at: number,
    by?: string,
  ): Promise<Onderwerp | undefined>;
  /**
   * Adds the products whose name and UPL uri are not in the list yet (active or not); returns how many. Safe when
   * instances run it together: a name another one added first is skipped by its UNIQUE key.
   */
  importProducts(products: { naam: string; uplUri?: string }[], at: number, by?: string): Promise<number>;
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** UPL names are lower case ("paspoort"); in a list of onderwerpen they start with a capital. */
const capitalised = (naam: string) => naam.charAt(0).toLocaleUpperCase('nl') + naam.slice(1);

export function createOnderwerpenRepository(store: Store): OnderwerpenRepository {
  const db: Kysely<OnderwerpenTables> = store.kysely<OnderwerpenTables>();
  const byId = (id: string) =>
    db.selectFrom('onderwerpen').selectAll().where('id', '=', id).executeTakeFirst();
  const byKey = (key: string) =>
    db.selectFrom('onderwerpen').selectAll().where('naam_key', '=', key).executeTakeFirst();
  /** A UNIQUE naam_key violation as the domain error, with the onderwerp that has the name. */
  const duplicateOf = (naam: string) => async (err: unknown) => {
    const other = isUniqueViolation(err) ? await byKey(naamKey(naam)) : undefined;
    throw other ? new DuplicateOnderwerp(toView(other)) : err;
  };
  const sorted = (rows: Row[]) => rows.map(toView).sort((a, b) => collator.compare(a.naam, b.naam));

  return {
    list: async ({ alleenActief }) => {
      const q = db.selectFrom('onderwerpen').selectAll();
      return sorted(await (alleenActief ? q.where('actief', '=', 1) : q).execute());
    },
    count: async () => {
      const row = await db
        .selectFrom('onderwerpen')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    get: async (id) => {
      const row = await byId(id);
      return row ? toView(row) : undefined;
    },
    async create(input, at, by) {
      const naam = input.naam.trim();
      const row: Row = {
        id: randomUUID(),
        naam,
        naam_key: naamKey(naam),
        upl_uri: input.uplUri ?? null,
        actief: 1,
        bron: input.bron,
        created_at: at,
        updated_at: at,
        updated_by: by ?? null,
      };
      await db.insertInto('onderwerpen').values(row).execute().catch(duplicateOf(naam));
      return toView(row);
    },
    async update(id, patch, at, by) {
      const naam = patch.naam?.trim();
      return db
        .transaction()
        .execute(async (trx) => {
          const select = trx.selectFrom('onderwerpen').selectAll().where('id', '=', id);
          const row = await (store.dialect === 'postgres' ? select.forUpdate() : select).executeTakeFirst();
          if (!row) return undefined;
          const next: Row = {
            ...row,
            ...(naam !== undefined ? { naam, naam_key: naamKey(naam) } : {}),
            ...(patch.actief !== undefined ? { actief: patch.actief ? 1 : 0 } : {}),
            updated_at: at,
            updated_by: by ?? null,
          };
          await trx
            .updateTable('onderwerpen')
            .set({
              naam: next.naam,
              naam_key: next.naam_key,
              actief: next.actief,
              updated_at: at,
              updated_by: next.updated_by,
            })
            .where('id', '=', id)
            .execute();
          return toView(next);
        })
        .catch(duplicateOf(naam ?? ''));
    },
    async importProducts(products, at, by) {
      const known = await db.selectFrom('onderwerpen').select(['naam_key', 'upl_uri']).execute();
      const knownKeys = new Set(known.map((r) => r.naam_key));
      const knownUris = new Set(known.flatMap((r) => (r.upl_uri !== null ? [r.upl_uri] : [])));
      const rows: Row[] = [];
      for (const p of products) {
        const naam = capitalised(p.naam.trim().replace(/\s+/g, ' ')).slice(0, 200);
        const key = naamKey(naam);
        if (naam === '' || (p.uplUri !== undefined && knownUris.has(p.uplUri)) || knownKeys.has(key))
          continue;
        rows.push({
          id: randomUUID(),
          naam,
          naam_key: key,
          upl_uri: p.uplUri ?? null,
          actief: 1,
          bron: 'kennisbank',
          created_at: at,
          updated_at: at,
          updated_by: by ?? null,
        });
        knownKeys.add(key);
        if (p.uplUri !== undefined) knownUris.add(p.uplUri);
      }
      let added = 0;
      // One statement per chunk (well under both stores' parameter limits); a name added meanwhile is skipped.
      for (let i = 0; i < rows.length; i += 500) {
        const result = await db
          .insertInto('onderwerpen')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.column('naam_key').doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return added;
    },
  };
}
