import { useId } from 'react';
import type { NieuwsItem } from '@kcc/contracts/kennisbank';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useNieuws } from '../api/get-nieuws';
import { useMarkGelezen } from '../api/mark-gelezen';

/** Belangrijk first, then unread, then newest (the server already sorts; this keeps it so after a read mark). */
export function sortWerkberichten(items: NieuwsItem[]): NieuwsItem[] {
  return [...items].sort(
    (a, b) =>
      Number(b.belangrijk) - Number(a.belangrijk) ||
      Number(a.gelezen) - Number(b.gelezen) ||
      b.updatedAt.localeCompare(a.updatedAt),
  );
}

/** "Werkberichten": news for agents with an unread count; "belangrijk" first and marked. */
export function Werkberichten() {
  const titleId = useId();
  const nieuws = useNieuws();
  const markGelezen = useMarkGelezen();
  const ongelezen = nieuws.data?.ongelezen ?? 0;

  return (
    <section aria-labelledby={titleId} data-testid="werkberichten">
      <h2 id={titleId} className="section-title">
        Werkberichten
        {ongelezen > 0 && (
          <span className="count bg-red-800" data-testid="werkberichten-ongelezen">
            {ongelezen}
            <span className="sr-only"> ongelezen</span>
          </span>
        )}
      </h2>
      {nieuws.isPending ? (
        <p className="mt-2 text-sm text-slate-700">Laden…</p>
      ) : nieuws.isError ? (
        <p className="mt-2 text-sm text-red-800">
          De werkberichten konden niet worden geladen. {describeError(nieuws.error)}
        </p>
      ) : nieuws.data.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">Er zijn geen werkberichten.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {sortWerkberichten(nieuws.data.items).map((item) => (
            <li
              key={item.id}
              data-testid="werkbericht"
              data-belangrijk={item.belangrijk}
              data-gelezen={item.gelezen}
              className={`rounded border p-2 text-sm ${
                item.belangrijk ? 'border-l-4 border-red-800 bg-red-50' : 'border-slate-300 bg-white'
              }`}
            >
              <div className="flex flex-wrap items-center gap-2">
                {item.belangrijk && (
                  <span className="rounded bg-red-800 px-1.5 text-xs font-semibold text-white">
                    Belangrijk
                  </span>
                )}
                {!item.gelezen && <span className="text-xs font-semibold text-blue-900">Nieuw</span>}
              </div>
              <h3 className={item.gelezen ? 'font-medium text-slate-800' : 'font-semibold text-slate-950'}>
                {item.title}
              </h3>
              <p className="mt-1 whitespace-pre-line text-slate-900">{item.body}</p>
              <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-700">
                <span>{formatDateTime(item.validFrom ?? item.updatedAt)}</span>
                {!item.gelezen && (
                  <button
                    type="button"
                    className="btn-link text-xs"
                    aria-label={`Markeer als gelezen: ${item.title}`}
                    disabled={markGelezen.isPending && markGelezen.variables === item.id}
                    onClick={() => markGelezen.mutate(item.id)}
                  >
                    Markeer als gelezen
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {markGelezen.isError && (
        <p role="alert" className="mt-1 text-sm text-red-800">
          Markeren is niet gelukt. {describeError(markGelezen.error)}
        </p>
      )}
    </section>
  );
}
