import type {
  KennisbankFeedbackInput,
  KennisbankRapport,
  PublicKennisbankEvent,
} from '@kcc/contracts/kennisbank';
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
  constructor(
    private readonly repo: KennisbankRepository,
    private readonly clock: () => number = Date.now,
    /** Whether the kanalenmatrix advises a channel for the article: the KCC's own products come first. */
    private readonly hasKanaal: (a: ArticleRecord) => boolean = () => false,
  ) {}

  /** Stores an agent's vote (one per agent, article and query; a new vote replaces it). False: no such article. */
  async recordFeedback(agentId: string, input: KennisbankFeedbackInput): Promise<boolean> {
    if (!(await this.repo.getArticle(input.articleId))) return false;
    await this.repo.putFeedback(
      agentId,
      input.articleId,
      normaliseQuery(input.query),
      input.hielp,
      this.clock(),
    );
    return true;
  }

  async recordPublicEvent(event: PublicKennisbankEvent): Promise<void> {
    await this.repo.putPublicEvent(event.sessie, event.kind, event.articleId, this.clock());
  }

  async rapport(): Promise<KennisbankRapport> {
    const now = this.clock();
    const today = new Date(now).toISOString().slice(0, 10);
    const articles = await this.repo.allArticles();
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
    const zwakkeArtikelen = (await this.repo.feedbackPerArticle())
      .filter((r) => r.niet >= WEAK_ARTICLE_MIN_VOTES && r.niet > r.hielp && byId.has(r.articleId))
      .sort((a, b) => b.niet - b.hielp - (a.niet - a.hielp) || b.niet - a.niet)
      .slice(0, REPORT_LIMIT)
      .map((r) => ({ ...ref(byId.get(r.articleId)!), hielp: r.hielp, hieldNiet: r.niet }));
    const vragenZonderGoedAntwoord = (await this.repo.queriesWithoutHelp(REPORT_LIMIT)).map((r) => ({
      query: r.query,
      hieldNiet: r.niet,
    }));
    const counts = await this.repo.publicCounts();
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
