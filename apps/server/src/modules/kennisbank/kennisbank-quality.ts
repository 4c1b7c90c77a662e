import type {
  KennisbankFeedbackInput,
  KennisbankRapport,
  PublicKennisbankEvent,
} from '@kcc/contracts/kennisbank';
import type { Db } from '../../store/db';
import type { ArticleRecord, KennisbankRepository } from './kennisbank.repository';
import { isLive } from './validity';

/** An article is weak from this many "Dit hielp niet" votes, when they outnumber "Dit hielp". */
export const WEAK_ARTICLE_MIN_VOTES = 2;
/** Longest lists on the report (the counts above them stay exact in the lists' length up to this). */
const REPORT_LIMIT = 200;

/** The query as stored with feedback: lower case, single spaces, so "Paspoort  kwijt" and "paspoort kwijt" add up. */
export const normaliseQuery = (q: string): string =>
  q.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 256);

/** A product a municipality provides (UPL levels), or any non-UPL article. */
function isMunicipal(a: ArticleRecord): boolean {
  const levels = a.meta.levels;
  return !Array.isArray(levels) || levels.includes('gemeente');
}

/**
 * UPL products are seeded with a body generated from the product list ("Uniforme productnaam: …,
 * Overheidslaag: …"): metadata, not an answer an agent can give.
 */
export function hasAnswerText(a: ArticleRecord): boolean {
  const body = a.body.trim();
  return body !== '' && !body.startsWith('Uniforme productnaam:');
}

/**
 * What tells the redacteur where the kennisbank falls short: agents' "Dit hielp" / "Dit hielp niet" per result,
 * residents who opened a public answer (and whether they started a chat after it), articles without answer
 * text and articles past their review date. Stored in the kennisbank module's own tables.
 */
export class KennisbankQuality {
  private readonly putFeedback;
  private readonly putEvent;
  private readonly perArticle;
  private readonly unanswered;
  private readonly publicCounts;

  constructor(
    db: Db,
    private readonly repo: KennisbankRepository,
    private readonly clock: () => number = Date.now,
    /** Whether the kanalenmatrix advises a channel for the article: the KCC's own products come first. */
    private readonly hasKanaal: (a: ArticleRecord) => boolean = () => false,
  ) {
    this.putFeedback = db.prepare(`
      INSERT INTO kennisbank_feedback (agent_id, article_id, query, hielp, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (agent_id, article_id, query) DO UPDATE SET hielp = excluded.hielp, at = excluded.at
    `);
    this.putEvent = db.prepare(
      'INSERT INTO kennisbank_public_events (sessie, kind, article_id, at) VALUES (?, ?, ?, ?)',
    );
    this.perArticle = db.prepare<[], { article_id: string; hielp: number; niet: number }>(`
      SELECT article_id, SUM(hielp) AS hielp, SUM(1 - hielp) AS niet
      FROM kennisbank_feedback GROUP BY article_id
    `);
    this.unanswered = db.prepare<[number], { query: string; niet: number }>(`
      SELECT query, SUM(1 - hielp) AS niet FROM kennisbank_feedback
      GROUP BY query HAVING SUM(hielp) = 0
      ORDER BY niet DESC, MAX(at) DESC LIMIT ?
    `);
    this.publicCounts = db.prepare<[], { sessies: number; zonder: number }>(`
      SELECT COUNT(*) AS sessies, COALESCE(SUM(NOT EXISTS (
        SELECT 1 FROM kennisbank_public_events c WHERE c.sessie = o.sessie AND c.kind = 'chat-gestart'
      )), 0) AS zonder
      FROM (SELECT DISTINCT sessie FROM kennisbank_public_events WHERE kind = 'geopend') o
    `);
  }

  /** Stores an agent's vote (one per agent, article and query; a new vote replaces it). False: no such article. */
  recordFeedback(agentId: string, input: KennisbankFeedbackInput): boolean {
    if (!this.repo.getArticle(input.articleId)) return false;
    this.putFeedback.run(
      agentId,
      input.articleId,
      normaliseQuery(input.query),
      input.hielp ? 1 : 0,
      this.clock(),
    );
    return true;
  }

  recordPublicEvent(event: PublicKennisbankEvent): void {
    this.putEvent.run(event.sessie, event.kind, event.articleId ?? null, this.clock());
  }

  rapport(): KennisbankRapport {
    const now = this.clock();
    const today = new Date(now).toISOString().slice(0, 10);
    const articles = this.repo.allArticles();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const ref = (a: ArticleRecord) => ({ id: a.id, type: a.type, title: a.title });

    const withoutAnswer = articles
      .filter((a) => isLive(a, now) && !hasAnswerText(a))
      .map((a) => ({ a, rank: (this.hasKanaal(a) ? 0 : 2) + (isMunicipal(a) ? 0 : 1) }))
      .sort((x, y) => x.rank - y.rank || x.a.title.localeCompare(y.a.title))
      .map((x) => x.a);
    const zonderAntwoord = withoutAnswer.slice(0, REPORT_LIMIT).map(ref);
    const pastReview = articles
      .filter((a) => a.reviewDate !== undefined && a.reviewDate < today)
      .sort((a, b) => a.reviewDate!.localeCompare(b.reviewDate!) || a.id.localeCompare(b.id));
    const reviewVerlopen = pastReview.slice(0, REPORT_LIMIT).map((a) => ({
      ...ref(a),
      ...(a.owner !== undefined ? { owner: a.owner } : {}),
      reviewDate: a.reviewDate!,
    }));
    const zwakkeArtikelen = this.perArticle
      .all()
      .filter((r) => r.niet >= WEAK_ARTICLE_MIN_VOTES && r.niet > r.hielp && byId.has(r.article_id))
      .sort((a, b) => b.niet - b.hielp - (a.niet - a.hielp) || b.niet - a.niet)
      .slice(0, REPORT_LIMIT)
      .map((r) => ({ ...ref(byId.get(r.article_id)!), hielp: r.hielp, hieldNiet: r.niet }));
    const vragenZonderGoedAntwoord = this.unanswered
      .all(REPORT_LIMIT)
      .map((r) => ({ query: r.query, hieldNiet: r.niet }));
    const counts = this.publicCounts.get() ?? { sessies: 0, zonder: 0 };
    return {
      zonderAntwoord,
      reviewVerlopen,
      zwakkeArtikelen,
      vragenZonderGoedAntwoord,
      aantallen: { zonderAntwoord: withoutAnswer.length, reviewVerlopen: pastReview.length },
      publiek: { sessiesMetAntwoord: counts.sessies, zonderChat: counts.zonder },
    };
  }
}
