import type { ArticleType } from '@kcc/contracts/kennisbank';
import type { Doelgroep, KanaalSoort } from '@kcc/contracts/kanaaladvies';
import type { Db } from '../../store/db';

export interface ArticleRecord {
  id: string;
  type: ArticleType;
  title: string;
  body: string;
  url?: string;
  keywords: string[];
  published: boolean;
  validFrom?: string;
  validUntil?: string;
  belangrijk: boolean;
  product?: string;
  owner?: string;
  /** YYYY-MM-DD */
  reviewDate?: string;
  /** Source metadata of seeded content (source, license, subjects, …). */
  meta: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  updatedBy?: string;
}

export interface KanalenmatrixRecord {
  product: string;
  uplId?: string;
  primair: string;
  secundair: string;
  doelgroep: Doelgroep;
  nietVia: KanaalSoort[];
  updatedAt: number;
  updatedBy?: string;
}

export interface SynonymsRecord {
  map: Record<string, string[]>;
  updatedAt: number;
  updatedBy?: string;
}

export interface ArticleListFilter {
  type?: string;
  published?: boolean;
  titel?: string;
  limit: number;
  offset: number;
}

export interface KanaalsturingRecord {
  klantcontactUuid: string;
  contactId: string;
  agentId: string;
  product: string;
  primairKanaal: string;
  gewezen: boolean;
  /** The contact came in through the product's primary channel. */
  viaPrimair: boolean;
  at: number;
}

export interface BronRecord {
  klantcontactUuid: string;
  contactId: string;
  articleId: string;
  title: string;
  at: number;
}

export interface KanaalsturingAggregate {
  product: string;
  primairKanaal: string;
  total: number;
  gewezen: number;
  /** Contacts that came in through the product's primary channel. */
  viaPrimair: number;
}

/** Port for kennisbank content, synonyms, kanalenmatrix, read marks and kanaalsturing records. */
export interface KennisbankRepository {
  countArticles(): number;
  allArticles(): ArticleRecord[];
  getArticle(id: string): ArticleRecord | undefined;
  listArticles(filter: ArticleListFilter): { total: number; items: ArticleRecord[] };
  publishedOfType(type: string): ArticleRecord[];
  putArticle(article: ArticleRecord): void;
  deleteArticle(id: string): boolean;
  getSynonyms(): SynonymsRecord | undefined;
  putSynonyms(record: SynonymsRecord): void;
  kanalenmatrix(): KanalenmatrixRecord[];
  putKanaal(record: KanalenmatrixRecord): void;
  gelezenBy(userId: string): Set<string>;
  markGelezen(articleId: string, userId: string, at: number): void;
  recordKanaalsturing(record: KanaalsturingRecord): void;
  recordBron(record: BronRecord): void;
  bronnenFor(klantcontactUuid: string): BronRecord[];
  kanaalsturingPerProduct(from: number, to: number): KanaalsturingAggregate[];
  transaction<T>(fn: () => T): T;
}

interface ArticleRow {
  id: string;
  type: string;
  title: string;
  body: string;
  url: string | null;
  keywords: string;
  published: number;
  valid_from: string | null;
  valid_until: string | null;
  belangrijk: number;
  product: string | null;
  owner: string | null;
  review_date: string | null;
  meta: string;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
}

interface KanaalRow {
  product: string;
  upl_id: string | null;
  primair: string;
  secundair: string;
  doelgroep: string;
  niet_via: string;
  updated_at: number;
  updated_by: string | null;
}

function toArticle(row: ArticleRow): ArticleRecord {
  return {
    id: row.id,
    type: row.type as ArticleType,
    title: row.title,
    body: row.body,
    ...(row.url !== null ? { url: row.url } : {}),
    keywords: JSON.parse(row.keywords) as string[],
    published: row.published === 1,
    ...(row.valid_from !== null ? { validFrom: row.valid_from } : {}),
    ...(row.valid_until !== null ? { validUntil: row.valid_until } : {}),
    belangrijk: row.belangrijk === 1,
    ...(row.product !== null ? { product: row.product } : {}),
    ...(row.owner !== null ? { owner: row.owner } : {}),
    ...(row.review_date !== null ? { reviewDate: row.review_date } : {}),
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.updated_by !== null ? { updatedBy: row.updated_by } : {}),
  };
}

