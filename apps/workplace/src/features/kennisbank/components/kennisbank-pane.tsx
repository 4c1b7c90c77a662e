import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { Channel } from '@kcc/contracts/domain';
import {
  useKennisbankPaneActions,
  useKennisbankPaneOpen,
  useOpenArticleId,
} from '../stores/kennisbank-pane-store';
import { KennisbankArticle, type UseInAnswer } from './kennisbank-article';
import { KennisbankSearch } from './kennisbank-search';

interface KennisbankPaneProps {
  useInAnswer?: UseInAnswer;
  /** The channel of the contact being helped, for the channel advice. */
  channel?: Channel;
  className?: string;
}

/**
 * The kennisbank beside the contact (Ctrl+K). Escape in an article goes back to the results, Escape in the
 * results closes the pane; focus then returns to where the agent was (e.g. the answer field).
 */
export function KennisbankPane(props: KennisbankPaneProps) {
  const open = useKennisbankPaneOpen();
  return open ? <OpenPane {...props} /> : null;
}

function OpenPane({ useInAnswer, channel, className = '' }: KennisbankPaneProps) {
  const titleId = useId();
  const articleId = useOpenArticleId();
  const { paneClosed, articleOpened, articleClosed } = useKennisbankPaneActions();
  // Captured while rendering: the search field takes focus in a child effect, which runs before ours.
  const [returnFocus] = useState(() => document.activeElement);

  useEffect(
    () => () => {
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected && returnFocus !== document.body)
        returnFocus.focus();
    },
    [returnFocus],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    if (articleId) articleClosed();
    else paneClosed();
  };

  return (
    <aside
      aria-labelledby={titleId}
      data-testid="kennisbank-pane"
      onKeyDown={onKeyDown}
      className={`flex flex-col gap-3 overflow-y-auto border-l border-slate-300 bg-white p-3 ${className}`}
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id={titleId} className="panel-title">
          Kennisbank
        </h2>
        <button
          type="button"
          className="btn-secondary"
          aria-label="Kennisbank sluiten"
          title="Kennisbank sluiten (Escape)"
          onClick={paneClosed}
        >
          Sluiten
        </button>
      </div>
      <KennisbankSearch onOpenArticle={articleOpened} channel={channel} showResults={articleId === null} />
      {articleId && (
        <KennisbankArticle
          articleId={articleId}
          channel={channel}
          onBack={articleClosed}
          useInAnswer={useInAnswer}
        />
      )}
    </aside>
  );
}
