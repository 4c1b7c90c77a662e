import type { CallbackOutcomeResponse } from '@kcc/contracts/channels';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useCallbackOutcome, useCallbackRequest } from '../api/callback';

function outcomeText(result: CallbackOutcomeResponse): string {
  if (result.uitkomst === 'gelukt') return 'Gelukt: de inwoner is teruggebeld. Registreer nu het contact.';
  if (result.volgende)
    return `Niet bereikt (poging ${result.poging} van ${result.maxPogingen}). Nieuwe poging vanaf ${formatDateTime(
      result.volgende.voorkeurVan,
    )}.`;
  return `Niet bereikt (poging ${result.poging} van ${result.maxPogingen}). Er komt geen nieuwe poging meer.`;
}

/** A terugbelverzoek contact: what to call and why, a `tel:` link, and the outcome buttons. */
export function CallbackDetails({ contactId, canRegister }: { contactId: string; canRegister: boolean }) {
  const request = useCallbackRequest(contactId);
  const outcome = useCallbackOutcome(contactId);

  if (request.isPending) return <p className="panel text-sm">Terugbelverzoek laden…</p>;
  if (request.isError)
    return (
      <p role="alert" className="panel field-error">
        Het terugbelverzoek kon niet laden. {describeError(request.error)}
      </p>
    );
  const cb = request.data;
  const done = cb.uitkomst !== undefined || outcome.isSuccess;
  return (
    <section
      aria-labelledby={`callback-${contactId}`}
      data-testid="callback-details"
      className="panel space-y-2"
    >
      <h2 id={`callback-${contactId}`} className="panel-title">
        Terugbelverzoek
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-700">Telefoonnummer</dt>
        <dd>
          <a data-testid="tel-link" href={cb.telLink} className="font-semibold text-blue-800 underline">
            Bel {cb.telefoonnummer}
          </a>
        </dd>
        <dt className="text-slate-700">Bellen</dt>
        <dd>
          vanaf {formatDateTime(cb.voorkeurVan)}
          {cb.voorkeurTot ? ` tot ${formatDateTime(cb.voorkeurTot)}` : ''}
        </dd>
        <dt className="text-slate-700">Poging</dt>
        <dd>
          {cb.poging} van {cb.maxPogingen}
        </dd>
        {cb.notitie && (
          <>
            <dt className="text-slate-700">Notitie</dt>
            <dd className="whitespace-pre-wrap">{cb.notitie}</dd>
          </>
        )}
      </dl>
      {!done && canRegister && (
        <div className="flex gap-2">
          <button
            type="button"
            className="btn-primary"
            disabled={outcome.isPending}
            onClick={() => outcome.mutate({ uitkomst: 'gelukt' })}
          >
            Gelukt
          </button>
          <button
            type="button"
            className="btn-secondary"
            disabled={outcome.isPending}
            onClick={() => outcome.mutate({ uitkomst: 'niet-bereikt' })}
          >
            Niet bereikt
          </button>
        </div>
      )}
      <p data-testid="callback-outcome" role="status" className="text-sm text-slate-900">
        {outcome.data
          ? outcomeText(outcome.data)
          : cb.uitkomst
            ? `Uitkomst: ${cb.uitkomst === 'gelukt' ? 'gelukt' : 'niet bereikt'}.`
            : ''}
      </p>
      {outcome.isError && (
        <p role="alert" className="field-error">
          De uitkomst is niet opgeslagen. {describeError(outcome.error)}
        </p>
      )}
    </section>
  );
}
