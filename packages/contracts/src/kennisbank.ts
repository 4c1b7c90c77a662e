import { z } from 'zod';
import { IsoDateTime } from './domain';
import { Doelgroep, KANAAL_SOORTEN, KanaalSoort } from './kanaaladvies';

/**
 * Kennisbank REST DTOs: search, articles, beheer, synonyms, kanalenmatrix, nieuws/werkberichten and the
 * kanaalsturing KPI. Text fields are plain text (light Markdown: blank-line paragraphs, `- ` lists); only
 * `snippet` contains markup: HTML-escaped text with `<mark>` around matched words.
 */

export const ARTICLE_TYPES = [
  'product',
  'vac',
  'producttekst',
  'meldingcategorie',
  'werkinstructie',
  'afdeling',
  'nieuws',
] as const;
export const ArticleType = z.enum(ARTICLE_TYPES, { message: `kies uit ${ARTICLE_TYPES.join(', ')}` });
export type ArticleType = z.infer<typeof ArticleType>;

export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = {
  product: 'Product',
  vac: 'Vraag en antwoord',
  producttekst: 'Producttekst',
  meldingcategorie: 'Melding openbare ruimte',
  werkinstructie: 'Werkinstructie',
  afdeling: 'Wie doet wat',
  nieuws: 'Werkbericht',
};

/** A date (`2026-12-31`) or a date-time with offset. A date-only `validUntil` lasts through that whole day (UTC). */
export const ValidityDate = z.union([z.iso.date(), IsoDateTime], {
  message: 'verwacht een datum (JJJJ-MM-DD) of datum-tijd (ISO 8601)',
});

export const Kanaal = z.object({
  primair: z.string(),
  secundair: z.string(),
  doelgroep: Doelgroep.optional(),
  /** Kinds of channel through which the product cannot be handled. */
  nietVia: z.array(KanaalSoort).optional(),
});
export type Kanaal = z.infer<typeof Kanaal>;

// ---------------------------------------------------------------- search
export const SEARCH_LIMIT_MAX = 50;
export const KennisbankSearchQuery = z.object({
  q: z.string({ message: 'q moet één tekst zijn' }).default(''),
  limit: z.coerce
    .number({ message: 'limit moet een getal zijn' })
    .int({ message: 'limit moet een geheel getal zijn' })
    .min(1, { message: `limit moet tussen 1 en ${SEARCH_LIMIT_MAX} liggen` })
    .max(SEARCH_LIMIT_MAX, { message: `limit moet tussen 1 en ${SEARCH_LIMIT_MAX} liggen` })
    .default(10),
  type: ArticleType.optional(),
});
export type KennisbankSearchQuery = z.infer<typeof KennisbankSearchQuery>;

export const KennisbankSearchItem = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  /** HTML-escaped excerpt with `<mark>` around matched words; safe to render as HTML. */
  snippet: z.string(),
  /** Always present (CONTRACT shape); null when the item has no public page. */
  url: z.string().nullable(),
  score: z.number(),
  /** The kanalenmatrix entry of the product this item is about ("Wijs op: …"). */
  kanaal: Kanaal.optional(),
});
export type KennisbankSearchItem = z.infer<typeof KennisbankSearchItem>;

export const KennisbankSearchResponse = z.object({
  /** The text that was searched (trimmed, cut to the engine's maximum length). */
  query: z.string(),
  total: z.number().int(),
  tookMs: z.number(),
  items: z.array(KennisbankSearchItem),
});
export type KennisbankSearchResponse = z.infer<typeof KennisbankSearchResponse>;

// ---------------------------------------------------------------- articles
export const Article = z.object({
  id: z.string(),
  type: ArticleType,
  title: z.string(),
  /** Plain text with light Markdown; render as text, never as HTML. */
  body: z.string(),
  url: z.string().optional(),
  keywords: z.array(z.string()),
  published: z.boolean(),
  validFrom: z.string().optional(),
  validUntil: z.string().optional(),
  /** Werkberichten only: shown first and highlighted. */
  belangrijk: z.boolean(),
  /** Kanalenmatrix product (UPL name) this article is about. */
  product: z.string().optional(),
  /** Where seeded content came from (attribution), e.g. `rijksoverheid-vac`, `upl`. */
  source: z.string().optional(),
  license: z.string().optional(),
  updatedAt: IsoDateTime,
  updatedBy: z.string().optional(),
  kanaal: Kanaal.optional(),
  /** Who keeps the article correct (a team or role, not a person's private data). */
  owner: z.string().optional(),
  /** When the owner checks the article again (a date); past it, the article is on the beheer report. */
  reviewDate: z.string().optional(),
});
export type Article = z.infer<typeof Article>;

