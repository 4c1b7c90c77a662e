import type { IndexTerm } from '../analysis/analyzer';
import { Analyzer } from '../analysis/analyzer';
import { STOPWORDS } from '../analysis/stopwords';
import type { SynonymMap } from '../analysis/synonyms';
import { SynonymTable, MAX_SYNONYM_WORDS } from '../analysis/synonyms';
import type { RawToken } from '../analysis/text';
import { tokenize } from '../analysis/text';
import type {
  KennisbankDocument,
  KennisbankIndexOptions,
  QueryClauseInfo,
  SearchHit,
  SearchOptions,
  SearchResult,
} from '../types';
import { BASE_TYPE_BOOST, typeBoosts } from './intent';
import { FIELD_COUNT, KEYWORDS, PostingList, TITLE } from './posting-list';
import { MAX_SNIPPET_SOURCE_CHARS, makeSnippet } from './snippet';
import { doelgroepBits, doelgroepFactor, documentPrior, queryIsOndernemer } from './priors';
import { SlotTable } from './slot-table';
import type { SynonymSpan } from './synonym-spans';
import { chooseSynonymSpans } from './synonym-spans';
import { TopK } from './top-k';
import { Vocabulary } from './vocabulary';

/** Queries are cut to this many characters (a 10 kB paste is searched by its start). */
export const MAX_QUERY_CHARS = 256;
const MAX_CLAUSES = 24;
const MAX_BODY_CHARS = 60_000;
/** Word term ids kept per document, for proximity and snippets: covers the 3,000 characters a snippet looks at. */
const MAX_SEQUENCE = 600;
/** The proximity bonus looks at the first this many of them. */
const PROXIMITY_WORDS = 400;
const RERANK_DEPTH = 30;
/** Clauses the proximity bonus looks at (one bit each in a 32-bit mask). */
const MAX_ANCHORED = 30;

/** BM25F parameters: field weight and length normalisation per field (title, keywords, body). */
const FIELD_WEIGHTS = [3, 2, 1] as const;
const FIELD_B = [0.5, 0.5, 0.75] as const;
const K1 = 1.2;
/**
 * Coordination: the share of the query (clauses weighted by IDF, so rare words count more) a
 * document matches scales its score from this floor up to 1.
 */
const COORDINATION_FLOOR = 0.4;
/** A term is "common" (scored only on documents that matched a rarer clause) above this share of a large index. */
const COMMON_TERM_SHARE = 0.01;
const COMMON_TERM_MIN_DF = 1_000;
/** Common terms switch to look-ups only once this many candidate documents have been found. */
const MIN_CANDIDATES = 1_000;
/** Extra score for covering the query in the title (titles name the product or question). */
const TITLE_COVERAGE_BONUS = 0.6;
/**
 * Extra title-coverage bonus when the query names the whole title (see `titleNamed`): "paspoort aanvragen"
 * names the UPL product "paspoort". Full for a type the query's intent asks for (product intent → product),
 * half for other types.
 */
const NAMED_TITLE_BONUS = 1.5;
const NAMED_WITHOUT_INTENT = 0.5;
/** Flags in the per-term scratch array. */
const HIGHLIGHT = 1;
const NAMED = 2;

const WEIGHT = {
  exact: 1,
  hyphenParts: 0.9,
  synonym: 0.9,
  compoundPart: 0.5,
  fuzzy1: 0.75,
  fuzzy2: 0.55,
  prefix: 0.7,
  compoundHead: 0.5,
} as const;

/** A query word of at least this many letters also finds the compounds it starts ("laadpaal" → laadpaalverzoek). */
const MIN_COMPOUND_HEAD = 5;
const MAX_COMPOUND_HEADS = 12;
/**
 * Expansions of one word (prefix completions, compound heads) together scan at most this share of the index's
 * documents (at least EXPANSION_MIN_POSTINGS postings): "ver" alone would otherwise score a dozen of the largest
 * posting lists on a 100,000-document index. The most frequent expansions come first, so the cap drops rare ones.
 */
const EXPANSION_SHARE = 0.3;
const EXPANSION_MIN_POSTINGS = 5_000;
/**
 * All clauses of one query together scan at most this many postings per indexed document (at least
 * QUERY_MIN_POSTINGS): 40 stopwords or a dozen very common words would otherwise read most of a large index
 * several times over. Rarest clauses first, so what is left out weighs least.
 */
const QUERY_POSTINGS_PER_DOC = 1;
const QUERY_MIN_POSTINGS = 50_000;

interface StoredDoc {
  doc: KennisbankDocument;
  terms: Int32Array;
  /** term ids of the title's words, -1, then the body's words (up to MAX_SEQUENCE, keywords left out) */
  sequence: Int32Array;
  /** index of the -1 between title and body in `sequence` */
  titleWords: number;
  /** `sequence` holds every word of the part of the body a snippet looks at */
  snippetWordsKnown: boolean;
  fieldLength: number[];
}

interface TermRef {
  id: number;
  weight: number;
  /** document frequency to score this term with (expansions share the most frequent one's, so rare completions do not win) */
  df?: number;
}
interface Alternative {
  terms: TermRef[];
  weight: number;
}
interface Clause {
  alternatives: Alternative[];
  /**
   * Alternatives of several words, each word a clause of its own, scored as the mean of their best scores:
   * the words of a multi-word synonym span ("id kaart") and its multi-word synonyms, so the span counts once
   * whichever of them a document uses.
   */
  groups?: WordGroup[];
  weight: number;
  /** the query words this clause stands for, and the synonyms that may replace them (for `explain`) */
  covers: readonly string[];
  synonyms: readonly string[];
  /** term ids that count as this clause for the proximity bonus */
  anchorTerms: Set<number>;
  stopword: boolean;
}
interface WordGroup {
  words: Clause[];
  weight: number;
  /** the query's own words (not a synonym) */
  own: boolean;
}
interface QueryUnit {
  parts: string[];
  joined?: string;
  last: boolean;
}

/**
 * The term ids that stand for each query word, in query order, for the proximity bonus: one set per clause,
 * except that a multi-word synonym span has one per word of its own, and its synonyms count for every one of
 * them. A synonym ("identiteitskaart") then stands for the whole phrase ("id kaart") next to the words around it.
 */
