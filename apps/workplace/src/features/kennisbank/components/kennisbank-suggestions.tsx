import { useQuery } from '@tanstack/react-query';
import type { Channel } from '@kcc/contracts/domain';
import { kennisbankSearchQueryOptions, normaliseSearchText } from '../api/search-kennisbank';
import { kennisbankPaneActions } from '../stores/kennisbank-pane-store';
import { typeLabel } from '../utils/type-label';
import { WijsOpBadge } from './wijs-op-badge';

export const SUGGESTION_COUNT = 3;
const MAX_QUERY_LENGTH = 256;

/** The text suggestions are searched with: the subject, then the start of the first message. */
export function suggestionQuery(subject?: string, firstMessage?: string): string {
  return normaliseSearchText([subject, firstMessage].filter(Boolean).join(' ')).slice(0, MAX_QUERY_LENGTH);
}

/** The top results for the open contact; choosing one opens it in the kennisbank pane. */
export function KennisbankSuggestions({
  subject,
  firstMessage,
  channel,
}: {
  subject?: string;
  firstMessage?: string;
  channel?: Channel;
}) {
  const q = suggestionQuery(subject, firstMessage);
  const search = useQuery({
    ...kennisbankSearchQueryOptions({ q, limit: SUGGESTION_COUNT }),
    enabled: q !== '',
  });
  if (q === '') return null;

  return (
    <section aria-labelledby="kb-suggestions-title" data-testid="kennisbank-suggestions" className="panel">
      <h2 id="kb-suggestions-title" className="subsection-title">
        Suggesties uit de kennisbank
      </h2>
      {search.isPending ? (
        <p className="text-sm text-slate-700">Suggesties zoeken…</p>
      ) : search.isError ? (
        <p className="text-sm text-slate-700">Er zijn nu geen suggesties. Zoek zelf met Ctrl+K.</p>
      ) : search.data.items.length === 0 ? (
        <p className="text-sm text-slate-700">Geen suggesties voor dit onderwerp. Zoek zelf met Ctrl+K.</p>
      ) : (
        <ul className="space-y-1">
          {search.data.items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center gap-2">
              <span className="rounded bg-slate-200 px-1.5 text-xs font-medium text-slate-900">
                {typeLabel(item.type)}
              </span>
              <button
                type="button"
                className="btn-link text-left"
                onClick={() => kennisbankPaneActions.articleOpened(item.id)}
              >
                {item.title}
              </button>
              {item.kanaal && <WijsOpBadge kanaal={item.kanaal} channel={channel} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