function toKanaal(row: KanaalRow): KanalenmatrixRecord {
  return {
    product: row.product,
    ...(row.upl_id !== null ? { uplId: row.upl_id } : {}),
    primair: row.primair,
    secundair: row.secundair,
    doelgroep: row.doelgroep as Doelgroep,
    nietVia: JSON.parse(row.niet_via) as KanaalSoort[],
    updatedAt: row.updated_at,
    ...(row.updated_by !== null ? { updatedBy: row.updated_by } : {}),
  };
}

/** Escape `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createSqliteKennisbankRepository(db: Db): KennisbankRepository {
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM kennisbank_articles');
  const all = db.prepare<[], ArticleRow>('SELECT * FROM kennisbank_articles');
  const byId = db.prepare<[string], ArticleRow>('SELECT * FROM kennisbank_articles WHERE id = ?');
  const ofType = db.prepare<[string], ArticleRow>(
    'SELECT * FROM kennisbank_articles WHERE type = ? AND published = 1',
  );
  const upsert = db.prepare(`
    INSERT INTO kennisbank_articles
      (id, type, title, body, url, keywords, published, valid_from, valid_until, belangrijk, product, owner,
       review_date, meta, created_at, updated_at, updated_by)
    VALUES
      (@id, @type, @title, @body, @url, @keywords, @published, @validFrom, @validUntil, @belangrijk, @product,
       @owner, @reviewDate, @meta, @createdAt, @updatedAt, @updatedBy)
    ON CONFLICT (id) DO UPDATE SET
      type = excluded.type, title = excluded.title, body = excluded.body, url = excluded.url,
      keywords = excluded.keywords, published = excluded.published, valid_from = excluded.valid_from,
      valid_until = excluded.valid_until, belangrijk = excluded.belangrijk, product = excluded.product,
      owner = excluded.owner, review_date = excluded.review_date, meta = excluded.meta, updated_at = excluded.updated_at, updated_by = excluded.updated_by
  `);
  const del = db.prepare<[string]>('DELETE FROM kennisbank_articles WHERE id = ?');
  const getSyn = db.prepare<[], { map: string; updated_at: number; updated_by: string | null }>(
    'SELECT map, updated_at, updated_by FROM kennisbank_synonyms WHERE id = 1',
  );
  const putSyn = db.prepare(`
    INSERT INTO kennisbank_synonyms (id, map, updated_at, updated_by) VALUES (1, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET map = excluded.map, updated_at = excluded.updated_at,
      updated_by = excluded.updated_by
  `);
  const kanalen = db.prepare<[], KanaalRow>('SELECT * FROM kanalenmatrix ORDER BY product COLLATE NOCASE');
  const putKanaal = db.prepare(`
    INSERT INTO kanalenmatrix (product, upl_id, primair, secundair, doelgroep, niet_via, updated_at, updated_by)
    VALUES (@product, @uplId, @primair, @secundair, @doelgroep, @nietVia, @updatedAt, @updatedBy)
    ON CONFLICT (product) DO UPDATE SET upl_id = excluded.upl_id, primair = excluded.primair,
      secundair = excluded.secundair, doelgroep = excluded.doelgroep, niet_via = excluded.niet_via,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by
  `);
  const gelezen = db.prepare<[string], { article_id: string }>(
    'SELECT article_id FROM kennisbank_nieuws_gelezen WHERE user_id = ?',
  );
  const markGelezen = db.prepare(
    'INSERT OR IGNORE INTO kennisbank_nieuws_gelezen (article_id, user_id, at) VALUES (?, ?, ?)',
  );
  const putSturing = db.prepare(`
    INSERT OR REPLACE INTO kanaalsturing
      (klantcontact_uuid, contact_id, agent_id, product, primair_kanaal, gewezen, via_primair, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  `);
  const putBron = db.prepare(`
    INSERT OR REPLACE INTO kennisbank_bronnen (klantcontact_uuid, contact_id, article_id, title, at)
    VALUES (?, ?, ?, ?, ?)
  `);
  const bronnen = db.prepare<
    [string],
    { klantcontact_uuid: string; contact_id: string; article_id: string; title: string; at: number }
  >('SELECT * FROM kennisbank_bronnen WHERE klantcontact_uuid = ? ORDER BY rowid');
  // SQLite takes bare columns (primair_kanaal) from the row that holds MAX(at): the latest primary channel.
  const perProduct = db.prepare<
    [number, number],
    {
      product: string;
      primair_kanaal: string;
      total: number;
      gewezen: number;
      via_primair: number;
      last: number;
    }
  >(`
    SELECT product, primair_kanaal, COUNT(*) AS total, SUM(gewezen) AS gewezen, SUM(via_primair) AS via_primair,
      MAX(at) AS last
    FROM kanaalsturing WHERE at >= ? AND at <= ?
    GROUP BY product COLLATE NOCASE
    ORDER BY total DESC, product
  `);

  return {
    countArticles: () => count.get()?.n ?? 0,
    allArticles: () => all.all().map(toArticle),
    getArticle(id) {
      const row = byId.get(id);
      return row ? toArticle(row) : undefined;
    },
    listArticles({ type, published, titel, limit, offset }) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (type !== undefined) {
        where.push('type = ?');
        params.push(type);
      }
      if (published !== undefined) {
        where.push('published = ?');
        params.push(published ? 1 : 0);
      }
      if (titel !== undefined && titel.trim() !== '') {
        where.push("title LIKE ? ESCAPE '\\'");
        params.push(`%${likeEscape(titel.trim())}%`);
      }
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const total =
        db
          .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM kennisbank_articles ${clause}`)
          .get(...params)?.n ?? 0;
      const rows = db
        .prepare<unknown[], ArticleRow>(
          `SELECT * FROM kennisbank_articles ${clause} ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset);
      return { total, items: rows.map(toArticle) };
    },
    publishedOfType: (type) => ofType.all(type).map(toArticle),
    putArticle(a) {
      upsert.run({
        id: a.id,
        type: a.type,
        title: a.title,
        body: a.body,
        url: a.url ?? null,
        keywords: JSON.stringify(a.keywords),
        published: a.published ? 1 : 0,
        validFrom: a.validFrom ?? null,
        validUntil: a.validUntil ?? null,
        belangrijk: a.belangrijk ? 1 : 0,
        product: a.product ?? null,
        owner: a.owner ?? null,
        reviewDate: a.reviewDate ?? null,
        meta: JSON.stringify(a.meta),
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
        updatedBy: a.updatedBy ?? null,
      });
    },
    deleteArticle: (id) => del.run(id).changes > 0,
    getSynonyms() {
      const row = getSyn.get();
      return row
        ? {
            map: JSON.parse(row.map) as Record<string, string[]>,
            updatedAt: row.updated_at,
            ...(row.updated_by !== null ? { updatedBy: row.updated_by } : {}),
          }
        : undefined;
    },
    putSynonyms(r) {
      putSyn.run(JSON.stringify(r.map), r.updatedAt, r.updatedBy ?? null);
    },
    kanalenmatrix: () => kanalen.all().map(toKanaal),
    putKanaal(r) {
      putKanaal.run({
        product: r.product,
        uplId: r.uplId ?? null,
        primair: r.primair,
        secundair: r.secundair,
        doelgroep: r.doelgroep,
        nietVia: JSON.stringify(r.nietVia),
        updatedAt: r.updatedAt,
        updatedBy: r.updatedBy ?? null,
      });
    },
    gelezenBy: (userId) => new Set(gelezen.all(userId).map((r) => r.article_id)),
    markGelezen(articleId, userId, at) {
      markGelezen.run(articleId, userId, at);
    },
    recordKanaalsturing(r) {
      putSturing.run(
        r.klantcontactUuid,
        r.contactId,
        r.agentId,
        r.product,
        r.primairKanaal,
        r.gewezen ? 1 : 0,
        r.viaPrimair ? 1 : 0,
        r.at,
      );
    },
    recordBron(r) {
      putBron.run(r.klantcontactUuid, r.contactId, r.articleId, r.title, r.at);
    },
    bronnenFor: (uuid) =>
      bronnen.all(uuid).map((r) => ({
        klantcontactUuid: r.klantcontact_uuid,
        contactId: r.contact_id,
        articleId: r.article_id,
        title: r.title,
        at: r.at,
      })),
    kanaalsturingPerProduct: (from, to) =>
      perProduct.all(from, to).map((r) => ({
        product: r.product,
        primairKanaal: r.primair_kanaal,
        total: r.total,
        gewezen: r.gewezen,
        viaPrimair: r.via_primair,
      })),
    transaction: (fn) => db.transaction(fn)(),
  };
}