function proximityAnchors(clauses: Clause[]): ReadonlySet<number>[] {
  const anchors: ReadonlySet<number>[] = [];
  for (const clause of clauses) {
    if (clause.stopword || clause.anchorTerms.size === 0) continue;
    const own = clause.groups?.find((g) => g.own);
    if (!own || own.words.length < 2) {
      anchors.push(clause.anchorTerms);
      continue;
    }
    const ownTerms = new Set(own.words.flatMap((w) => [...w.anchorTerms]));
    const synonymTerms = [...clause.anchorTerms].filter((id) => !ownTerms.has(id));
    for (const word of own.words) anchors.push(new Set([...word.anchorTerms, ...synonymTerms]));
  }
  return anchors;
}

/** Calls `visit` for every term of a clause, including those of its word groups. */
function forEachTerm(clause: Clause, visit: (term: TermRef) => void): void {
  for (const alt of clause.alternatives) for (const t of alt.terms) visit(t);
  if (clause.groups)
    for (const group of clause.groups) for (const word of group.words) forEachTerm(word, visit);
}

const dateMs = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/**
 * The kennisbank search engine: an in-memory inverted index with Dutch analysis, synonyms, compound
 * splitting, typo tolerance, prefix completion and BM25F ranking with proximity and intent boosts.
 * Pure: no I/O; documents come in through `upsert` and leave through `remove`, each without a rebuild.
 */
export class KennisbankIndex {
  private readonly analyzer = new Analyzer();
  private synonyms = new SynonymTable();
  private stemmedSynonyms = new Map<string, readonly string[]>();
  private readonly termIds = new Map<string, number>();
  private readonly termStrings: string[] = [];
  private readonly postings: PostingList[] = [];
  /** per term id: the compound-part term ids of the first word seen with that stem (for snippets) */
  private readonly termParts: (Int32Array | undefined)[] = [];
  /** per term id: 1 when every word seen with this stem is a stopword, 2 otherwise, 0 not seen as a word */
  private termStop = new Uint8Array(1024);
  private df = new Int32Array(1024);
  private readonly surfaceTerm = new Map<string, number>();
  private readonly vocabulary = new Vocabulary();
  private readonly slots: (StoredDoc | undefined)[] = [];
  private readonly idToSlot = new Map<string, number>();
  private readonly typeCounts = new Map<string, number>();
  private readonly slotTable = new SlotTable();
  private readonly fieldLengthSum = [0, 0, 0];
  /** field lengths per slot, flat: slot * FIELD_COUNT + field */
  private fieldLengths = new Float32Array(1024 * FIELD_COUNT);
  private live = 0;

  // scratch buffers reused between queries (sized to the slot count)
  private total = new Float64Array(0);
  private clauseBest = new Float32Array(0);
  private altScore = new Float32Array(0);
  private matchedWeight = new Float32Array(0);
  private titleWeight = new Float32Array(0);
  private clauseTitle = new Float32Array(0);
  // for word groups (multi-word synonym spans): per word clause, then their mean
  private wordBest = new Float32Array(0);
  private wordTitle = new Float32Array(0);
  private wordList = new Int32Array(0);
  private spanScore = new Float32Array(0);
  private spanTitle = new Float32Array(0);
  private spanList = new Int32Array(0);
  private altList = new Int32Array(0);
  private clauseList = new Int32Array(0);
  private touchedList = new Int32Array(0);
  private seen = new Uint8Array(0);
  private clauseMask = new Int32Array(0);
  private termFlags = new Uint8Array(0);
  private readonly proximityLast = new Int32Array(MAX_ANCHORED);
  private readonly proximityBest = new Float32Array(MAX_ANCHORED);

