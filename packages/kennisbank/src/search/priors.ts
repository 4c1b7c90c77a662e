import { dutchStem } from '../analysis/dutch-stemmer';
import type { KennisbankDocument } from '../types';

/**
 * What the corpus knows about a document besides its words, as score multipliers: the government level
 * that provides it, whether the KCC has a kanaaladvies for it, and who it is for (doelgroep) against who
 * the query is about. Tuned on the development queries only (see README, "Evaluation protocol").
 */
export const DOELGROEP_INWONER = 1;
export const DOELGROEP_ONDERNEMER = 2;

/** A product no municipality provides (only rijk, provincie or waterschap): the KCC answers it less often. */
export const OTHER_GOVERNMENT_FACTOR = 0.7;
/** A product in the kanalenmatrix: one of the KCC's own services. */
export const KANAAL_FACTOR = 1.1;
/** A document only for ondernemers, for a query that does not say it is about a business. */
export const ONDERNEMER_ONLY_FACTOR = 0.85;
/** A document for ondernemers, for a query that says it is about a business. */
export const ONDERNEMER_MATCH_FACTOR = 1.2;

const ONDERNEMER_WORDS = [
  'ondernemer',
  'ondernemers',
  'bedrijf',
  'bedrijven',
  'zaak',
  'onderneming',
  'zzp',
  'zzper',
  'zelfstandige',
  'winkel',
  'horeca',
  'werkgever',
  'kvk',
];
const ONDERNEMER_STEMS = new Set(ONDERNEMER_WORDS.map((w) => dutchStem(w)));

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function doelgroepBits(doc: KennisbankDocument): number {
  let bits = 0;
  for (const d of strings(doc.doelgroep)) {
    if (d === 'inwoner') bits |= DOELGROEP_INWONER;
    else if (d === 'ondernemer') bits |= DOELGROEP_ONDERNEMER;
  }
  return bits;
}

/** The query-independent multiplier of a document. */
export function documentPrior(doc: KennisbankDocument): number {
  const levels = strings(doc.overheidslaag);
  let prior = levels.length > 0 && !levels.includes('gemeente') ? OTHER_GOVERNMENT_FACTOR : 1;
  if (doc.kanaal !== undefined && doc.kanaal !== null && doc.kanaal !== false) prior *= KANAAL_FACTOR;
  return prior;
}

/** Whether the query is about a business ("afval van mijn bedrijf", "zzp"), from its folded words. */
export function queryIsOndernemer(words: readonly string[]): boolean {
  return words.some((w) => ONDERNEMER_STEMS.has(dutchStem(w)));
}

/** The multiplier for a document's doelgroep bits given whether the query is about a business. */
export function doelgroepFactor(bits: number, ondernemerQuery: boolean): number {
  if ((bits & DOELGROEP_ONDERNEMER) === 0) return 1;
  if (ondernemerQuery) return ONDERNEMER_MATCH_FACTOR;
  return (bits & DOELGROEP_INWONER) === 0 ? ONDERNEMER_ONLY_FACTOR : 1;
}
