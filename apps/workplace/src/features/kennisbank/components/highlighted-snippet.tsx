import { parseSnippet } from '../utils/snippet';

/** Renders a search snippet: text, with only `<mark>` re-created as elements (never raw HTML). */
export function HighlightedSnippet({ snippet, className }: { snippet: string; className?: string }) {
  return (
    <p className={className}>
      {parseSnippet(snippet).map((segment, index) =>
        segment.marked ? (
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-slate-950">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