  constructor(options: KennisbankIndexOptions = {}) {
    if (options.synonyms) this.setSynonyms(options.synonyms);
  }

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.idToSlot.has(id);
  }

  get(id: string): KennisbankDocument | undefined {
    const slot = this.idToSlot.get(id);
    return slot === undefined ? undefined : this.slots[slot]?.doc;
  }

  /** Analyses text the way this index does (with its learned compound lexicon). */
  analyze(text: string): string[] {
    return this.analyzer.analyze(typeof text === 'string' ? text.slice(0, MAX_QUERY_CHARS) : '');
  }

  /**
   * How a query is read: one entry per scored clause, with the query words it stands for and the synonyms
   * that may replace them. A multi-word synonym key is one entry ("id kaart" → identiteitskaart). For tests
   * and for checking the synonym list; `search` reads the query the same way.
   */
  explain(query: string): QueryClauseInfo[] {
    if (typeof query !== 'string') return [];
    return this.readQuery(query).clauses.map((c) => ({ words: [...c.covers], synonyms: [...c.synonyms] }));
  }

  /** The query's tokens, the synonym spans it uses and its clauses. */
  private readQuery(query: string): { tokens: RawToken[]; spans: SynonymSpan[]; clauses: Clause[] } {
    const text = query.slice(0, MAX_QUERY_CHARS);
    const tokens = tokenize(text);
    if (tokens.length === 0) return { tokens, spans: [], clauses: [] };
    const units = this.queryUnits(tokens, /[\p{L}\p{N}]$/u.test(text));
    const spans = this.synonymSpans(units);
    return { tokens, spans, clauses: this.buildClauses(units, spans) };
  }

  setSynonyms(map: SynonymMap): void {
    this.synonyms = new SynonymTable(map && typeof map === 'object' ? map : {});
    this.stemmedSynonyms = new Map();
    for (const word of this.synonyms.words()) this.analyzer.splitter.learn(word);
    for (const [key, values] of this.synonyms.entries()) {
      const stemKey = key
        .split(' ')
        .map((w) => this.analyzer.stem(w))
        .join(' ');
      const existing = this.stemmedSynonyms.get(stemKey) ?? [];
      this.stemmedSynonyms.set(stemKey, [...new Set([...existing, ...values])]);
    }
  }

  /** Adds many documents; their vocabulary is learned first so compounds split the same for all of them. */
  upsertMany(docs: Iterable<KennisbankDocument>): void {
    const list = [...docs];
    for (const doc of list) this.learn(doc);
    for (const doc of list) this.insert(doc, false);
  }

  /** Adds or replaces one document (the old version's postings become tombstones; nothing is rebuilt). */
  upsert(doc: KennisbankDocument): void {
    this.insert(doc, true);
  }

  private insert(doc: KennisbankDocument, learn: boolean): void {
    if (!doc || typeof doc.id !== 'string' || doc.id.length === 0) {
      throw new TypeError('A kennisbank document needs a non-empty string id');
    }
    if (typeof doc.type !== 'string' || doc.type.length === 0) {
      throw new TypeError(`Kennisbank document ${doc.id} needs a non-empty string type`);
    }
    if (this.idToSlot.has(doc.id)) this.remove(doc.id);
    if (learn) this.learn(doc);

    const title = typeof doc.title === 'string' ? doc.title : '';
    const keywords = Array.isArray(doc.keywords)
      ? doc.keywords.filter((k) => typeof k === 'string').join(' . ')
      : '';
    const body = typeof doc.body === 'string' ? doc.body.slice(0, MAX_BODY_CHARS) : '';
    const fields: IndexTerm[][] = [
      this.analyzer.indexTerms(title),
      this.analyzer.indexTerms(keywords),
      this.analyzer.indexTerms(body),
    ];

    const slot = this.slots.length;
    const tfByTerm = new Map<number, number[]>();
    const fieldLength = [0, 0, 0];
    const sequence: number[] = [];
    let titleWords = 0;
    fields.forEach((terms, field) => {
      let wordId = -1;
      let wordPosition = -1;
      let parts: number[] = [];
      const flushParts = (): void => {
        if (wordId >= 0 && parts.length > 0 && this.termParts[wordId] === undefined)
          this.termParts[wordId] = Int32Array.from(parts);
        parts = [];
      };
      for (const t of terms) {
        const id = this.termId(t.term);
        if (t.surface !== undefined) {
          if (this.termStop[id] !== 2) this.termStop[id] = STOPWORDS.has(t.surface) ? 1 : 2;
          flushParts();
          wordId = id;
          wordPosition = t.position;
        } else if (t.position === wordPosition) {
          parts.push(id);
        }
        let tfs = tfByTerm.get(id);
        if (!tfs) {
          tfs = [0, 0, 0];
          tfByTerm.set(id, tfs);
        }
        tfs[field]! += t.weight;
        if (t.weight === 1) fieldLength[field]!++;
        if (t.surface !== undefined && !this.surfaceTerm.has(t.surface)) {
          this.surfaceTerm.set(t.surface, id);
          if (!STOPWORDS.has(t.surface) && !/^\d+$/.test(t.surface)) this.vocabulary.add(t.surface);
        }
        if (field !== KEYWORDS && t.weight === 1 && sequence.length < MAX_SEQUENCE) sequence.push(id);
      }
      flushParts();
      if (field === TITLE) {
        titleWords = sequence.length;
        sequence.push(-1);
      }
    });

    for (const [id, tfs] of tfByTerm) {
      this.postings[id]!.add(slot, tfs);
      this.df[id]!++;
    }
    for (let f = 0; f < FIELD_COUNT; f++) this.fieldLengthSum[f]! += fieldLength[f]!;
    if ((slot + 1) * FIELD_COUNT > this.fieldLengths.length) {
      const grown = new Float32Array(this.fieldLengths.length * 2);
      grown.set(this.fieldLengths);
      this.fieldLengths = grown;
    }
    for (let f = 0; f < FIELD_COUNT; f++) this.fieldLengths[slot * FIELD_COUNT + f] = fieldLength[f]!;

    // capped sequence (long body): check whether it still reaches past the snippet's source
    const snippetWordsKnown =
      sequence.length < MAX_SEQUENCE ||
      tokenize(body.slice(0, MAX_SNIPPET_SOURCE_CHARS)).filter((t) => !t.joined).length <=
        sequence.length - titleWords - 1;
    const boost =
      typeof doc.boost === 'number' && Number.isFinite(doc.boost) && doc.boost > 0 ? doc.boost : 1;
    this.slots.push({
      doc,
      terms: Int32Array.from(tfByTerm.keys()),
      sequence: Int32Array.from(sequence),
      titleWords,
      snippetWordsKnown,
      fieldLength,
    });
    this.slotTable.set(
      slot,
      doc.type,
      doc.published !== false,
      dateMs(doc.validFrom ?? doc.publishFrom),
      dateMs(doc.validUntil ?? doc.publishUntil),
      boost * documentPrior(doc),
      doelgroepBits(doc),
    );
    this.idToSlot.set(doc.id, slot);
    this.typeCounts.set(doc.type, (this.typeCounts.get(doc.type) ?? 0) + 1);
    this.live++;
  }

  /** Removes a document; unknown ids are ignored. */
  remove(id: string): void {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return;
    const stored = this.slots[slot]!;
    this.slots[slot] = undefined;
    this.slotTable.clear(slot);
    this.idToSlot.delete(id);
    const isLive = (s: number): boolean => this.slots[s] !== undefined;
    for (const termId of stored.terms) {
      this.df[termId]!--;
      this.postings[termId]!.markDead(isLive);
    }
    for (let f = 0; f < FIELD_COUNT; f++) this.fieldLengthSum[f]! -= stored.fieldLength[f]!;
    const count = (this.typeCounts.get(stored.doc.type) ?? 1) - 1;
    if (count > 0) this.typeCounts.set(stored.doc.type, count);
    else this.typeCounts.delete(stored.doc.type);
    this.live--;
  }

  search(query: string, opts: SearchOptions = {}): SearchResult {
    const empty: SearchResult = { total: 0, items: [] };
    if (typeof query !== 'string' || this.live === 0) return empty;
    const options = opts && typeof opts === 'object' ? opts : {};
    const type = typeof options.type === 'string' && options.type.length > 0 ? options.type : undefined;
    if (type !== undefined && !this.typeCounts.has(type)) return empty;
    const limit = Number.isFinite(options.limit)
      ? Math.min(100, Math.max(1, Math.floor(options.limit!)))
      : 10;
    const nowDate =
      options.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
    const now = nowDate.getTime();

    const { tokens, spans, clauses } = this.readQuery(query);
    if (clauses.length === 0) return empty;
    const synonymWords = spans.flatMap((span) => span.values.flatMap((v) => v.split(' ')));
    const boosts = typeBoosts(tokens.map((t) => t.surface).concat(synonymWords));
    const intentTypes = new Set(
      [...boosts].filter(([t, b]) => b > (BASE_TYPE_BOOST[t] ?? 1)).map(([t]) => t),
    );

    this.ensureScratch();
    const { touched, totalWeight } = this.scoreClauses(clauses);

    // the query's words (not compound parts) per term id, to see which titles the query names in full
    const mark = this.termMark(); // scratch: bit 2 = query word, bit 1 = highlighted; cleared below
    const marked: number[] = [];
    for (const clause of clauses) {
      if (clause.stopword && clauses.some((c) => !c.stopword)) continue;
      for (const id of clause.anchorTerms) {
        mark[id]! |= NAMED;
        marked.push(id);
      }
    }

    // per type id: the intent boost and the share of the named-title bonus
    const table = this.slotTable;
    const typeFilter = type === undefined ? -1 : (table.typeId(type) ?? -2);
    const ondernemer = queryIsOndernemer(tokens.map((t) => t.surface));
    const doelgroepBoost = [0, 1, 2, 3].map((bits) => doelgroepFactor(bits, ondernemer));
    const typeBoost = new Float64Array(table.typeNames.length);
    const namedShare = new Float64Array(table.typeNames.length);
    table.typeNames.forEach((name, t) => {
      typeBoost[t] = boosts.get(name) ?? 1;
      namedShare[t] = NAMED_TITLE_BONUS * (intentTypes.has(name) ? 1 : NAMED_WITHOUT_INTENT);
    });

    const top = new TopK(Math.max(RERANK_DEPTH, limit));
    let total = 0;
    for (let k = 0; k < touched.length; k++) {
      const slot = touched[k]!;
      const base = this.total[slot]!;
      const coordination = this.matchedWeight[slot]! / totalWeight;
      const titleCoverage = this.titleWeight[slot]! / totalWeight;
      this.total[slot] = 0;
      this.matchedWeight[slot] = 0;
      this.titleWeight[slot] = 0;
      if (base <= 0 || !table.visible(slot, typeFilter, now)) continue;
      total++;
      const t = table.type[slot]!;
      const rest =
        base *
        (COORDINATION_FLOOR + (1 - COORDINATION_FLOOR) * coordination) *
        typeBoost[t]! *
        table.boost[slot]! *
        doelgroepBoost[table.doelgroep[slot]!]!;
      let score = rest * (1 + TITLE_COVERAGE_BONUS * titleCoverage);
      if (titleCoverage > 0) {
        // the named-title bonus can only raise the score: look at the title only when that could matter
        const most = rest * (1 + (TITLE_COVERAGE_BONUS + namedShare[t]!) * titleCoverage);
        if (top.accepts(most)) {
          const named = this.titleNamed(this.slots[slot]!, titleCoverage, mark);
          score = rest * (1 + (TITLE_COVERAGE_BONUS + namedShare[t]! * named) * titleCoverage);
        }
      }
      top.push(slot, score);
    }

    const anchored = proximityAnchors(clauses).slice(0, MAX_ANCHORED);
    // per term id, a bit per anchored word it counts for (scratch, cleared below)
    const maskedIds: number[] = [];
    const clauseOf = this.termClauseMask(anchored, maskedIds);
    // re-rank the kept candidates with the proximity bonus; ties keep the order of the base score
    const kept = top.kept();
    const finalScore = new Float64Array(kept.size);
    const order: number[] = [];
    for (let i = 0; i < kept.size; i++) {
      const slot = kept.items[i]!;
      finalScore[i] = kept.scores[i]! * this.proximityFactor(this.slots[slot]!, anchored.length, clauseOf);
      order.push(i);
    }
    order.sort((a, b) => finalScore[b]! - finalScore[a]! || kept.scores[b]! - kept.scores[a]!);
    for (let i = 0; i < maskedIds.length; i++) clauseOf[maskedIds[i]!] = 0;

    const highlight = new Set<string>();
    const highlightIds: number[] = [];
    for (const clause of clauses) {
      if (clause.stopword && clauses.some((c) => !c.stopword)) continue;
      forEachTerm(clause, (t) => {
        highlight.add(this.termStrings[t.id]!);
        highlightIds.push(t.id);
        mark[t.id]! |= HIGHLIGHT;
      });
    }
    const matchesId = (id: number): boolean => {
      if ((mark[id]! & HIGHLIGHT) !== 0) return true;
      const parts = this.termParts[id];
      if (parts === undefined) return false;
      for (let p = 0; p < parts.length; p++) if ((mark[parts[p]!]! & HIGHLIGHT) !== 0) return true;
      return false;
    };
    const matches = new Map<string, boolean>();
    const isMatch = (surface: string): boolean => {
      let match = matches.get(surface);
      if (match === undefined) {
        match = this.analyzer.termsOf(surface).some((t) => highlight.has(t));
        matches.set(surface, match);
      }
      return match;
    };
    const items: SearchHit[] = [];
    for (let k = 0; k < Math.min(limit, order.length); k++) {
      const slot = kept.items[order[k]!]!;
      const score = finalScore[order[k]!]!;
      const stored = this.slots[slot]!;
      const doc = stored.doc;
      const useBody = typeof doc.body === 'string' && doc.body.length > 0;
      const ids = useBody
        ? stored.sequence.subarray(stored.titleWords + 1)
        : stored.sequence.subarray(0, stored.titleWords);
      const hit: SearchHit = {
        id: doc.id,
        type: doc.type,
        title: doc.title,
        snippet: makeSnippet(useBody ? doc.body : doc.title, isMatch, {
          ids,
          complete: useBody ? stored.snippetWordsKnown : stored.sequence.length < MAX_SEQUENCE,
          matches: matchesId,
        }),
        score: Math.round(score * 1000) / 1000,
      };
      if (typeof doc.url === 'string') hit.url = doc.url;
      items.push(hit);
    }
    for (const id of highlightIds) mark[id] = 0;
    for (const id of marked) mark[id] = 0;
    return { total, items };
  }

  /**
   * How fully the query names this document's title: the share of the title's words among the query's
   * words (after stemming, typo correction and synonyms), squared so only (nearly) complete titles count.
   * A short UPL title such as "paspoort" is then the product the agent asked for.
   */
  private titleNamed(stored: StoredDoc, titleCoverage: number, mark: Uint8Array): number {
    if (titleCoverage <= 0) return 0;
    // the title's distinct words, from the stored word sequence; stopwords count only in an all-stopword title
    const seq = stored.sequence;
    let words = 0;
    let found = 0;
    let content = 0;
    let contentFound = 0;
    for (let i = 0; i < stored.titleWords; i++) {
      const id = seq[i]!;
      let repeated = false;
      for (let k = 0; k < i && !repeated; k++) repeated = seq[k] === id;
      if (repeated) continue;
      const hit = (mark[id]! & NAMED) !== 0 ? 1 : 0;
      words++;
      found += hit;
      if (this.termStop[id] !== 1) {
        content++;
        contentFound += hit;
      }
    }
    const share = content > 0 ? contentFound / content : words > 0 ? found / words : 0;
    return share * share;
  }

  /** A zeroed scratch flag per term id (callers reset what they set). */
  private termMark(): Uint8Array {
    if (this.termFlags.length < this.termStrings.length) {
      this.termFlags = new Uint8Array(Math.max(1024, Math.ceil(this.termStrings.length * 1.5)));
    }
    return this.termFlags;
  }

  private learn(doc: KennisbankDocument): void {
    if (!doc || typeof doc !== 'object') return;
    if (typeof doc.title === 'string') this.analyzer.learnText(doc.title);
    if (typeof doc.body === 'string') this.analyzer.learnText(doc.body.slice(0, MAX_BODY_CHARS));
    if (Array.isArray(doc.keywords))
      for (const k of doc.keywords) if (typeof k === 'string') this.analyzer.learnText(k);
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termStrings.length;
      this.termIds.set(term, id);
      this.termStrings.push(term);
      this.postings.push(new PostingList());
      this.termParts.push(undefined);
      if (id >= this.df.length) {
        const df = new Int32Array(this.df.length * 2);
        df.set(this.df);
        this.df = df;
        const stop = new Uint8Array(this.df.length);
        stop.set(this.termStop);
        this.termStop = stop;
      }
    }
    return id;
  }

  /** Groups the parts of hyphenated words with their joined form. */
  private queryUnits(tokens: RawToken[], endsInWord: boolean): QueryUnit[] {
    const units: QueryUnit[] = [];
    let parts: string[] = [];
    for (const token of tokens) {
      if (token.part) {
        parts.push(token.surface);
      } else if (token.joined) {
        units.push({ parts, joined: token.surface, last: false });
        parts = [];
      } else {
        units.push({ parts: [token.surface], last: false });
      }
    }
    if (parts.length > 0) units.push({ parts, last: false });
    const last = units[units.length - 1];
    if (last && endsInWord) last.last = true;
    // a word said twice counts once ("paspoort paspoort …" would otherwise score the same postings 24 times)
    const seen = new Map<string, QueryUnit>();
    const unique = units.filter((u) => {
      const key = `${u.joined ?? ''}|${u.parts.join(' ')}`;
      const first = seen.get(key);
      if (first) {
        first.last ||= u.last;
        return false;
      }
      seen.set(key, u);
      return true;
    });
    return unique.slice(0, MAX_CLAUSES);
  }

  private isStopUnit(unit: QueryUnit): boolean {
    return unit.joined === undefined && unit.parts.length === 1 && STOPWORDS.has(unit.parts[0]!);
  }

  private synonymValues(key: string, stemKey: string): readonly string[] {
    return [...(this.synonyms.lookup(key) ?? []), ...(this.stemmedSynonyms.get(stemKey) ?? [])];
  }

  /** The synonym keys the query uses, as non-overlapping spans of its units (see `chooseSynonymSpans`). */
  private synonymSpans(units: QueryUnit[]): SynonymSpan[] {
    return chooseSynonymSpans(
      units.length,
      MAX_SYNONYM_WORDS,
      (i) => this.isStopUnit(units[i]!),
      (start, length) => {
        const span = units.slice(start, start + length);
        const forms = [span.map((u) => u.parts.join(' ')).join(' ')];
        if (length === 1 && span[0]!.joined) forms.push(span[0]!.joined);
        const values = new Set<string>();
        for (const form of forms) {
          const stemKey = form
            .split(' ')
            .map((w) => this.analyzer.stem(w))
            .join(' ');
          for (const v of this.synonymValues(form, stemKey)) values.add(v);
        }
        // a compound written apart ("kwijt schelding", "burger service nummer") stands for the compound
        if (length > 1 && span.every((u) => !u.joined && !this.isStopUnit(u))) {
          const words = span.map((u) => u.parts[0]!);
          const joined = this.knownCompound(words);
          if (joined !== undefined) values.add(joined);
          const asOne = words.join('');
          for (const v of this.synonymValues(asOne, this.analyzer.stem(asOne))) values.add(v);
        }
        return [...values];
      },
    );
  }

  private buildClauses(units: QueryUnit[], spans: readonly SynonymSpan[]): Clause[] {
    const allStop = units.every((u) => this.isStopUnit(u));
    const keyed = new Set(spans.filter((span) => span.length === 1).map((span) => span.start));
    const unitClauses = units.map((unit, i) => this.unitClause(unit, allStop, keyed.has(i)));
    const clauses: Clause[] = [];
    let next = 0;
    const flushUnits = (until: number): void => {
      for (; next < until; next++) {
        const clause = unitClauses[next];
        if (clause) clauses.push(clause);
      }
    };
    for (const span of spans) {
      flushUnits(span.start);
      next = span.start + span.length;
      if (span.length === 1) {
        // a one-word key extends the word's own clause
        const target = unitClauses[span.start];
        if (!target) continue;
        target.synonyms = span.values;
        for (const value of span.values) {
          const ids = this.valueTerms(value);
          if (ids.length > 0) this.addAlternative(target, ids, WEIGHT.synonym, true);
        }
        clauses.push(target);
        continue;
      }
      // a multi-word key is one clause: its own words (together) or any of its synonyms
      const words = unitClauses.slice(span.start, span.start + span.length).filter((c) => c !== undefined);
      const spanClause: Clause = {
        alternatives: [],
        groups: [],
        weight: 1,
        covers: units.slice(span.start, span.start + span.length).flatMap((u) => u.parts),
        synonyms: span.values,
        anchorTerms: new Set(),
        stopword: false,
      };
      if (words.length > 0) this.addGroup(spanClause, words, WEIGHT.exact, true);
      for (const value of span.values) {
        const ids = this.valueTerms(value);
        if (ids.length === 1) this.addAlternative(spanClause, ids, WEIGHT.synonym, true);
        else if (ids.length > 1)
          this.addGroup(
            spanClause,
            ids.map((id) => this.termClause(id)),
            WEIGHT.synonym,
            false,
          );
      }
      // only stopwords and no synonym the index knows: weighed like a stopword
      spanClause.stopword =
        words.every((c) => c.stopword) &&
        spanClause.alternatives.length === 0 &&
        spanClause.groups!.length <= 1;
      clauses.push(spanClause);
    }
    flushUnits(units.length);
    return clauses
      .filter((c) => c.alternatives.length > 0 || (c.groups?.length ?? 0) > 0 || !c.stopword)
      .slice(0, MAX_CLAUSES);
  }

  /** The words joined into one the index knows, directly or with a linking s ("burger service nummer"). */
  private knownCompound(words: string[]): string | undefined {
    if (words.some((w) => w.length < 2 || /\d/.test(w))) return undefined;
    const direct = words.join('');
    if (this.vocabulary.has(direct)) return direct;
    const linked = words.slice(0, -1).join('s') + 's' + words[words.length - 1]!;
    return words.length === 2 && this.vocabulary.has(linked) ? linked : undefined;
  }

  /** The known terms of a synonym value, stopwords left out (unless that leaves nothing). */
  private valueTerms(value: string): number[] {
    const ids = this.analyzer
      .queryTokens(value)
      .map((t) => this.knownTerm(this.analyzer.stem(t.surface)))
      .filter((id): id is number => id !== undefined);
    return [...new Set(ids)];
  }

  /** A clause of one exact term (a word of a multi-word synonym). */
  private termClause(id: number): Clause {
    const clause: Clause = {
      alternatives: [],
      weight: 1,
      covers: [this.termStrings[id]!],
      synonyms: [],
      anchorTerms: new Set(),
      stopword: false,
    };
    this.addAlternative(clause, [id], WEIGHT.exact, true);
    return clause;
  }

  private addGroup(clause: Clause, words: Clause[], weight: number, own: boolean): void {
    (clause.groups ??= []).push({ words, weight, own });
    for (const word of words) for (const id of word.anchorTerms) clause.anchorTerms.add(id);
  }

  /** The clause of one query word (or hyphenated word); none for a stopword in a query with other words. */
  private unitClause(unit: QueryUnit, allStop: boolean, synonymKey: boolean): Clause | undefined {
    const stop = this.isStopUnit(unit);
    if (stop && !allStop) return undefined;
    const clause: Clause = {
      alternatives: [],
      weight: 1,
      covers: unit.parts,
      synonyms: [],
      anchorTerms: new Set(),
      stopword: stop,
    };
    const word = unit.joined ?? unit.parts[0]!;
    const exact = this.knownTerm(this.analyzer.stem(word));
    if (exact !== undefined) this.addAlternative(clause, [exact], WEIGHT.exact, true);
    if (unit.joined) {
      const parts = unit.parts
        .filter((p) => !STOPWORDS.has(p))
        .map((p) => this.knownTerm(this.analyzer.stem(p)))
        .filter((id): id is number => id !== undefined);
      if (synonymKey && parts.length > 1) {
        // a hyphenated synonym key ("id-kaart") is a span too: its parts count once, like its synonyms
        this.addGroup(
          clause,
          parts.map((id) => this.termClause(id)),
          WEIGHT.hyphenParts,
          false,
        );
      } else if (parts.length > 0) this.addAlternative(clause, parts, WEIGHT.hyphenParts, true);
    }
    const compound = this.analyzer
      .compoundParts(word)
      .map((p) => this.knownTerm(p))
      .filter((id): id is number => id !== undefined);
    if (compound.length > 1)
      this.addAlternative(clause, compound, WEIGHT.compoundPart * compound.length, false);
    else if (exact === undefined) this.addKnownEnds(clause, word);
    // "y" typed for "ij" (rijbewys, vrywilliger) is one letter off but two edits away
    const ij = exact === undefined && word.includes('y') ? word.replace(/y/g, 'ij') : undefined;
    const ijTerm = ij !== undefined ? this.knownTerm(this.analyzer.stem(ij)) : undefined;
    if (ijTerm !== undefined) this.addAlternative(clause, [ijTerm], WEIGHT.fuzzy1, true);
    const completing = unit.last && word.length >= 3 && this.vocabulary.completions(word, 1).length > 0;
    if (exact === undefined && !completing && !/\d/.test(word)) {
      const matches = this.vocabulary
        .fuzzy(word, 6)
        .map((m) => ({ ...m, id: this.surfaceTerm.get(m.surface) }))
        .filter(
          (m): m is { surface: string; distance: number; id: number } =>
            m.id !== undefined && this.df[m.id]! > 0,
        );
      const sharedDf = Math.max(0, ...matches.map((m) => this.df[m.id]!));
      for (const m of matches) {
        this.addAlternative(clause, [m.id], m.distance === 1 ? WEIGHT.fuzzy1 : WEIGHT.fuzzy2, true, sharedDf);
      }
    }
    if (unit.last && word.length >= 3) this.addPrefixAlternatives(clause, word);
    else if (!stop) this.addCompoundHeadAlternatives(clause, word);
    return clause;
  }

  private knownTerm(term: string): number | undefined {
    const id = this.termIds.get(term);
    return id !== undefined && this.df[id]! > 0 ? id : undefined;
  }

  private addAlternative(clause: Clause, ids: number[], weight: number, anchor: boolean, df?: number): void {
    const unique = [...new Set(ids)];
    clause.alternatives.push({
      terms: unique.map((id) => ({
        id,
        weight: 1 / (anchor ? 1 : unique.length),
        ...(df !== undefined ? { df } : {}),
      })),
      weight,
    });
    if (anchor) for (const id of unique) clause.anchorTerms.add(id);
  }

  private addPrefixAlternatives(clause: Clause, prefix: string): void {
    const ids = new Set<number>();
    for (const surface of this.vocabulary.completions(prefix)) {
      const id = this.surfaceTerm.get(surface);
      if (id !== undefined && this.df[id]! > 0) ids.add(id);
    }
    const existing = new Set(clause.alternatives.flatMap((a) => a.terms.map((t) => t.id)));
    const best = this.withinPostingBudget(
      [...ids]
        .filter((id) => !existing.has(id))
        .sort((a, b) => this.df[b]! - this.df[a]!)
        .slice(0, 12),
    );
    const sharedDf = best.length > 0 ? this.df[best[0]!]! : 0;
    for (const id of best) {
      // shorter completions are closer to what the agent is typing
      const closeness = prefix.length / Math.max(prefix.length, this.termStrings[id]!.length);
      this.addAlternative(clause, [id], WEIGHT.prefix * (0.5 + 0.5 * closeness), true, sharedDf);
    }
  }

  /**
   * An unknown word the splitter cannot split (one of its parts is not in the corpus): its longest known
   * beginning and its longest known end count as compound parts ("computercursus" → computer,
   * "deeltaxi" → taxi).
   */
  private addKnownEnds(clause: Clause, word: string): void {
    if (word.length < 7 || /\d/.test(word)) return;
    const known = (part: string): number | undefined =>
      this.vocabulary.has(part) ? this.knownTerm(this.analyzer.stem(part)) : undefined;
    for (let end = word.length - 3; end >= 4; end--) {
      const id = known(word.slice(0, end));
      if (id === undefined) continue;
      this.addAlternative(clause, [id], WEIGHT.compoundPart, true);
      break;
    }
    for (let start = 3; start <= word.length - 4; start++) {
      const id = known(word.slice(start));
      if (id === undefined) continue;
      this.addAlternative(clause, [id], WEIGHT.compoundPart, true);
      break;
    }
  }

  /**
   * Compounds that start with the word and go on with a known word: "laadpaal" finds "laadpaalverzoek",
   * "collecte" finds "collectevergunning". Scored like a compound part; the splitter cannot split these
   * because their first part never occurs on its own in the corpus.
   */
  private addCompoundHeadAlternatives(clause: Clause, word: string): void {
    if (word.length < MIN_COMPOUND_HEAD || /\d/.test(word)) return;
    const existing = new Set(clause.alternatives.flatMap((a) => a.terms.map((t) => t.id)));
    const ids: number[] = [];
    for (const surface of this.vocabulary.completions(word, 200)) {
      const rest = surface.slice(word.length);
      const tail = rest.startsWith('s') && !this.vocabulary.has(rest) ? rest.slice(1) : rest;
      if (tail.length < 3) continue;
      if (!this.vocabulary.has(tail) && this.analyzer.compoundParts(tail).length < 2) continue;
      const id = this.surfaceTerm.get(surface);
      if (id !== undefined && this.df[id]! > 0 && !existing.has(id)) ids.push(id);
    }
    const best = this.withinPostingBudget(
      ids.sort((a, b) => this.df[b]! - this.df[a]!).slice(0, MAX_COMPOUND_HEADS),
    );
    const sharedDf = best.length > 0 ? this.df[best[0]!]! : 0;
    for (const id of best) this.addAlternative(clause, [id], WEIGHT.compoundHead, true, sharedDf);
  }

  /** The leading term ids (most frequent first) whose postings fit the expansion budget; at least one. */
  private withinPostingBudget(ids: number[]): number[] {
    const budget = Math.max(EXPANSION_MIN_POSTINGS, this.live * EXPANSION_SHARE);
    let used = 0;
    let n = 0;
    for (; n < ids.length; n++) {
      used += this.df[ids[n]!]!;
      if (used > budget && n > 0) break;
    }
    return ids.slice(0, n);
  }

  private ensureScratch(): void {
    const n = this.slots.length;
    if (this.total.length >= n) return;
    const size = Math.max(n, Math.ceil(this.total.length * 1.5), 64);
    this.total = new Float64Array(size);
    this.clauseBest = new Float32Array(size);
    this.altScore = new Float32Array(size);
    this.matchedWeight = new Float32Array(size);
    this.titleWeight = new Float32Array(size);
    this.clauseTitle = new Float32Array(size);
    this.wordBest = new Float32Array(size);
    this.wordTitle = new Float32Array(size);
    this.wordList = new Int32Array(size);
    this.spanScore = new Float32Array(size);
    this.spanTitle = new Float32Array(size);
    this.spanList = new Int32Array(size);
    this.altList = new Int32Array(size);
    this.clauseList = new Int32Array(size);
    this.touchedList = new Int32Array(size);
    this.seen = new Uint8Array(size);
  }

  private idf(df: number): number {
    const n = Math.max(1, this.live);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Term-at-a-time BM25F: per clause the best alternative counts. Also records per document the
   * IDF-weighted share of clauses matched, overall and in the title. Returns the slots that scored.
   * Clauses run rarest first; once enough candidates are found, a common term (in more than 1% of a
   * large index) only adds to documents that already matched something rarer.
   */
  private scoreClauses(clauses: Clause[]): { touched: Int32Array; totalWeight: number } {
    const n = Math.max(1, this.live);
    const avg = this.fieldLengthSum.map((sum) => Math.max(1, sum / n));
    const { clauseBest, clauseTitle, clauseList, touchedList, seen } = this;
    const { wordBest, wordTitle, wordList, spanScore, spanTitle, spanList } = this;
    let touchedCount = 0;
    const minDf = (c: Clause): number => {
      let min = Number.MAX_SAFE_INTEGER;
      forEachTerm(c, (t) => (min = Math.min(min, this.df[t.id]!)));
      return min;
    };
    const ordered = [...clauses].sort((a, b) => minDf(a) - minDf(b));
    const commonDf = Math.max(COMMON_TERM_MIN_DF, n * COMMON_TERM_SHARE);
    // Postings budget: the rarest clauses always run; once they scanned this much, the remaining (more common)
    // clauses are left out and do not count for coordination either. Never reached on the shipped corpus.
    const budget = Math.max(QUERY_MIN_POSTINGS, n * QUERY_POSTINGS_PER_DOC);
    let scanned = 0;
    let totalWeight = 0;
    for (const clause of ordered) {
      let postings = 0;
      forEachTerm(clause, (t) => (postings += this.df[t.id]!));
      if (scanned > 0 && scanned + postings > budget) break;
      scanned += postings;
      let clauseIdf = 0;
      forEachTerm(
        clause,
        (t) => (clauseIdf = Math.max(clauseIdf, this.idf(Math.max(t.df ?? 0, this.df[t.id]!)))),
      );
      const coordWeight = clause.weight * (clauseIdf || 1);
      totalWeight += coordWeight;
      let clauseCount = 0;
      if (!clause.groups) {
        clauseCount = this.scoreAlternatives(
          clause.alternatives,
          clauseBest,
          clauseTitle,
          clauseList,
          0,
          touchedCount >= MIN_CANDIDATES,
          commonDf,
          avg,
        );
      } else {
        // a span: its synonyms and word groups rarest first, each adding its documents to the candidates at
        // once, so its common words ("kwijt", "niet") use the shortcut as they would as clauses of their own
        const parts: (Alternative | WordGroup)[] = [...clause.alternatives, ...clause.groups];
        const partDf = (part: Alternative | WordGroup): number =>
          'terms' in part
            ? Math.min(...part.terms.map((t) => this.df[t.id]!))
            : Math.min(...part.words.map(minDf));
        parts.sort((a, b) => partDf(a) - partDf(b));
        for (const part of parts) {
          if ('terms' in part) {
            const from = clauseCount;
            clauseCount = this.scoreAlternatives(
              [part],
              clauseBest,
              clauseTitle,
              clauseList,
              clauseCount,
              touchedCount >= MIN_CANDIDATES,
              commonDf,
              avg,
            );
            touchedCount = this.markTouched(clauseList, from, clauseCount, touchedCount);
            continue;
          }
          // a word group: the mean of each word clause's best, as one more alternative of the clause
          const share = 1 / part.words.length;
          let groupCount = 0;
          for (const word of [...part.words].sort((a, b) => minDf(a) - minDf(b))) {
            const wordCount = this.scoreAlternatives(
              word.alternatives,
              wordBest,
              wordTitle,
              wordList,
              0,
              touchedCount >= MIN_CANDIDATES,
              commonDf,
              avg,
            );
            touchedCount = this.markTouched(wordList, 0, wordCount, touchedCount);
            for (let k = 0; k < wordCount; k++) {
              const slot = wordList[k]!;
              if (spanScore[slot] === 0) spanList[groupCount++] = slot;
              spanScore[slot]! += wordBest[slot]! * share;
              spanTitle[slot]! += wordTitle[slot]! * share;
              wordBest[slot] = 0;
              wordTitle[slot] = 0;
            }
          }
          for (let k = 0; k < groupCount; k++) {
            const slot = spanList[k]!;
            const s = spanScore[slot]! * part.weight;
            const title = spanTitle[slot]! * part.weight;
            if (clauseBest[slot] === 0) clauseList[clauseCount++] = slot;
            if (s > clauseBest[slot]!) clauseBest[slot] = s;
            if (title > clauseTitle[slot]!) clauseTitle[slot] = title;
            spanScore[slot] = 0;
            spanTitle[slot] = 0;
          }
        }
      }
      for (let k = 0; k < clauseCount; k++) {
        const slot = clauseList[k]!;
        this.total[slot]! += clauseBest[slot]! * clause.weight;
        this.matchedWeight[slot]! += coordWeight;
        this.titleWeight[slot]! += clauseTitle[slot]! * coordWeight;
        clauseBest[slot] = 0;
        clauseTitle[slot] = 0;
        if (seen[slot] === 0) {
          seen[slot] = 1;
          touchedList[touchedCount++] = slot;
        }
      }
    }
    const touched = touchedList.slice(0, touchedCount);
    for (const slot of touched) seen[slot] = 0;
    return { touched, totalWeight: totalWeight || 1 };
  }

  /** Adds the slots of `list[from..to)` not yet seen to the touched list; returns the new touched count. */
  private markTouched(list: Int32Array, from: number, to: number, touchedCount: number): number {
    const { seen, touchedList } = this;
    for (let k = from; k < to; k++) {
      const slot = list[k]!;
      if (seen[slot] === 0) {
        seen[slot] = 1;
        touchedList[touchedCount++] = slot;
      }
    }
    return touchedCount;
  }

  /**
   * Scores a clause's alternatives into `best` (per slot, the best alternative) and `title` (the best title
   * credit), appending newly scored slots to `list` from `count` on; returns the new count. With
   * `onlyCandidates`, a common term only adds to documents already seen.
   */
  private scoreAlternatives(
    alternatives: readonly Alternative[],
    best: Float32Array,
    title: Float32Array,
    list: Int32Array,
    count: number,
    onlyCandidates: boolean,
    commonDf: number,
    avg: number[],
  ): number {
    const { altScore, altList, seen, fieldLengths } = this;
    for (const alt of alternatives) {
      let altCount = 0;
      for (const { id, weight, df: sharedDf } of alt.terms) {
        const df = this.df[id]!;
        if (df <= 0) continue;
        const idf = this.idf(Math.max(sharedDf ?? 0, df));
        const posting = this.postings[id]!;
        const lookupsOnly = onlyCandidates && df > commonDf;
        const titleCredit = Math.min(1, alt.weight * weight);
        const { slots, tf: tfs } = posting;
        for (let i = 0; i < posting.length; i++) {
          const slot = slots[i]!;
          if (lookupsOnly ? seen[slot] !== 1 : this.slots[slot] === undefined) continue;
          let tf = 0;
          const base = slot * FIELD_COUNT;
          const at = i * FIELD_COUNT;
          for (let f = 0; f < FIELD_COUNT; f++) {
            const raw = tfs[at + f]!;
            if (raw === 0) continue;
            tf +=
              (FIELD_WEIGHTS[f]! * raw) /
              (1 - FIELD_B[f]! + (FIELD_B[f]! * fieldLengths[base + f]!) / avg[f]!);
          }
          if (altScore[slot] === 0) altList[altCount++] = slot;
          altScore[slot]! += (idf * weight * tf * (K1 + 1)) / (K1 + tf);
          if (tfs[at + TITLE]! > 0 && titleCredit > title[slot]!) title[slot] = titleCredit;
        }
      }
      for (let k = 0; k < altCount; k++) {
        const slot = altList[k]!;
        const s = altScore[slot]! * alt.weight;
        altScore[slot] = 0;
        if (best[slot] === 0) list[count++] = slot;
        if (s > best[slot]!) best[slot] = s;
      }
    }
    return count;
  }

  /** Sets, per anchor term id, a bit per anchored word; records the ids set in `ids` (to clear them). */
  private termClauseMask(anchored: ReadonlySet<number>[], ids: number[]): Int32Array {
    if (this.clauseMask.length < this.termStrings.length) {
      this.clauseMask = new Int32Array(Math.max(1024, Math.ceil(this.termStrings.length * 1.5)));
    }
    const mask = this.clauseMask;
    anchored.forEach((anchorTerms, c) => {
      anchorTerms.forEach((id) => {
        mask[id]! |= 1 << c;
        ids.push(id);
      });
    });
    return mask;
  }

  /**
   * Bonus for consecutive query words that stand next to each other (or within 3 words) in the title or body.
   * `clauseOf[termId]` has bit c set when the term counts for anchored word c. One word that counts for two
   * consecutive query words (the synonym of a phrase) satisfies that pair by itself.
   */
  private proximityFactor(stored: StoredDoc, clauseCount: number, clauseOf: Int32Array): number {
    const pairs = clauseCount - 1;
    if (pairs < 1) return 1;
    const seq = stored.sequence;
    const last = this.proximityLast;
    const best = this.proximityBest;
    last.fill(-10, 0, clauseCount);
    best.fill(0, 0, pairs);
    const end = Math.min(seq.length, PROXIMITY_WORDS);
    for (let i = 0; i < end; i++) {
      const t = seq[i]!;
      if (t === -1) {
        last.fill(-10, 0, clauseCount);
        continue;
      }
      const mask = clauseOf[t]!;
      if (mask === 0) continue;
      for (let c = 0; c < clauseCount; c++) {
        if ((mask & (1 << c)) === 0) continue;
        if (c > 0) {
          // d === 0: this same word also counted for word c - 1 (bits are visited in order)
          const d = i - last[c - 1]!;
          if (d >= 0 && d <= 3) best[c - 1] = Math.max(best[c - 1]!, d <= 1 ? 1 : 0.5);
        }
        if (c + 1 < clauseCount) {
          const d = i - last[c + 1]!;
          if (d >= 1 && d <= 3) best[c] = Math.max(best[c]!, d === 1 ? 1 : 0.5);
        }
        last[c] = i;
      }
    }
    let found = 0;
    for (let p = 0; p < pairs; p++) found += best[p]!;
    return 1 + 0.3 * (found / pairs);
  }
}
