import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { useSendFeedback } from '../api/send-feedback';

interface ArticleFeedbackProps {
  articleId: string;
  /** The search the article was found with; without one there is nothing to judge. */
  query: string;
}

/**
 * "Dit hielp" / "Dit hielp niet" for the article as an answer to the agent's search. The redacteur sees the
 * verdicts as weak articles and as questions without a good answer. A second click replaces the first.
 */
export function ArticleFeedback({ articleId, query }: ArticleFeedbackProps) {
  const send = useSendFeedback();
  // the verdict belongs to this article and query: another one starts without a verdict
  const key = `${articleId}\n${query}`;
  const [verdict, setVerdict] = useState<{ key: string; hielp: boolean } | null>(null);
  const given = verdict?.key === key ? verdict.hielp : null;
  if (query.trim() === '') return null;

  const vote = (hielp: boolean) =>
    send.mutate({ articleId, query, hielp }, { onSuccess: () => setVerdict({ key, hielp }) });

  return (
    <div
      role="group"
      aria-label={`Hielp dit artikel bij "${query}"?`}
      className="flex flex-wrap items-center gap-2 text-sm"
      data-testid="article-feedback"
    >
      <span className="text-slate-800">Hielp dit bij &quot;{query}&quot;?</span>
      <button
        type="button"
        className="btn-secondary"
        aria-pressed={given === true}
        disabled={send.isPending}
        onClick={() => vote(true)}
      >
        Dit hielp
      </button>
      <button
        type="button"
        className="btn-secondary"
        aria-pressed={given === false}
        disabled={send.isPending}
        onClick={() => vote(false)}
      >
        Dit hielp niet
      </button>
      <span role="status" className="text-green-900">
        {given !== null ? 'Bedankt, de redactie ziet uw oordeel.' : ''}
      </span>
      {send.isError && (
        <span role="alert" className="text-red-800">
          Niet opgeslagen. {describeError(send.error)}
        </span>
      )}
    </div>
  );
}
