import type { Article, ArticleInput, ArticleType } from '@kcc/contracts/kennisbank';
import type { InvalidParamItem } from '../../../lib/api-client';
import { invalidParamReason } from '../../../lib/api-client';

export interface ArticleFormValues {
  type: ArticleType;
  title: string;
  body: string;
  url: string;
  /** Comma-separated. */
  keywords: string;
  validFrom: string;
  validUntil: string;
  belangrijk: boolean;
  product: string;
  published: boolean;
}

export type ArticleFormField = keyof ArticleFormValues;
export type ArticleFormErrors = Partial<Record<ArticleFormField, string>>;

export const ARTICLE_LIMITS = {
  title: 300,
  body: 60_000,
  url: 2000,
  keywords: 50,
  keyword: 100,
  product: 200,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function emptyArticleForm(type: ArticleType = 'werkinstructie'): ArticleFormValues {
  return {
    type,
    title: '',
    body: '',
    url: '',
    keywords: '',
    validFrom: '',
    validUntil: '',
    belangrijk: false,
    product: '',
    published: false,
  };
}

export function articleToForm(article: Article): ArticleFormValues {
  return {
    type: article.type,
    title: article.title,
    body: article.body,
    url: article.url ?? '',
    keywords: article.keywords.join(', '),
    validFrom: article.validFrom ?? '',
    validUntil: article.validUntil ?? '',
    belangrijk: article.belangrijk,
    product: article.product ?? '',
    published: article.published,
  };
}

export function splitKeywords(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    ),
  ];
}

function isValidDate(value: string): boolean {
  if (!DATE.test(value) && !DATE_TIME.test(value)) return false;
  return !Number.isNaN(Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value));
}

/** Start of validFrom / end of a date-only validUntil (that whole day counts, as on the server). */
function instant(value: string, endOfDay: boolean): number {
  return Date.parse(DATE.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : value);
}

export function validateArticleForm(values: ArticleFormValues): ArticleFormErrors {
  const errors: ArticleFormErrors = {};
  const title = values.title.trim();
  if (title === '') errors.title = 'Vul de titel in.';
  else if (title.length > ARTICLE_LIMITS.title)
    errors.title = `De titel mag maximaal ${ARTICLE_LIMITS.title} tekens hebben.`;
  if (values.body.length > ARTICLE_LIMITS.body)
    errors.body = `De tekst mag maximaal ${ARTICLE_LIMITS.body} tekens hebben.`;
  const url = values.url.trim();
  if (url !== '') {
    let ok: boolean;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok || url.length > ARTICLE_LIMITS.url)
      errors.url = 'Vul een webadres in dat begint met https:// of http://.';
  }
  const keywords = splitKeywords(values.keywords);
  if (keywords.length > ARTICLE_LIMITS.keywords)
    errors.keywords = `Hoogstens ${ARTICLE_LIMITS.keywords} trefwoorden.`;
  else if (keywords.some((k) => k.length > ARTICLE_LIMITS.keyword))
    errors.keywords = `Een trefwoord mag maximaal ${ARTICLE_LIMITS.keyword} tekens hebben.`;
  const from = values.validFrom.trim();
  const until = values.validUntil.trim();
  if (from !== '' && !isValidDate(from))
    errors.validFrom = 'Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01.';
  if (until !== '' && !isValidDate(until))
    errors.validUntil = 'Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-31.';
  else if (from !== '' && until !== '' && !errors.validFrom && instant(until, true) < instant(from, false))
    errors.validUntil = 'De einddatum ligt vóór de begindatum.';
  if (values.product.trim().length > ARTICLE_LIMITS.product) errors.product = 'De productnaam is te lang.';
  return errors;
}

export function toArticleInput(values: ArticleFormValues): ArticleInput {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    type: values.type,
    title: values.title.trim(),
    body: values.body,
    url: optional(values.url),
    keywords: splitKeywords(values.keywords),
    published: values.published,
    validFrom: optional(values.validFrom),
    validUntil: optional(values.validUntil),
    belangrijk: values.type === 'nieuws' ? values.belangrijk : false,
    product: optional(values.product),
  };
}

const FIELDS: readonly ArticleFormField[] = [
  'type',
  'title',
  'body',
  'url',
  'keywords',
  'validFrom',
  'validUntil',
  'belangrijk',
  'product',
  'published',
];

/** zod's generic messages are English; the server's own checks (product, dates) give Dutch reasons worth keeping. */
function reasonOf(param: InvalidParamItem): string {
  return /^(invalid|too |expected|string|number|unrecognized)/i.test(param.reason)
    ? invalidParamReason(param)
    : param.reason;
}

/** The server's invalidParams (`title`, `body.title`, `keywords.3`) placed next to their fields. */
export function mapArticleInvalidParams(params: InvalidParamItem[]): {
  fields: ArticleFormErrors;
  general: string[];
} {
  const fields: ArticleFormErrors = {};
  const general: string[] = [];
  for (const param of params) {
    const name = param.name.replace(/^body\./, '').split('.')[0] ?? '';
    const field = FIELDS.find((f) => f === name);
    if (field) fields[field] ??= reasonOf(param);
    else general.push(reasonOf(param));
  }
  return { fields, general };
}
