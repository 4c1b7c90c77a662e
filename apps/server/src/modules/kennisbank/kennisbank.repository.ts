import type { ArticleType } from '@kcc/contracts/kennisbank';
import type { Doelgroep, KanaalSoort } from '@kcc/contracts/kanaaladvies';
import { sql, type Kysely } from 'kysely';
import type { Store } from '../../store/store';

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

export interface KanaalsturingRow {
  klantcontactUuid: string;
  contactId: string;
  gewezen: boolean;
  viaPrimair: boolean;
  at: number;
}

export interface FeedbackPerArticle {
  articleId: string;
  hielp: number;
  niet: number;
}

/** Port for kennisbank content, synonyms, kanalenmatrix, read marks, kanaalsturing, feedback and public events. */
export interface KennisbankRepository {
  countArticles(): Promise<number>;
  allArticles(): Promise<ArticleRecord[]>;
  getArticle(id: string): Promise<ArticleRecord | undefined>;
  listArticles(filter: ArticleListFilter): Promise<{ total: number; items: ArticleRecord[] }>;
  publishedOfType(type: string): Promise<ArticleRecord[]>;
  putArticle(article: ArticleRecord): Promise<void>;
  deleteArticle(id: string): Promise<boolean>;
  getSynonyms(): Promise<SynonymsRecord | undefined>;
  putSynonyms(record: SynonymsRecord): Promise<void>;
  kanalenmatrix(): Promise<KanalenmatrixRecord[]>;
  putKanaal(record: KanalenmatrixRecord): Promise<void>;
  gelezenBy(userId: string): Promise<Set<string>>;
  markGelezen(articleId: string, userId: string, at: number): Promise<void>;
  recordKanaalsturing(record: KanaalsturingRecord): Promise<void>;
  recordBron(record: BronRecord): Promise<void>;
  bronnenFor(klantcontactUuid: string): Promise<BronRecord[]>;
  kanaalsturingPerProduct(from: number, to: number): Promise<KanaalsturingAggregate[]>;
  /** Kanaalsturing records with `from <= at < to` (the reports). */
  kanaalsturingInRange(from: number, to: number): Promise<KanaalsturingRow[]>;
  /** One vote per agent, article and (normalised) query; a new vote replaces it. */
  putFeedback(agentId: string, articleId: string, query: string, hielp: boolean, at: number): Promise<void>;
  putPublicEvent(sessie: string, kind: string, articleId: string | undefined, at: number): Promise<void>;
  feedbackPerArticle(): Promise<FeedbackPerArticle[]>;
  /** Queries that never helped, most "Dit hielp niet" first. */
  queriesWithoutHelp(limit: number): Promise<{ query: string; niet: number }[]>;
  /** Sessions that opened a public answer, and how many of them started no chat. */
  publicCounts(): Promise<{ sessies: number; zonder: number }>;
  /** `fn` in one transaction, with the repository bound to it. */
  transaction<T>(fn: (repo: KennisbankRepository) => Promise<T>): Promise<T>;
}

