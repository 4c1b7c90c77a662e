import { useId, useState } from 'react';
import type { RetentionRun } from '@kcc/contracts/bewaartermijnen';
import { ModalDialog } from '../../../components/modal-dialog';
import { describeError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useBewaartermijnen, useOpschonen } from '../api/bewaartermijnen';
import { KIND_LABELS, termText } from '../utils/labels';

/**
 * For the beheerder (and, to look, the privacy officer): how long each kind of personal data is kept, what the
 * nightly run would delete now, and the last run. The beheerder can run it at once, after a confirmation.
 */
export function BewaartermijnenView({ canRun }: { canRun: boolean }) {
  const id = useId();
  const overview = useBewaartermijnen();
  const opschonen = useOpschonen();
  const [confirming, setConfirming] = useState(false);
  const { data } = overview;
  const dueNow = data?.dryRun.kinds.reduce((sum, k) => sum + k.expired, 0) ?? 0;

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4" data-testid="bewaartermijnen">
      <h1 id={`${id}-heading`} className="text-xl font-semibold">
        Bewaartermijnen
      </h1>
      <p className="text-sm text-slate-700">
        Persoonsgegevens bewaren we niet langer dan nodig. Elke nacht verwijdert de werkplek wat over de
        termijn is. Hieronder ziet u wat er nu weg zou gaan. Er wordt pas iets verwijderd als de nachtelijke
        ronde loopt of als u op &quot;Nu opschonen&quot; drukt.
      </p>
      {overview.isError && (
        <p role="alert" className="field-error">
          De bewaartermijnen konden niet laden. {describeError(overview.error)}
        </p>
      )}
      {!data && !overview.isError && <p className="panel">Bewaartermijnen laden…</p>}
      {data && (
        <>
          <table className="panel w-full text-sm" data-testid="bewaartermijnen-tabel">
            <caption className="sr-only">Bewaartermijnen en wat er nu over de termijn is</caption>
            <thead>
              <tr className="text-left">
                <th scope="col" className="py-1 pr-4 font-medium">
                  Soort gegevens
                </th>
                <th scope="col" className="pr-4 font-medium">
                  Termijn
                </th>
                <th scope="col" className="pr-4 font-medium">
                  Van vóór
                </th>
                <th scope="col" className="font-medium">
                  Nu over de termijn
                </th>
              </tr>
            </thead>
            <tbody>
              {data.dryRun.kinds.map((k) => (
                <tr key={k.kind} className="border-t border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4 text-left font-medium">
                    {KIND_LABELS[k.kind].name}
                    <span className="block font-normal text-slate-700">{KIND_LABELS[k.kind].what}</span>
                  </th>
                  <td className="py-2 pr-4">{termText(k.term)}</td>
                  <td className="py-2 pr-4">{formatDate(k.cutoff)}</td>
                  <td className="py-2 tabular-nums">
                    {k.expired} {KIND_LABELS[k.kind].unit}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-sm" data-testid="bewaartermijnen-volgende">
            De volgende nachtelijke ronde is op {formatDateTime(data.nextRunAt)}.
          </p>
          <LastRun run={data.lastRun} />
          {canRun && (
            <button
              type="button"
              className="btn-primary"
              disabled={opschonen.isPending}
              onClick={() => setConfirming(true)}
            >
              Nu opschonen
            </button>
          )}
          <p role="status" className="text-sm">
            {opschonen.isSuccess ? `Opgeschoond: ${summary(opschonen.data)}.` : ''}
          </p>
          {opschonen.isError && (
            <p role="alert" className="field-error">
              Opschonen is niet gelukt. {describeError(opschonen.error)}
            </p>
          )}
        </>
      )}
      {confirming && (
        <ModalDialog
          title="Nu opschonen?"
          description={
            dueNow === 0
              ? 'Er is nu niets over de termijn.'
              : 'Wat over de termijn is, wordt verwijderd of onherkenbaar gemaakt. Dit kan niet ongedaan worden.'
          }
          onClose={() => setConfirming(false)}
          testId="opschonen-bevestigen"
        >
          <div className="flex gap-2">
            <button
              type="button"
              className="btn-primary"
              onClick={() => {
                setConfirming(false);
                opschonen.mutate();
              }}
            >
              Ja, nu opschonen
            </button>
            <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
              Annuleren
            </button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}

function summary(run: RetentionRun): string {
  return run.kinds.map((k) => `${KIND_LABELS[k.kind].name.toLowerCase()} ${k.removed}`).join(', ');
}

function LastRun({ run }: { run: RetentionRun | null }) {
  if (!run) return <p className="text-sm">Er is nog niet opgeschoond.</p>;
  return (
    <p className="text-sm" data-testid="bewaartermijnen-laatste">
      Laatst opgeschoond op {formatDateTime(run.at)}: {summary(run)} (rijen verwijderd of onherkenbaar
      gemaakt).
    </p>
  );
}
