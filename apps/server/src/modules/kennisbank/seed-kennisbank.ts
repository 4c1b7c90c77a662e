import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { ARTICLE_TYPES, type ArticleType } from '@kcc/contracts/kennisbank';
import { Doelgroep, KanaalSoort } from '@kcc/contracts/kanaaladvies';
import { toKennisbankDocument, withProductInfo, withZoektermen, type ProductInfo } from '@kcc/kennisbank';
import { REPO_ROOT } from '../../config';
import { defaultOwner, reviewDateAfter } from './article-owner';
import type { ArticleRecord, KennisbankRepository } from './kennisbank.repository';

/** The shipped content (copied from the shared data set, with attribution in its SOURCES.md). */
export const KENNISBANK_ASSETS_DIR = path.join(REPO_ROOT, 'assets', 'kennisbank');
const ARTICLE_FILES = ['kennisbank.jsonl', 'werkinstructies.jsonl', 'afdelingen.jsonl', 'nieuws.jsonl'];
const SYNONYMS_FILE = 'synoniemen.json';
const KANALENMATRIX_FILE = 'kanalenmatrix.json';
/** Costs, how to apply and delivery time per UPL product, from the licensed sources (CC0 VACs). */
const PRODUCT_INFO_FILE = 'productinformatie.json';
/** The words residents use per article id, added to its keywords (the redacteur edits them there). */
const ZOEKTERMEN_FILE = 'zoektermen.json';

/** Per-article content that the seed adds to the corpus items. */
export interface SeedExtras {
  productInfo?: Record<string, ProductInfo>;
  zoektermen?: Record<string, string[]>;
}

/** Raw fields that become columns; everything else is kept as source metadata. */
const COLUMN_FIELDS = new Set([
  'id',
  'type',
  'title',
  'body',
  'url',
  'keywords',
  'published',
  'validFrom',
  'validUntil',
  'publishFrom',
  'publishUntil',
  'belangrijk',
  'product',
  'owner',
  'reviewDate',
]);

const isArticleType = (t: string): t is ArticleType => (ARTICLE_TYPES as readonly string[]).includes(t);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** One parsed JSONL line → an article record, or undefined when it lacks id/type/title or has an unknown type. */
export function seedArticle(raw: unknown, now: number, extras: SeedExtras = {}): ArticleRecord | undefined {
  const mapped = toKennisbankDocument(raw);
  if (!mapped) return undefined;
  const type = mapped.type;
  if (!isArticleType(type)) return undefined;
  const doc = withZoektermen(
    withProductInfo(mapped, extras.productInfo?.[mapped.id]),
    extras.zoektermen?.[mapped.id],
  );
  const item = raw as Record<string, unknown>;
  const meta = Object.fromEntries(
    Object.entries(item).filter(([k, v]) => !COLUMN_FIELDS.has(k) && v !== null),
  );
  const product = str(item.product) ?? str(item.upl);
  // a year after the source last changed it (VAC `lastmodified`), else a year after seeding
  const lastModified = Date.parse(str(item.lastmodified) ?? '');
  return {
    id: doc.id,
    type,
    title: doc.title,
    body: doc.body,
    ...(doc.url !== undefined ? { url: doc.url } : {}),
    keywords: doc.keywords ?? [],
    published: item.published !== false,
    ...(doc.validFrom !== undefined ? { validFrom: doc.validFrom } : {}),
    ...(doc.validUntil !== undefined ? { validUntil: doc.validUntil } : {}),
    belangrijk: item.belangrijk === true,
    ...(product !== undefined ? { product } : {}),
    owner: str(item.owner) ?? defaultOwner(type, doc.title),
    reviewDate: str(item.reviewDate) ?? reviewDateAfter(Number.isNaN(lastModified) ? now : lastModified),
    meta,
    createdAt: now,
    updatedAt: now,
  };
}

function readJsonl(
  file: string,
  now: number,
  extras: SeedExtras,
): { articles: ArticleRecord[]; skipped: number } {
  const articles: ArticleRecord[] = [];
  let skipped = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let article: ArticleRecord | undefined;
    try {
      article = seedArticle(JSON.parse(line), now, extras);
    } catch {
      article = undefined;
    }
    if (article) articles.push(article);
    else skipped++;
  }
  return { articles, skipped };
}

export interface SeedResult {
  articles: number;
  skipped: number;
  synonyms: number;
  kanalen: number;
}

/**
 * Seed an empty store from `dir`. Articles and the kanalenmatrix only in demo mode (municipal content);
 * the synonym map always (it is Dutch language data, not demo content). Each part only when still empty.
 */
export async function seedKennisbank(
  store: KennisbankRepository,
  options: { dir: string; demo: boolean; now: number; log: FastifyBaseLogger },
): Promise<SeedResult> {
  const { dir, demo, now, log } = options;
  const result: SeedResult = { articles: 0, skipped: 0, synonyms: 0, kanalen: 0 };
  const file = (name: string) => path.join(dir, name);
  await store.transaction(async (repo) => {
    if (demo && (await repo.countArticles()) === 0) {
      const readOptional = <T>(name: string): T | undefined =>
        fs.existsSync(file(name)) ? (JSON.parse(fs.readFileSync(file(name), 'utf8')) as T) : undefined;
      const extras: SeedExtras = {
        productInfo: readOptional<Record<string, ProductInfo>>(PRODUCT_INFO_FILE) ?? {},
        zoektermen: readOptional<Record<string, string[]>>(ZOEKTERMEN_FILE) ?? {},
      };
      for (const name of ARTICLE_FILES) {
        if (!fs.existsSync(file(name))) {
          log.warn({ file: file(name) }, 'kennisbank seed file missing');
          continue;
        }
        const { articles, skipped } = readJsonl(file(name), now, extras);
        for (const a of articles) await repo.putArticle(a);
        result.articles += articles.length;
        result.skipped += skipped;
      }
    }
    if (!(await repo.getSynonyms()) && fs.existsSync(file(SYNONYMS_FILE))) {
      const parsed = JSON.parse(fs.readFileSync(file(SYNONYMS_FILE), 'utf8')) as unknown;
      const map: Record<string, string[]> = {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) {
          if (Array.isArray(v)) map[k] = v.filter((s): s is string => typeof s === 'string');
        }
      }
      await repo.putSynonyms({ map, updatedAt: now });
      result.synonyms = Object.keys(map).length;
    }
    if (demo && (await repo.kanalenmatrix()).length === 0 && fs.existsSync(file(KANALENMATRIX_FILE))) {
      const parsed = JSON.parse(fs.readFileSync(file(KANALENMATRIX_FILE), 'utf8')) as Record<string, unknown>;
      for (const [product, value] of Object.entries(parsed)) {
        const v = value as Record<string, unknown>;
        const primair = str(v.primair);
        const secundair = str(v.secundair);
        if (!primair || !secundair) continue;
        const uplId = str(v.uplId);
        const doelgroep = Doelgroep.safeParse(v.doelgroep);
        const nietVia = z.array(KanaalSoort).safeParse(v.nietVia);
        await repo.putKanaal({
          product,
          ...(uplId ? { uplId } : {}),
          primair,
          secundair,
          doelgroep: doelgroep.success ? doelgroep.data : 'beide',
          nietVia: nietVia.success ? nietVia.data : [],
          updatedAt: now,
        });
        result.kanalen++;
      }
    }
  });
  return result;
}
