import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Channel } from '@kcc/contracts/domain';
import { ARTICLE_TYPE_LABELS, ARTICLE_TYPES } from '@kcc/contracts/kennisbank';
import { describeError } from '../../../lib/api-client';
import { normaliseSearchText, useKennisbankSearch } from '../api/search-kennisbank';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import {
  useKennisbankPaneActions,
  useKennisbankQuery,
  useKennisbankType,
  useSearchFocusRequest,
} from '../stores/kennisbank-pane-store';
import { isArticleType, typeLabel } from '../utils/type-label';
import { HighlightedSnippet } from './highlighted-snippet';
import { WijsOpBadge } from './wijs-op-badge';

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 10;

function countText(total: number, shown: number, query: string): string {
  if (total === 0) return `Geen resultaten voor "${query}".`;
  const found = total === 1 ? '1 resultaat' : `${total} resultaten`;
  return total > shown
    ? `${found} voor "${query}". De beste ${shown} staan hieronder.`
    : `${found} voor "${query}".`;
}

/**
 * Search as you type (debounced) with a type filter. Focus stays in the search field: arrow keys move through
 * the results (combobox with aria-activedescendant), Enter opens the chosen result (or the first).
 */
interface KennisbankSearchProps {
  onOpenArticle: (articleId: string) => void;
  /** The channel of the contact being helped, for the channel advice. */
  channel?: Channel;
  /** False while an article is shown below the search field: the result list is hidden, not forgotten. */
  showResults?: boolean;
}

export function KennisbankSearch({ onOpenArticle, channel, showResults = true }: KennisbankSearchProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const query = useKennisbankQuery();
  const type = useKennisbankType();
  const focusRequest = useSearchFocusRequest();
  const { queryChanged, typeChanged } = useKennisbankPaneActions();
  const debounced = useDebouncedValue(query, SEARCH_DEBOUNCE_MS);
  const search = useKennisbankSearch({ q: debounced, type: type || undefined, limit: SEARCH_LIMIT });
  const [active, setActive] = useState(-1);

  const searching = normaliseSearchText(query) !== '';
  const items = searching && showResults ? (search.data?.items ?? []) : [];
  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-result-${index}`;

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  // New results: nothing chosen yet (Enter takes the first).
  const [activeIn, setActiveIn] = useState(search.data);
  if (activeIn !== search.data) {
    setActiveIn(search.data);
    setActive(-1);
  }

  useEffect(() => {
    if (active >= 0)
      document.getElementById(`${id}-result-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, id]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (items.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => (i + 1) % items.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (event.key === 'Home' && active >= 0) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && active >= 0) {
      event.preventDefault();
      setActive(items.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = items[active >= 0 ? active : 0];
      if (item) onOpenArticle(item.id);
    }
  };

  const status = !searching
    ? ''
    : search.isError
      ? ''
      : search.data && !search.isPlaceholderData
        ? countText(search.data.total, search.data.items.length, search.data.query)
        : 'Zoeken…';

  return (
    <div className="space-y-2">
      <form
        role="search"
        aria-label="Zoeken in de kennisbank"
        onSubmit={(e) => e.preventDefault()}
        className="space-y-2"
      >
        <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-900">
          Zoek in de kennisbank
        </label>
        <input
          ref={inputRef}
          id={`${id}-q`}
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={items.length > 0}
          aria-controls={items.length > 0 ? listId : undefined}
          aria-activedescendant={active >= 0 && items[active] ? optionId(active) : undefined}
          aria-describedby={`${id}-help`}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
          value={query}
          onChange={(e) => queryChanged(e.target.value)}
          onKeyDown={onKeyDown}
          className="field"
        />
        <p id={`${id}-help`} className="text-xs text-slate-700">
          Pijltjes: door de resultaten. Enter: openen. Escape: sluiten.
        </p>
        <div className="flex items-center gap-2">
          <label htmlFor={`${id}-type`} className="text-sm text-slate-900">
            Soort
          </label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(e) => typeChanged(isArticleType(e.target.value) ? e.target.value : '')}
            className="field w-auto py-1 text-sm"
          >
            <option value="">Alles</option>
            {ARTICLE_TYPES.map((t) => (
              <option key={t} value={t}>
                {ARTICLE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
      </form>

      <p role="status" aria-live="polite" data-testid="kennisbank-count" className="text-sm text-slate-700">
        {status}
      </p>
      {searching && search.isError && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          Zoeken is niet gelukt. {describeError(search.error)}
        </p>
      )}

      {items.length > 0 && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Resultaten"
          className={`space-y-1 ${search.isPlaceholderData ? 'opacity-70' : ''}`}
        >
          {items.map((item, index) => (
            <li
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              data-testid="kennisbank-result"
              data-article-id={item.id}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onOpenArticle(item.id)}
              className={`cursor-pointer rounded border p-2 ${
                index === active
                  ? 'border-blue-800 bg-blue-50 outline-2 outline-blue-700'
                  : 'border-slate-300 bg-white hover:bg-slate-50'
              }`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="rounded bg-slate-200 px-1.5 text-xs font-medium text-slate-900">
                  {typeLabel(item.type)}
                </span>
                <span className="font-semibold text-blue-900">{item.title}</span>
              </div>
              <HighlightedSnippet snippet={item.snippet} className="mt-1 text-sm text-slate-800" />
              {item.kanaal && (
                <div className="mt-1">
                  <WijsOpBadge kanaal={item.kanaal} channel={channel} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
