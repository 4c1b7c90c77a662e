import { useEffect, useRef, useState } from 'react';
import { kanaaladvies } from '@kcc/contracts/kanaaladvies';
import type { Channel } from '@kcc/contracts/domain';
import type { Article } from '@kcc/contracts/kennisbank';
import { describeError } from '../../../lib/api-client';
import { useArticle } from '../api/get-article';
import { useKennisbankQuery } from '../stores/kennisbank-pane-store';
import { safeExternalUrl } from '../utils/safe-url';
import { sourceLabel, typeLabel } from '../utils/type-label';
import { ArticleBody } from './article-body';
import { ArticleFeedback } from './article-feedback';
import { WijsOpBadge } from './wijs-op-badge';

export interface UseInAnswer {
  /** Puts the article into the open contact's answer and records it as a source. */
  onUse: (article: Article) => void;
  /** Shown next to the button, e.g. which contact receives it. */
  target: string;
}

interface KennisbankArticleProps {
  articleId: string;
  /** The channel of the contact being helped: the channel advice takes it into account. */
  channel?: Channel;
  onBack: () => void;
  /** Absent when no contact can receive an answer (no open contact, or a beheer session). */
  useInAnswer?: UseInAnswer;
}

/** One article beside the contact: title, type, channels, safe body, source and "Gebruik in antwoord". */
export function KennisbankArticle({ articleId, channel, onBack, useInAnswer }: KennisbankArticleProps) {
  const article = useArticle(articleId);
  const query = useKennisbankQuery();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // "Toegevoegd aan …" belongs to the article it was said for
  const [used, setUsed] = useState<{ articleId: string; target: string } | null>(null);
  const usedFor = used?.articleId === articleId ? used.target : null;

  // Focus the title once per loaded article (not on every refetch), so reading starts at the top.
  const loadedId = article.data?.id;
  useEffect(() => {
    if (loadedId) headingRef.current?.focus();
  }, [loadedId]);

  const back = (
    <button type="button" className="btn-link text-sm" onClick={onBack}>
      ← Terug naar resultaten
    </button>
  );

  if (article.isPending) {
    return (
      <div className="space-y-2">
        {back}
        <p role="status">Artikel laden…</p>
      </div>
    );
  }
  if (article.isError) {
    return (
      <div className="space-y-2">
        {back}
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          Het artikel kon niet worden geladen. {describeError(article.error)}
        </p>
      </div>
    );
  }

  const a = article.data;
  const url = safeExternalUrl(a.url);
  return (
    <article
      data-testid="kennisbank-article"
      data-article-id={a.id}
      aria-labelledby={`kb-article-${a.id}`}
      className="space-y-3"
    >
      {back}
      <div>
        <p className="text-xs font-medium tracking-wide text-slate-700 uppercase">{typeLabel(a.type)}</p>
        <h3
          id={`kb-article-${a.id}`}
          ref={headingRef}
          tabIndex={-1}
          className="text-lg font-semibold text-slate-900"
        >
          {a.title}
        </h3>
        {!a.published && <p className="text-sm font-medium text-amber-900">Concept: niet gepubliceerd</p>}
      </div>
      {a.kanaal && (
        <div className="rounded border border-green-800 bg-green-50 p-2 text-sm" data-testid="article-kanaal">
          <WijsOpBadge kanaal={a.kanaal} channel={channel} />
          {kanaaladvies(a.kanaal, channel).anders !== undefined && (
            <p className="mt-1 text-slate-900">Lukt dat niet? Dan: {a.kanaal.secundair}</p>
          )}
        </div>
      )}
      {useInAnswer ? (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className="btn-primary"
            onClick={() => {
              useInAnswer.onUse(a);
              setUsed({ articleId: a.id, target: useInAnswer.target });
            }}
          >
            Gebruik in antwoord
          </button>
          <span role="status" className="text-sm text-green-900">
            {usedFor ? `Toegevoegd aan het antwoord voor ${usedFor}.` : ''}
          </span>
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          Open een contact om dit artikel in een antwoord te gebruiken.
        </p>
      )}
      <ArticleBody body={a.body} />
      <ArticleFeedback articleId={a.id} query={query} />
      <footer className="border-t border-slate-200 pt-2 text-xs text-slate-700">
        {a.source || a.license ? (
          <p>
            {a.source && <>Bron: {sourceLabel(a.source)}</>}
            {a.source && a.license && ' · '}
            {a.license && <>Licentie: {a.license}</>}
          </p>
        ) : (
          <p>Bron: eigen kennisbank</p>
        )}
        {url && (
          <p>
            <a href={url} target="_blank" rel="noopener noreferrer" className="btn-link break-all">
              Openbare pagina (opent in nieuw venster)
            </a>
          </p>
        )}
      </footer>
    </article>
  );
}
