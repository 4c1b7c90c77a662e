import { useId, useState } from 'react';
import { ARTICLE_TYPE_LABELS, ARTICLE_TYPES, type ArticleSummary } from '@kcc/contracts/kennisbank';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import type { ArticleListFilter } from '../api/beheer-keys';
import { useDeleteArticle } from '../api/delete-article';
import { LIST_PAGE_SIZE, useArticleList } from '../api/list-articles';
import { usePublishArticle } from '../api/publish-article';
import { ARTICLE_STATUS_LABELS, articleStatus, validityText } from '../utils/article-status';

interface ArticleListProps {
  canDelete: boolean;
  onEdit: (id: string) => void;
  onNew: () => void;
  /** Announced after an action, e.g. "Gepubliceerd: …". */
  notice?: string;
}

const typeName = (type: string) => ARTICLE_TYPE_LABELS[type as keyof typeof ARTICLE_TYPE_LABELS] ?? type;

/** Articles newest change first, with filter, paging, publish/unpublish and (beheerder) delete. */
export function ArticleList({ canDelete, onEdit, onNew, notice }: ArticleListProps) {
  const id = useId();
  const [filter, setFilter] = useState<ArticleListFilter>({ offset: 0 });
  const list = useArticleList(filter);
  const publish = usePublishArticle();
  const remove = useDeleteArticle();
  const [message, setMessage] = useState('');
  // Validity is judged against the moment the list was opened (a new search or page opens it again).
  const [now] = useState(() => Date.now());

  const change = (patch: Partial<ArticleListFilter>) => setFilter((f) => ({ ...f, ...patch, offset: 0 }));
  const total = list.data?.total ?? 0;
  const actionError = publish.error ?? remove.error;

  const togglePublished = (item: ArticleSummary) =>
    publish.mutate(
      { id: item.id, published: !item.published },
      {
        onSuccess: (a) =>
          setMessage(`${a.published ? 'Gepubliceerd' : 'Teruggetrokken (concept)'}: ${a.title}`),
      },
    );
  const del = (item: ArticleSummary) => {
    if (!window.confirm(`Artikel "${item.title}" definitief verwijderen?`)) return;
    remove.mutate(item.id, { onSuccess: () => setMessage(`Verwijderd: ${item.title}`) });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="panel space-y-3" data-testid="article-list">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="panel-title">
          Artikelen
        </h2>
        <button type="button" className="btn-primary" onClick={onNew}>
          Nieuw artikel
        </button>
      </div>
      <form
        role="search"
        aria-label="Artikelen filteren"
        onSubmit={(e) => e.preventDefault()}
        className="flex flex-wrap gap-3"
      >
        <div>
          <label htmlFor={`${id}-titel`} className="block text-sm font-medium">
            Titel bevat
          </label>
          <input
            id={`${id}-titel`}
            type="search"
            value={filter.titel ?? ''}
            maxLength={200}
            onChange={(e) => change({ titel: e.target.value })}
            className="field"
          />
        </div>
        <div>
          <label htmlFor={`${id}-type`} className="block text-sm font-medium">
            Soort
          </label>
          <select
            id={`${id}-type`}
            value={filter.type ?? ''}
            onChange={(e) => change({ type: e.target.value || undefined })}
            className="field"
          >
            <option value="">Alle soorten</option>
            {ARTICLE_TYPES.map((t) => (
              <option key={t} value={t}>
                {ARTICLE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-status`} className="block text-sm font-medium">
            Status
          </label>
          <select
            id={`${id}-status`}
            value={filter.published ?? ''}
            onChange={(e) =>
              change({
                published:
                  e.target.value === 'true' || e.target.value === 'false' ? e.target.value : undefined,
              })
            }
            className="field"
          >
            <option value="">Alles</option>
            <option value="true">Gepubliceerd</option>
            <option value="false">Concept</option>
          </select>
        </div>
      </form>
      <p role="status" className="text-sm text-slate-700">
        {message || notice || (list.data ? `${total} ${total === 1 ? 'artikel' : 'artikelen'}` : '')}
      </p>
      {list.isError && (
        <p role="alert" className="text-sm text-red-800">
          De artikelen konden niet worden geladen. {describeError(list.error)}
        </p>
      )}
      {actionError && (
        <p role="alert" className="text-sm text-red-800">
          Dat is niet gelukt. {describeError(actionError)}
        </p>
      )}
      {list.isPending ? (
        <p className="text-sm text-slate-700">Laden…</p>
      ) : list.data && list.data.items.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Artikelen in de kennisbank</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">
                  Titel
                </th>
                <th scope="col" className="py-1 pr-3">
                  Soort
                </th>
                <th scope="col" className="py-1 pr-3">
                  Status
                </th>
                <th scope="col" className="py-1 pr-3">
                  Geldig
                </th>
                <th scope="col" className="py-1 pr-3">
                  Gewijzigd
                </th>
                <th scope="col" className="py-1">
                  Acties
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr
                  key={item.id}
                  className="border-b border-slate-200 align-top"
                  data-testid="beheer-article-row"
                  data-article-id={item.id}
                >
                  <td className="py-1 pr-3">
                    <button type="button" className="btn-link text-left" onClick={() => onEdit(item.id)}>
                      {item.title}
                    </button>
                    {item.belangrijk && (
                      <span className="ml-2 text-xs font-semibold text-red-800">Belangrijk</span>
                    )}
                  </td>
                  <td className="py-1 pr-3">{typeName(item.type)}</td>
                  <td className="py-1 pr-3" data-testid="article-status">
                    {ARTICLE_STATUS_LABELS[articleStatus(item, now)]}
                  </td>
                  <td className="py-1 pr-3">{validityText(item)}</td>
                  <td className="py-1 pr-3">
                    {formatDateTime(item.updatedAt)}
                    {item.updatedBy && <span className="block text-xs text-slate-700">{item.updatedBy}</span>}
                  </td>
                  <td className="space-x-2 py-1 whitespace-nowrap">
                    <button
                      type="button"
                      className="btn-secondary px-2 py-0.5"
                      aria-label={`${item.published ? 'Terugtrekken' : 'Publiceren'}: ${item.title}`}
                      disabled={publish.isPending}
                      onClick={() => togglePublished(item)}
                    >
                      {item.published ? 'Terugtrekken' : 'Publiceren'}
                    </button>
                    {canDelete && (
                      <button
                        type="button"
                        className="btn-secondary border-red-800 px-2 py-0.5 text-red-800"
                        aria-label={`Verwijderen: ${item.title}`}
                        disabled={remove.isPending}
                        onClick={() => del(item)}
                      >
                        Verwijderen
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-700">Geen artikelen met dit filter.</p>
      )}
      {total > LIST_PAGE_SIZE && (
        <nav aria-label="Pagina's" className="flex items-center gap-3 text-sm">
          <button
            type="button"
            className="btn-secondary"
            disabled={filter.offset === 0}
            onClick={() => setFilter((f) => ({ ...f, offset: Math.max(0, f.offset - LIST_PAGE_SIZE) }))}
          >
            Vorige
          </button>
          <span>
            {filter.offset + 1}–{Math.min(filter.offset + LIST_PAGE_SIZE, total)} van {total}
          </span>
          <button
            type="button"
            className="btn-secondary"
            disabled={filter.offset + LIST_PAGE_SIZE >= total}
            onClick={() => setFilter((f) => ({ ...f, offset: f.offset + LIST_PAGE_SIZE }))}
          >
            Volgende
          </button>
        </nav>
      )}
    </section>
  );
}
