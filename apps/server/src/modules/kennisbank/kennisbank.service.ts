import { randomBytes } from 'node:crypto';
import { kanaalSoort, kanaalSoortVan } from '@kcc/contracts/kanaaladvies';
import type { RegisteredEvent } from '../../shared/domain-events';
import type {
  Article,
  ArticleListResponse,
  ArticleSummary,
  ArticleType,
  Kanaal,
  KanaalsturingStatsResponse,
  KanalenmatrixEntry,
  KanalenmatrixPut,
  KennisbankSearchItem,
  KennisbankSearchResponse,
  NieuwsResponse,
  PublicSearchItem,
  PublicSearchResponse,
  SynonymsResponse,
} from '@kcc/contracts/kennisbank';
import { KennisbankIndex, MAX_QUERY_CHARS, type KennisbankDocument } from '@kcc/kennisbank';
import type {
  ArticleListFilter,
  ArticleRecord,
  KanaalsturingRow,
  KanalenmatrixRecord,
  KennisbankRepository,
} from './kennisbank.repository';
import { defaultOwner, reviewDateAfter } from './article-owner';
import type { KennisbankQuality } from './kennisbank-quality';
import { engineWindow, isLive, validFromMs } from './validity';

/** A parsed, defaulted `ArticleInput`. */
export interface ArticleFields {
  type: ArticleType;
  title: string;
  body: string;
  url?: string | undefined;
  keywords: string[];
  published: boolean;
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  belangrijk: boolean;
  product?: string | undefined;
  owner?: string | undefined;
  reviewDate?: string | undefined;
}

export interface Editor {
  id: string;
  name: string;
}

/** What residents may see: answers and products, not the KCC's internal werkinstructies, afdelingen, werkberichten. */
export const PUBLIC_TYPES = ['product', 'vac', 'producttekst', 'meldingcategorie'] as const;
/** Results searched before the public filter (internal types are at most a handful of them). */
const PUBLIC_CANDIDATES = 30;

const ID_PREFIX: Partial<Record<ArticleType, string>> = {
  werkinstructie: 'wi',
  afdeling: 'afd',
  nieuws: 'nws',
};

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'artikel'
  );
}

const iso = (ms: number): string => new Date(ms).toISOString();
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

const metaStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const DOELGROEP: Record<string, string> = { burger: 'inwoner', bedrijf: 'ondernemer' };

/** The index document of an article; `hasKanaal` says whether the kanalenmatrix advises a channel for it. */
function toIndexDoc(a: ArticleRecord, hasKanaal = false): KennisbankDocument {
  const doelgroep = metaStrings(a.meta.audience).map((d) => DOELGROEP[d] ?? d);
  const overheidslaag = metaStrings(a.meta.levels);
  return {
    id: a.id,
    type: a.type,
    title: a.title,
    body: a.body,
    ...(a.url !== undefined ? { url: a.url } : {}),
    keywords: a.keywords,
    published: a.published,
    ...engineWindow(a),
    ...(a.product !== undefined ? { product: a.product } : {}),
    ...(doelgroep.length > 0 ? { doelgroep } : {}),
    ...(overheidslaag.length > 0 ? { overheidslaag } : {}),
    ...(hasKanaal ? { kanaal: true } : {}),
  };
}

function toSummary(a: ArticleRecord): ArticleSummary {
  return {
    id: a.id,
    type: a.type,
    title: a.title,
    published: a.published,
    ...(a.validFrom !== undefined ? { validFrom: a.validFrom } : {}),
    ...(a.validUntil !== undefined ? { validUntil: a.validUntil } : {}),
    belangrijk: a.belangrijk,
    updatedAt: iso(a.updatedAt),
    ...(a.updatedBy !== undefined ? { updatedBy: a.updatedBy } : {}),
  };
}

function toKanaalEntry(r: KanalenmatrixRecord): KanalenmatrixEntry {
  return {
    product: r.product,
    ...(r.uplId !== undefined ? { uplId: r.uplId } : {}),
    primair: r.primair,
    secundair: r.secundair,
    doelgroep: r.doelgroep,
    nietVia: r.nietVia,
    updatedAt: iso(r.updatedAt),
  };
}

/** What changed in the store, for the indexes of the other instances (they read the new state from the store). */
export type KennisbankIndexChange = { article: string } | { what: 'synonyms' | 'kanalenmatrix' };