/** The tables this module owns, as the query builder sees them. */
export interface KennisbankTables {
  kennisbank_articles: ArticleRow;
  kennisbank_synonyms: { id: number; map: string; updated_at: number; updated_by: string | null };
  kanalenmatrix: KanaalRow;
  kennisbank_nieuws_gelezen: { article_id: string; user_id: string; at: number };
  kanaalsturing: {
    klantcontact_uuid: string;
    contact_id: string;
    agent_id: string;
    product: string;
    primair_kanaal: string;
    gewezen: number;
    via_primair: number;
    at: number;
  };
  kennisbank_bronnen: {
    klantcontact_uuid: string;
    contact_id: string;
    article_id: string;
    title: string;
    at: number;
  };
  kennisbank_feedback: { agent_id: string; article_id: string; query: string; hielp: number; at: number };
  kennisbank_public_events: { sessie: string; kind: string; article_id: string | null; at: number };
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

const toArticleRow = (a: ArticleRecord): ArticleRow => ({
  id: a.id,
  type: a.type,
  title: a.title,
  body: a.body,
  url: a.url ?? null,
  keywords: JSON.stringify(a.keywords),
  published: a.published ? 1 : 0,
  valid_from: a.validFrom ?? null,
  valid_until: a.validUntil ?? null,
  belangrijk: a.belangrijk ? 1 : 0,
  product: a.product ?? null,
  owner: a.owner ?? null,
  review_date: a.reviewDate ?? null,
  meta: JSON.stringify(a.meta),
  created_at: a.createdAt,
  updated_at: a.updatedAt,
  updated_by: a.updatedBy ?? null,
});

export function createKennisbankRepository(store: Store): KennisbankRepository {
  return repositoryOn(store, store.kysely<KennisbankTables>());
}

function repositoryOn(store: Store, db: Kysely<KennisbankTables>): KennisbankRepository {
  const pg = store.dialect === 'postgres';
  const count = async (q: ReturnType<typeof articles>) =>
    Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const articles = () => db.selectFrom('kennisbank_articles');
  const repo: KennisbankRepository = {
    countArticles: () => count(articles()),
    allArticles: async () => (await articles().selectAll().execute()).map(toArticle),
    async getArticle(id) {
      const row = await articles().selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toArticle(row) : undefined;
    },
    async listArticles({ type, published, titel, limit, offset }) {
      let q = articles();
      if (type !== undefined) q = q.where('type', '=', type);
      if (published !== undefined) q = q.where('published', '=', published ? 1 : 0);
      if (titel !== undefined && titel.trim() !== '') {
        // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does the same
        q = q.where(
          sql<boolean>`title ${sql.raw(pg ? 'ILIKE' : 'LIKE')} ${`%${likeEscape(titel.trim())}%`} ESCAPE '\\'`,
        );
      }
      const total = await count(q);
      const rows = await q
        .selectAll()
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { total, items: rows.map(toArticle) };
    },
    publishedOfType: async (type) =>
      (await articles().selectAll().where('type', '=', type).where('published', '=', 1).execute()).map(
        toArticle,
      ),
    async putArticle(a) {
      const row = toArticleRow(a);
      const { id: _id, created_at: _created, ...update } = row;
      await db
        .insertInto('kennisbank_articles')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(update))
        .execute();
    },
    deleteArticle: async (id) =>
      Number(
        (await db.deleteFrom('kennisbank_articles').where('id', '=', id).executeTakeFirst()).numDeletedRows,
      ) > 0,
    async getSynonyms() {
      const row = await db
        .selectFrom('kennisbank_synonyms')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirst();
      return row
        ? {
            map: JSON.parse(row.map) as Record<string, string[]>,
            updatedAt: row.updated_at,
            ...(row.updated_by !== null ? { updatedBy: row.updated_by } : {}),
          }
        : undefined;
    },
    async putSynonyms(r) {
      const values = { map: JSON.stringify(r.map), updated_at: r.updatedAt, updated_by: r.updatedBy ?? null };
      await db
        .insertInto('kennisbank_synonyms')
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    },
    kanalenmatrix: async () =>
      (
        await db
          .selectFrom('kanalenmatrix')
          .selectAll()
          .orderBy(sql`lower(product)`)
          .execute()
      ).map(toKanaal),
    async putKanaal(r) {
      const values = {
        upl_id: r.uplId ?? null,
        primair: r.primair,
        secundair: r.secundair,
        doelgroep: r.doelgroep,
        niet_via: JSON.stringify(r.nietVia),
        updated_at: r.updatedAt,
        updated_by: r.updatedBy ?? null,
      };
      // the key is case-insensitive on both stores (COLLATE NOCASE; a unique index on lower(product))
      await db
        .insertInto('kanalenmatrix')
        .values({ product: r.product, ...values })
        .onConflict((oc) =>
          (pg ? oc.expression(sql`lower(product)`) : oc.column('product')).doUpdateSet(values),
        )
        .execute();
    },
    gelezenBy: async (userId) =>
      new Set(
        (
          await db
            .selectFrom('kennisbank_nieuws_gelezen')
            .select('article_id')
            .where('user_id', '=', userId)
            .execute()
        ).map((r) => r.article_id),
      ),
    async markGelezen(articleId, userId, at) {
      await db
        .insertInto('kennisbank_nieuws_gelezen')
        .values({ article_id: articleId, user_id: userId, at })
        .onConflict((oc) => oc.columns(['article_id', 'user_id']).doNothing())
        .execute();
    },
    async recordKanaalsturing(r) {
      const values = {
        contact_id: r.contactId,
        agent_id: r.agentId,
        product: r.product,
        primair_kanaal: r.primairKanaal,
        gewezen: r.gewezen ? 1 : 0,
        via_primair: r.viaPrimair ? 1 : 0,
        at: r.at,
      };
      await db
        .insertInto('kanaalsturing')
        .values({ klantcontact_uuid: r.klantcontactUuid, ...values })
        .onConflict((oc) => oc.column('klantcontact_uuid').doUpdateSet(values))
        .execute();
    },
    async recordBron(r) {
      const values = { contact_id: r.contactId, title: r.title, at: r.at };
      await db
        .insertInto('kennisbank_bronnen')
        .values({ klantcontact_uuid: r.klantcontactUuid, article_id: r.articleId, ...values })
        .onConflict((oc) => oc.columns(['klantcontact_uuid', 'article_id']).doUpdateSet(values))
        .execute();
    },
    bronnenFor: async (uuid) =>
      (
        await db
          .selectFrom('kennisbank_bronnen')
          .selectAll()
          .where('klantcontact_uuid', '=', uuid)
          // the order they were recorded in
          .orderBy(sql.raw(pg ? 'seq' : 'rowid'))
          .execute()
      ).map((r) => ({
        klantcontactUuid: r.klantcontact_uuid,
        contactId: r.contact_id,
        articleId: r.article_id,
        title: r.title,
        at: r.at,
      })),
    async kanaalsturingPerProduct(from, to) {
      // Per product (any case), with the product's spelling and primary channel of its latest record. SQLite takes
      // bare columns from the row that holds MAX(at); PostgreSQL picks them explicitly.
      const rows = await sql<{
        product: string;
        primair_kanaal: string;
        total: number;
        gewezen: number;
        via_primair: number;
      }>`
        SELECT ${sql.raw(
          pg
            ? '(array_agg(product ORDER BY at DESC))[1] AS product, (array_agg(primair_kanaal ORDER BY at DESC))[1] AS primair_kanaal'
            : 'product, primair_kanaal',
        )},
          COUNT(*) AS total, SUM(gewezen) AS gewezen, SUM(via_primair) AS via_primair, MAX(at) AS last
        FROM kanaalsturing WHERE at >= ${from} AND at <= ${to}
        GROUP BY ${sql.raw(pg ? 'lower(product)' : 'product COLLATE NOCASE')}
        ORDER BY total DESC, ${sql.raw(pg ? '1' : 'product')}
      `.execute(db);
      return rows.rows.map((r) => ({
        product: r.product,
        primairKanaal: r.primair_kanaal,
        total: Number(r.total),
        gewezen: Number(r.gewezen),
        viaPrimair: Number(r.via_primair),
      }));
    },
    kanaalsturingInRange: async (from, to) =>
      (
        await db
          .selectFrom('kanaalsturing')
          .select(['klantcontact_uuid', 'contact_id', 'gewezen', 'via_primair', 'at'])
          .where('at', '>=', from)
          .where('at', '<', to)
          .execute()
      ).map((r) => ({
        klantcontactUuid: r.klantcontact_uuid,
        contactId: r.contact_id,
        gewezen: r.gewezen === 1,
        viaPrimair: r.via_primair === 1,
        at: r.at,
      })),
    async putFeedback(agentId, articleId, query, hielp, at) {
      await db
        .insertInto('kennisbank_feedback')
        .values({ agent_id: agentId, article_id: articleId, query, hielp: hielp ? 1 : 0, at })
        .onConflict((oc) =>
          oc.columns(['agent_id', 'article_id', 'query']).doUpdateSet({ hielp: hielp ? 1 : 0, at }),
        )
        .execute();
    },
    async putPublicEvent(sessie, kind, articleId, at) {
      await db
        .insertInto('kennisbank_public_events')
        .values({ sessie, kind, article_id: articleId ?? null, at })
        .execute();
    },
    async feedbackPerArticle() {
      const rows = await sql<{ article_id: string; hielp: number; niet: number }>`
        SELECT article_id, SUM(hielp) AS hielp, SUM(1 - hielp) AS niet FROM kennisbank_feedback GROUP BY article_id
      `.execute(db);
      return rows.rows.map((r) => ({
        articleId: r.article_id,
        hielp: Number(r.hielp),
        niet: Number(r.niet),
      }));
    },
    async queriesWithoutHelp(limit) {
      const rows = await sql<{ query: string; niet: number }>`
        SELECT query, SUM(1 - hielp) AS niet FROM kennisbank_feedback
        GROUP BY query HAVING SUM(hielp) = 0
        ORDER BY niet DESC, MAX(at) DESC LIMIT ${limit}
      `.execute(db);
      return rows.rows.map((r) => ({ query: r.query, niet: Number(r.niet) }));
    },
    async publicCounts() {
      const row = (
        await sql<{ sessies: number; zonder: number }>`
          SELECT COUNT(*) AS sessies, COALESCE(SUM(CASE WHEN NOT EXISTS (
            SELECT 1 FROM kennisbank_public_events c WHERE c.sessie = o.sessie AND c.kind = 'chat-gestart'
          ) THEN 1 ELSE 0 END), 0) AS zonder
          FROM (SELECT DISTINCT sessie FROM kennisbank_public_events WHERE kind = 'geopend') o
        `.execute(db)
      ).rows[0];
      return { sessies: Number(row?.sessies ?? 0), zonder: Number(row?.zonder ?? 0) };
    },
    transaction: (fn) => db.transaction().execute((trx) => fn(repositoryOn(store, trx))),
  };
  return repo;
}