/** Create (`POST /api/kennisbank/articles`) and full replace (`PUT /api/kennisbank/articles/:id`). */
export const ArticleInput = z
  .object({
    type: ArticleType,
    title: z.string().trim().min(1).max(300),
    body: z.string().max(60_000).default(''),
    url: z
      .url({ protocol: /^https?$/, message: 'verwacht een http(s)-adres' })
      .max(2000)
      .optional(),
    keywords: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    /** Default `false`: a new article is a concept until published. */
    published: z.boolean().default(false),
    validFrom: ValidityDate.optional(),
    validUntil: ValidityDate.optional(),
    belangrijk: z.boolean().default(false),
    product: z.string().trim().min(1).max(200).optional(),
    owner: z.string().trim().min(1).max(100).optional(),
    reviewDate: z.iso.date({ message: 'verwacht een datum (JJJJ-MM-DD)' }).optional(),
  })
  .strict();
export type ArticleInput = z.input<typeof ArticleInput>;

export const ArticleSummary = Article.pick({
  id: true,
  type: true,
  title: true,
  published: true,
  validFrom: true,
  validUntil: true,
  belangrijk: true,
  updatedAt: true,
  updatedBy: true,
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleListQuery = z.object({
  type: ArticleType.optional(),
  published: z.enum(['true', 'false'], { message: 'published is true of false' }).optional(),
  /** Case-insensitive part of the title. */
  titel: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const ArticleListResponse = z.object({ total: z.number().int(), items: z.array(ArticleSummary) });
export type ArticleListResponse = z.infer<typeof ArticleListResponse>;

// ---------------------------------------------------------------- synonyms
/** Key: what residents say (up to 4 words); values: the words the content uses. */
export const SynonymMap = z
  .record(
    z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((k) => k.split(/\s+/).length <= 4, { message: 'hoogstens 4 woorden' }),
    z.array(z.string().trim().min(1).max(100)).min(1).max(20),
  )
  .refine((m) => Object.keys(m).length <= 5000, { message: 'hoogstens 5000 synoniemen' });
export const SynonymsBody = z.object({ synonyms: SynonymMap }).strict();
export type SynonymsBody = z.infer<typeof SynonymsBody>;
export const SynonymsResponse = z.object({
  synonyms: z.record(z.string(), z.array(z.string())),
  updatedAt: IsoDateTime.optional(),
  updatedBy: z.string().optional(),
});
export type SynonymsResponse = z.infer<typeof SynonymsResponse>;

// ---------------------------------------------------------------- kanalenmatrix
export const KanalenmatrixEntry = z.object({
  /** UPL product name, the key. */
  product: z.string(),
  /** Corpus id of the UPL product (`upl:…`). */
  uplId: z.string().optional(),
  primair: z.string(),
  secundair: z.string(),
  doelgroep: Doelgroep,
  nietVia: z.array(KanaalSoort),
  updatedAt: IsoDateTime,
});
export type KanalenmatrixEntry = z.infer<typeof KanalenmatrixEntry>;
export const KanalenmatrixResponse = z.object({ items: z.array(KanalenmatrixEntry) });
export type KanalenmatrixResponse = z.infer<typeof KanalenmatrixResponse>;
export const KanalenmatrixPut = z
  .object({
    primair: z.string().trim().min(1).max(200),
    secundair: z.string().trim().min(1).max(200),
    uplId: z.string().trim().min(1).max(200).optional(),
    doelgroep: Doelgroep.default('beide'),
    nietVia: z
      .array(KanaalSoort)
      .max(KANAAL_SOORTEN.length)
      .refine((l) => new Set(l).size === l.length, { message: 'Elk kanaal mag één keer voorkomen' })
      .default([]),
  })
  .strict();
export type KanalenmatrixPut = z.infer<typeof KanalenmatrixPut>;

// ---------------------------------------------------------------- nieuws / werkberichten
export const NieuwsItem = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  belangrijk: z.boolean(),
  validFrom: z.string().optional(),
  validUntil: z.string().optional(),
  updatedAt: IsoDateTime,
  /** Read by the signed-in agent. */
  gelezen: z.boolean(),
});
export type NieuwsItem = z.infer<typeof NieuwsItem>;
export const NieuwsResponse = z.object({ items: z.array(NieuwsItem), ongelezen: z.number().int() });
export type NieuwsResponse = z.infer<typeof NieuwsResponse>;
export const NieuwsGelezenResponse = z.object({ id: z.string(), gelezen: z.literal(true) });
export type NieuwsGelezenResponse = z.infer<typeof NieuwsGelezenResponse>;

// ---------------------------------------------------------------- kanaalsturing KPI
export const KanaalsturingStatsQuery = z.object({
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export const KanaalsturingCounts = z.object({
  total: z.number().int(),
  gewezenOpPrimairKanaal: z.number().int(),
  nietGewezen: z.number().int(),
  /** gewezen / total, 0 when total is 0. */
  aandeelGewezen: z.number(),
  /** Contacts that came in through the product's primary channel (the channel used, not the agent's tick). */
  viaPrimairKanaal: z.number().int(),
  /** viaPrimairKanaal / total, 0 when total is 0. */
  aandeelViaPrimairKanaal: z.number(),
});
export const KanaalsturingStatsResponse = KanaalsturingCounts.extend({
  perProduct: z.array(KanaalsturingCounts.extend({ product: z.string(), primairKanaal: z.string() })),
});
export type KanaalsturingStatsResponse = z.infer<typeof KanaalsturingStatsResponse>;

// ---------------------------------------------------------------- agent feedback and the quality report
/** `POST /api/kennisbank/feedback`: "Dit hielp" / "Dit hielp niet" on a result, for the query it answered. */
export const KennisbankFeedbackInput = z
  .object({
    articleId: z.string().min(1).max(200),
    query: z.string().trim().min(1).max(256),
    hielp: z.boolean(),
  })
  .strict();
export type KennisbankFeedbackInput = z.infer<typeof KennisbankFeedbackInput>;

const ReportArticle = z.object({ id: z.string(), type: ArticleType, title: z.string() });
/** `GET /api/kennisbank/rapport`: what the redacteur should look at. */
export const KennisbankRapport = z.object({
  /** Published articles whose body has no answer text. */
  zonderAntwoord: z.array(ReportArticle),
  /** Articles past their review date, oldest first. */
  reviewVerlopen: z.array(ReportArticle.extend({ owner: z.string().optional(), reviewDate: z.string() })),
  /** Articles agents marked "Dit hielp niet" more often than "Dit hielp". */
  zwakkeArtikelen: z.array(ReportArticle.extend({ hielp: z.number().int(), hieldNiet: z.number().int() })),
  /** Queries with "Dit hielp niet" and no result that helped. */
  vragenZonderGoedAntwoord: z.array(z.object({ query: z.string(), hieldNiet: z.number().int() })),
  /** Full counts of the first two lists (each list shows at most 200). */
  aantallen: z.object({ zonderAntwoord: z.number().int(), reviewVerlopen: z.number().int() }),
  /** Residents on the website: sessions that opened an answer, and of those the ones that started no chat. */
  publiek: z.object({ sessiesMetAntwoord: z.number().int(), zonderChat: z.number().int() }),
});
export type KennisbankRapport = z.infer<typeof KennisbankRapport>;

// ---------------------------------------------------------------- public search (residents, the widget)
export const PUBLIC_SEARCH_LIMIT_MAX = 10;
export const PublicSearchQuery = z.object({
  q: z
    .string({ message: 'q moet één tekst zijn' })
    .trim()
    .min(2, { message: 'typ minstens 2 tekens' })
    .max(256, { message: 'hoogstens 256 tekens' }),
  limit: z.coerce.number().int().min(1).max(PUBLIC_SEARCH_LIMIT_MAX).default(5),
});
export const PublicSearchItem = z.object({
  id: z.string(),
  type: ArticleType,
  title: z.string(),
  /** HTML-escaped excerpt with `<mark>` around matched words. */
  snippet: z.string(),
  url: z.string().nullable(),
  /** The kanalenmatrix advice: the channel that serves this question best. */
  kanaal: Kanaal.optional(),
});
export type PublicSearchItem = z.infer<typeof PublicSearchItem>;
export const PublicSearchResponse = z.object({ query: z.string(), items: z.array(PublicSearchItem) });
export type PublicSearchResponse = z.infer<typeof PublicSearchResponse>;

/** `POST /api/public/kennisbank/events`: the widget reports an opened answer or a chat started after one. */
export const PublicKennisbankEvent = z
  .object({
    kind: z.enum(['geopend', 'chat-gestart']),
    /** A random id the widget keeps for this visit (not personal data). */
    sessie: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'ongeldige sessie' }),
    articleId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type PublicKennisbankEvent = z.infer<typeof PublicKennisbankEvent>;