/**
 * The kennisbank: articles in the store, mirrored into one in-memory search index. Every change goes to the
 * store first and then to the index with an incremental upsert/remove, so it is searchable at once.
 */
export class KennisbankService {
  private readonly index = new KennisbankIndex();
  private kanaalByUplId = new Map<string, Kanaal>();
  private kanaalByProduct = new Map<string, Kanaal>();
  private built = { documents: 0, buildMs: 0 };

  /** Agent feedback, residents' use of public answers and the beheer report (set by the module). */
  quality?: KennisbankQuality;
  /** Tells the other instances of a cluster what changed in the index (set by `shareIndexChanges`). */
  onIndexChange: (change: KennisbankIndexChange) => void = () => undefined;

  constructor(
    private readonly repo: KennisbankRepository,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Load synonyms, kanalenmatrix and every article from the store into the index. */
  async buildIndex(): Promise<{ documents: number; buildMs: number }> {
    const started = performance.now();
    this.index.setSynonyms((await this.repo.getSynonyms())?.map ?? {});
    await this.refreshKanalen();
    this.index.upsertMany((await this.repo.allArticles()).map((a) => this.indexDoc(a)));
    this.built = { documents: this.index.size, buildMs: round(performance.now() - started, 1) };
    return this.built;
  }

  /** Another instance changed the store: bring this index up to date from the store. */
  async applyIndexChange(change: KennisbankIndexChange): Promise<void> {
    if ('article' in change) {
      const record = await this.repo.getArticle(change.article);
      if (record) this.index.upsert(this.indexDoc(record));
      else this.index.remove(change.article);
    } else if (change.what === 'synonyms') {
      this.index.setSynonyms((await this.repo.getSynonyms())?.map ?? {});
    } else {
      await this.refreshKanalen();
    }
  }

  get indexStats(): { documents: number; buildMs: number } {
    return { ...this.built, documents: this.index.size };
  }

  // ------------------------------------------------------------ search
  search(q: string, options: { limit: number; type?: ArticleType | undefined }): KennisbankSearchResponse {
    const started = performance.now();
    const text = q.slice(0, MAX_QUERY_CHARS);
    const result = this.index.search(text, {
      limit: options.limit,
      ...(options.type !== undefined ? { type: options.type } : {}),
      now: new Date(this.clock()),
    });
    const items = result.items.map((hit): KennisbankSearchItem => {
      const product = this.index.get(hit.id)?.product;
      const kanaal = this.kanaalFor(
        hit.id,
        hit.type,
        hit.title,
        typeof product === 'string' ? product : undefined,
      );
      return {
        id: hit.id,
        type: hit.type,
        title: hit.title,
        snippet: hit.snippet,
        url: hit.url ?? null,
        score: hit.score,
        ...(kanaal ? { kanaal } : {}),
      };
    });
    return { query: text.trim(), total: result.total, tookMs: round(performance.now() - started, 3), items };
  }

  /**
   * The resident's search (website widget): the same engine and ranking as the agents', public article types
   * only (no werkinstructies, afdelingen or werkberichten), live only, each with its kanaaladvies.
   */
  publicSearch(q: string, limit: number): PublicSearchResponse {
    const text = q.slice(0, MAX_QUERY_CHARS);
    const result = this.index.search(text, { limit: PUBLIC_CANDIDATES, now: new Date(this.clock()) });
    const items = result.items
      .filter((hit) => (PUBLIC_TYPES as readonly string[]).includes(hit.type))
      .slice(0, limit)
      .map((hit): PublicSearchItem => {
        const product = this.index.get(hit.id)?.product;
        const kanaal = this.kanaalFor(
          hit.id,
          hit.type,
          hit.title,
          typeof product === 'string' ? product : undefined,
        );
        return {
          id: hit.id,
          type: hit.type as ArticleType,
          title: hit.title,
          snippet: hit.snippet,
          url: hit.url ?? null,
          ...(kanaal ? { kanaal } : {}),
        };
      });
    return { query: text.trim(), items };
  }

  /** A public article for a resident, or undefined (not public, not live, unknown). */
  async publicArticle(id: string): Promise<Article | undefined> {
    const a = await this.repo.getArticle(id);
    if (!a || !(PUBLIC_TYPES as readonly string[]).includes(a.type) || !isLive(a, this.clock()))
      return undefined;
    const { owner: _owner, reviewDate: _reviewDate, updatedBy: _updatedBy, ...article } = this.toArticle(a);
    return article;
  }

  /** The kanalenmatrix entry for a product: by its UPL id, its explicit product link, or a product's title. */
  kanaalFor(id: string, type: string, title: string, product?: string): Kanaal | undefined {
    return (
      this.kanaalByUplId.get(id) ??
      (product !== undefined ? this.kanaalByProduct.get(product.toLowerCase()) : undefined) ??
      (type === 'product' ? this.kanaalByProduct.get(title.toLowerCase()) : undefined)
    );
  }

  private indexDoc(a: ArticleRecord): KennisbankDocument {
    return toIndexDoc(a, this.kanaalFor(a.id, a.type, a.title, a.product) !== undefined);
  }

  // ------------------------------------------------------------ articles
  /** The article, or undefined when it does not exist or (unless `includeHidden`) is not live now. */
  async article(id: string, options: { includeHidden: boolean }): Promise<Article | undefined> {
    const a = await this.repo.getArticle(id);
    if (!a || (!options.includeHidden && !isLive(a, this.clock()))) return undefined;
    return this.toArticle(a);
  }

  async listArticles(filter: ArticleListFilter): Promise<ArticleListResponse> {
    const { total, items } = await this.repo.listArticles(filter);
    return { total, items: items.map(toSummary) };
  }

  /**
   * The live product articles a municipality's KCC answers about (the onderwerpen list is seeded from these):
   * seeded UPL items of the gemeente level, and every product written in beheer. `uplUri` is the UPL term's uri.
   */
  async products(): Promise<{ naam: string; uplUri?: string }[]> {
    const now = this.clock();
    return (await this.repo.publishedOfType('product'))
      .filter((a) => isLive(a, now) && isMunicipal(a))
      .map((a) => ({ naam: a.title, ...(isUplUri(a.url) ? { uplUri: a.url } : {}) }));
  }

  hasProduct(product: string): boolean {
    return this.kanaalByProduct.has(product.toLowerCase());
  }

  async createArticle(fields: ArticleFields, editor: Editor): Promise<Article> {
    const now = this.clock();
    const prefix = ID_PREFIX[fields.type] ?? 'kb';
    let id: string;
    do id = `${prefix}:${slug(fields.title)}-${randomBytes(3).toString('hex')}`;
    while (await this.repo.getArticle(id));
    return this.save({
      id,
      ...this.clean(fields),
      meta: {},
      createdAt: now,
      updatedAt: now,
      updatedBy: editor.name,
    });
  }

  /** Full replace; undefined when the article does not exist. */
  async replaceArticle(id: string, fields: ArticleFields, editor: Editor): Promise<Article | undefined> {
    const existing = await this.repo.getArticle(id);
    if (!existing) return undefined;
    return this.save({
      id,
      ...this.clean(fields),
      meta: existing.meta,
      createdAt: existing.createdAt,
      updatedAt: this.clock(),
      updatedBy: editor.name,
    });
  }

  async setPublished(id: string, published: boolean, editor: Editor): Promise<Article | undefined> {
    const existing = await this.repo.getArticle(id);
    if (!existing) return undefined;
    return this.save({ ...existing, published, updatedAt: this.clock(), updatedBy: editor.name });
  }

  async deleteArticle(id: string): Promise<boolean> {
    const deleted = await this.repo.deleteArticle(id);
    if (deleted) {
      this.index.remove(id);
      this.onIndexChange({ article: id });
    }
    return deleted;
  }

  private clean(
    f: ArticleFields,
  ): Omit<ArticleRecord, 'id' | 'meta' | 'createdAt' | 'updatedAt' | 'updatedBy'> {
    return {
      type: f.type,
      title: f.title,
      body: f.body,
      ...(f.url !== undefined ? { url: f.url } : {}),
      keywords: [...new Set(f.keywords)],
      published: f.published,
      ...(f.validFrom !== undefined ? { validFrom: f.validFrom } : {}),
      ...(f.validUntil !== undefined ? { validUntil: f.validUntil } : {}),
      belangrijk: f.belangrijk,
      ...(f.product !== undefined ? { product: f.product } : {}),
      owner: f.owner ?? defaultOwner(f.type, f.title),
      reviewDate: f.reviewDate ?? reviewDateAfter(this.clock()),
    };
  }

  private async save(record: ArticleRecord): Promise<Article> {
    await this.repo.putArticle(record);
    this.index.upsert(this.indexDoc(record));
    this.onIndexChange({ article: record.id });
    return this.toArticle(record);
  }

  private toArticle(a: ArticleRecord): Article {
    const kanaal = this.kanaalFor(a.id, a.type, a.title, a.product);
    const source = typeof a.meta.source === 'string' ? a.meta.source : undefined;
    const license = typeof a.meta.license === 'string' ? a.meta.license : undefined;
    return {
      id: a.id,
      type: a.type,
      title: a.title,
      body: a.body,
      ...(a.url !== undefined ? { url: a.url } : {}),
      keywords: a.keywords,
      published: a.published,
      ...(a.validFrom !== undefined ? { validFrom: a.validFrom } : {}),
      ...(a.validUntil !== undefined ? { validUntil: a.validUntil } : {}),
      belangrijk: a.belangrijk,
      ...(a.product !== undefined ? { product: a.product } : {}),
      ...(source !== undefined ? { source } : {}),
      ...(license !== undefined ? { license } : {}),
      updatedAt: iso(a.updatedAt),
      ...(a.updatedBy !== undefined ? { updatedBy: a.updatedBy } : {}),
      ...(kanaal ? { kanaal } : {}),
      ...(a.owner !== undefined ? { owner: a.owner } : {}),
      ...(a.reviewDate !== undefined ? { reviewDate: a.reviewDate } : {}),
    };
  }

  // ------------------------------------------------------------ synonyms
  async synonyms(): Promise<SynonymsResponse> {
    const r = await this.repo.getSynonyms();
    return r
      ? {
          synonyms: r.map,
          updatedAt: iso(r.updatedAt),
          ...(r.updatedBy !== undefined ? { updatedBy: r.updatedBy } : {}),
        }
      : { synonyms: {} };
  }

  /** Replace the whole map; the index uses it for the next query. */
  async replaceSynonyms(map: Record<string, string[]>, editor: Editor): Promise<SynonymsResponse> {
    await this.repo.putSynonyms({ map, updatedAt: this.clock(), updatedBy: editor.name });
    this.index.setSynonyms(map);
    this.onIndexChange({ what: 'synonyms' });
    return this.synonyms();
  }

  // ------------------------------------------------------------ kanalenmatrix
  async kanalenmatrix(): Promise<KanalenmatrixEntry[]> {
    return (await this.repo.kanalenmatrix()).map(toKanaalEntry);
  }

  async putKanaal(product: string, body: KanalenmatrixPut, editor: Editor): Promise<KanalenmatrixEntry> {
    const existing = (await this.repo.kanalenmatrix()).find(
      (k) => k.product.toLowerCase() === product.toLowerCase(),
    );
    const record: KanalenmatrixRecord = {
      // keep the stored spelling of an existing product key
      product: existing?.product ?? product,
      ...(body.uplId !== undefined
        ? { uplId: body.uplId }
        : existing?.uplId !== undefined
          ? { uplId: existing.uplId }
          : {}),
      primair: body.primair,
      secundair: body.secundair,
      doelgroep: body.doelgroep,
      nietVia: body.nietVia,
      updatedAt: this.clock(),
      updatedBy: editor.name,
    };
    await this.repo.putKanaal(record);
    await this.refreshKanalen();
    this.onIndexChange({ what: 'kanalenmatrix' });
    return toKanaalEntry(record);
  }

  private async refreshKanalen(): Promise<void> {
    const byUpl = new Map<string, Kanaal>();
    const byProduct = new Map<string, Kanaal>();
    for (const k of await this.repo.kanalenmatrix()) {
      const kanaal: Kanaal = {
        primair: k.primair,
        secundair: k.secundair,
        doelgroep: k.doelgroep,
        ...(k.nietVia.length > 0 ? { nietVia: k.nietVia } : {}),
      };
      byProduct.set(k.product.toLowerCase(), kanaal);
      if (k.uplId !== undefined) byUpl.set(k.uplId, kanaal);
    }
    this.kanaalByUplId = byUpl;
    this.kanaalByProduct = byProduct;
  }

  // ------------------------------------------------------------ nieuws / werkberichten
  /** Live werkberichten, `belangrijk` first, then newest first, with the agent's read marks. */
  async nieuws(userId: string): Promise<NieuwsResponse> {
    const now = this.clock();
    const gelezen = await this.repo.gelezenBy(userId);
    const live = (await this.repo.publishedOfType('nieuws'))
      .filter((a) => isLive(a, now))
      .sort(
        (a, b) =>
          Number(b.belangrijk) - Number(a.belangrijk) ||
          Math.max(validFromMs(b.validFrom), b.createdAt) - Math.max(validFromMs(a.validFrom), a.createdAt) ||
          a.id.localeCompare(b.id),
      );
    const items = live.map((a) => ({
      id: a.id,
      title: a.title,
      body: a.body,
      belangrijk: a.belangrijk,
      ...(a.validFrom !== undefined ? { validFrom: a.validFrom } : {}),
      ...(a.validUntil !== undefined ? { validUntil: a.validUntil } : {}),
      updatedAt: iso(a.updatedAt),
      gelezen: gelezen.has(a.id),
    }));
    return { items, ongelezen: items.filter((i) => !i.gelezen).length };
  }

  /** Mark a live werkbericht read; false when there is no such live werkbericht. */
  async markGelezen(id: string, userId: string): Promise<boolean> {
    const a = await this.repo.getArticle(id);
    if (!a || a.type !== 'nieuws' || !isLive(a, this.clock())) return false;
    await this.repo.markGelezen(id, userId, this.clock());
    return true;
  }

  // ------------------------------------------------------------ kanaalsturing
  /** After a registration committed (`contact-registered`). */
  async recordRegistration(e: RegisteredEvent): Promise<void> {
    const sturing = e.request.kanaalsturing;
    if (sturing) {
      await this.repo.recordKanaalsturing({
        klantcontactUuid: e.klantcontactUuid,
        contactId: e.contactId,
        agentId: e.agentId,
        product: sturing.product,
        primairKanaal: sturing.primairKanaal,
        gewezen: sturing.gewezenOpPrimairKanaal,
        viaPrimair: kanaalSoortVan(e.channel) === kanaalSoort(sturing.primairKanaal),
        at: e.at,
      });
    }
    for (const bron of e.request.bronnen ?? []) {
      await this.repo.recordBron({
        klantcontactUuid: e.klantcontactUuid,
        contactId: e.contactId,
        articleId: bron.id,
        title: bron.title,
        at: e.at,
      });
    }
  }

  async bronnen(klantcontactUuid: string): Promise<{ id: string; title: string }[]> {
    return (await this.repo.bronnenFor(klantcontactUuid)).map((b) => ({ id: b.articleId, title: b.title }));
  }

  /** The kanaalsturing records with `from <= at < to`, for the reports (their port onto this module's table). */
  kanaalsturingInRange(from: number, to: number): Promise<KanaalsturingRow[]> {
    return this.repo.kanaalsturingInRange(from, to);
  }

  async kanaalsturingStats(from?: string, to?: string): Promise<KanaalsturingStatsResponse> {
    const rows = await this.repo.kanaalsturingPerProduct(
      from !== undefined ? Date.parse(from) : 0,
      to !== undefined ? Date.parse(to) : Number.MAX_SAFE_INTEGER,
    );
    const counts = (total: number, gewezen: number, viaPrimair: number) => ({
      total,
      gewezenOpPrimairKanaal: gewezen,
      nietGewezen: total - gewezen,
      aandeelGewezen: total === 0 ? 0 : round(gewezen / total, 4),
      viaPrimairKanaal: viaPrimair,
      aandeelViaPrimairKanaal: total === 0 ? 0 : round(viaPrimair / total, 4),
    });
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
    return {
      ...counts(
        sum((r) => r.total),
        sum((r) => r.gewezen),
        sum((r) => r.viaPrimair),
      ),
      perProduct: rows.map((r) => ({
        product: r.product,
        primairKanaal: r.primairKanaal,
        ...counts(r.total, r.gewezen, r.viaPrimair),
      })),
    };
  }
}

const isUplUri = (url: string | undefined): url is string =>
  url !== undefined && /^https?:\/\/standaarden\.overheid\.nl\/owms\/terms\/[^/?#]+$/.test(url);

/** UPL metadata names the levels of government that deliver a product; content without it is the KCC's own. */
function isMunicipal(a: ArticleRecord): boolean {
  const levels = a.meta.levels;
  return !Array.isArray(levels) || levels.includes('gemeente');
}
