import { useEffect, useId, useRef, useState } from 'react';
import type { KoppelingenResponse } from '@kcc/contracts/klantbeeld';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useRetryOutboxItem, type RetryTarget } from '../api/retry-outbox-item';
import {
  OUTBOX_COUNT_LABELS,
  OUTBOX_STATE_LABELS,
  OUTBOX_STATE_UITLEG,
  openCount,
} from '../utils/koppelingen-labels';

type Outbox = NonNullable<KoppelingenResponse['openKlantOutbox']>;

function Empty() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">geen</span>
    </>
  );
}

/**
 * The registrations the server has not (yet) forwarded to Open Klant, with a retry per registration. The items
 * hold references and errors only, no personal data.
 */
export function OpenKlantOutboxSection({ outbox }: { outbox: Outbox }) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const retry = useRetryOutboxItem();
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  // Set before the refetch that follows a retry can answer (the mutation's own onSuccess runs first).
  const retriedId = useRef<string | null>(null);
  const open = openCount(outbox.aantallen);

  // A forwarded registration leaves the list, and its button with it: keep the keyboard focus in the section.
  useEffect(() => {
    const retried = retriedId.current;
    if (retried === null || outbox.items.some((item) => item.id === retried)) return;
    if (document.activeElement === null || document.activeElement === document.body)
      headingRef.current?.focus();
    retriedId.current = null;
  }, [outbox.items]);

  const tryAgain = (target: RetryTarget) => {
    setMessage('');
    setFailure(null);
    retry.mutate(target, {
      onSuccess: () => {
        retriedId.current = target.id;
        setMessage(
          `Registratie ${target.referentienummer} staat weer klaar en wordt zo opnieuw naar Open Klant gestuurd.`,
        );
      },
      onError: (error) =>
        setFailure(`Opnieuw proberen lukte niet voor ${target.referentienummer}. ${describeError(error)}`),
    });
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="panel space-y-4" data-testid="openklant-outbox">
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="panel-title">
        Doorsturen naar Open Klant
      </h2>
      <p className="text-sm text-slate-700">
        Elke registratie gaat ook naar Open Klant. Lukt dat niet meteen, dan probeert de werkplek het later
        opnieuw. Hieronder staan de registraties die nog niet in Open Klant staan.
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="outbox-aantallen">
        {OUTBOX_COUNT_LABELS.map(([state, label]) => (
          <div key={state} className="rounded-md border border-slate-300 p-3" data-state={state}>
            <dt className="text-xs text-slate-700">{label}</dt>
            <dd className="text-xl font-bold tabular-nums">{outbox.aantallen[state]}</dd>
          </div>
        ))}
      </dl>
      {outbox.oudsteWachtendSinds && (
        <p className="text-sm" data-testid="oudste-wachtend">
          Oudste wachtende sinds {formatDateTime(outbox.oudsteWachtendSinds)}
        </p>
      )}
      <p role="status" className="text-sm text-slate-900">
        {message}
      </p>
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
      {outbox.items.length === 0 ? (
        <p className="text-sm text-slate-700">Alle registraties staan in Open Klant.</p>
      ) : (
        <>
          {outbox.items.length < open && (
            <p className="text-sm text-slate-700">
              U ziet de {outbox.items.length} nieuwste van {open} registraties die nog niet in Open Klant
              staan.
            </p>
          )}
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="outbox-table">
              <caption className="mb-2 text-left font-semibold">
                Registraties die nog niet zijn doorgestuurd
              </caption>
              <thead>
                <tr className="border-b border-slate-300 text-left text-xs text-slate-700">
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Referentienummer
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Status
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">
                    Pogingen
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Laatste fout
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Aangemaakt
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Volgende poging
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    <span className="sr-only">Actie</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {outbox.items.map((item) => (
                  <tr
                    key={item.id}
                    className="border-b border-slate-200 align-top"
                    data-testid="outbox-item"
                    data-state={item.state}
                  >
                    <th scope="row" className="py-1.5 pr-3 text-left font-mono font-medium">
                      {item.referentienummer}
                    </th>
                    <td className="py-1.5 pr-3">{OUTBOX_STATE_LABELS[item.state]}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{item.attempts}</td>
                    <td className="max-w-md py-1.5 pr-3 break-words">{item.lastError ?? <Empty />}</td>
                    <td className="py-1.5 pr-3 whitespace-nowrap">{formatDateTime(item.aangemaaktOp)}</td>
                    <td className="py-1.5 pr-3 whitespace-nowrap">
                      {item.volgendePogingOp ? formatDateTime(item.volgendePogingOp) : <Empty />}
                    </td>
                    <td className="py-1.5">
                      <button
                        type="button"
                        className="btn-secondary whitespace-nowrap"
                        aria-label={`Opnieuw proberen: ${item.referentienummer}`}
                        disabled={retry.isPending && retry.variables.id === item.id}
                        onClick={() => tryAgain({ id: item.id, referentienummer: item.referentienummer })}
                      >
                        Opnieuw proberen
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Wat betekenen de statussen?</summary>
        <dl className="mt-2 space-y-1">
          {(Object.keys(OUTBOX_STATE_LABELS) as (keyof typeof OUTBOX_STATE_LABELS)[]).map((state) => (
            <div key={state}>
              <dt className="inline font-semibold">{OUTBOX_STATE_LABELS[state]}: </dt>
              <dd className="inline">{OUTBOX_STATE_UITLEG[state]}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
