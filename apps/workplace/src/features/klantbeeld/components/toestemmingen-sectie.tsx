import { useId, useState, type FormEvent } from 'react';
import type { PartijView } from '@kcc/contracts/rest';
import {
  BERICHT_KANAAL_LABELS,
  TOESTEMMING_SOORT_LABELS,
  type BerichtKanaal,
  type TerugkoppelingView,
  type Toestemming,
  type ToestemmingSoort,
} from '@kcc/contracts/toestemmingen';
import { describeError, invalidParamReason, ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useToestemmingen, useToestemmingIntrekken, useToestemmingVastleggen } from '../api/toestemmingen';

const AANLEIDING_LABELS: Record<TerugkoppelingView['aanleiding'], string> = {
  interne_taak_verwerkt: 'Vraag afgehandeld',
  terugbelverzoek_afgesloten: 'Terugbelverzoek afgesloten',
  vervolg_geregistreerd: 'Vraag doorgestuurd',
  beoordeling: 'Vraag om een oordeel',
};
const STATUS_LABELS: Record<TerugkoppelingView['status'], string> = {
  wachtend: 'Wordt verstuurd',
  verstuurd: 'Verstuurd',
  mislukt: 'Mislukt',
  niet_verstuurd: 'Niet verstuurd',
};

function ToestemmingRegel({ t }: { t: Toestemming }) {
  return (
    <>
      <span className="font-medium">{TOESTEMMING_SOORT_LABELS[t.soort]}</span>
      <br />
      {BERICHT_KANAAL_LABELS[t.kanaal]}: {t.adres}. {t.wijze} via {t.gegevenVia} op{' '}
      {formatDateTime(t.gegevenOp)}
      {t.ingetrokkenOp && <>; ingetrokken op {formatDateTime(t.ingetrokkenOp)}</>}
    </>
  );
}

/**
 * Toestemmingen of the resident (issue 15 §4): what they allow, through which channel, since when; the agent
 * records what the resident says ("mondeling gegeven") and withdraws it when asked. Below, the messages that went
 * to the resident, or why none did.
 */
export function ToestemmingenSectie({ contactId, partij }: { contactId: string; partij: PartijView }) {
  const query = useToestemmingen(contactId);
  const vastleggen = useToestemmingVastleggen(contactId);
  const intrekken = useToestemmingIntrekken(contactId);
  const ids = useId();
  const [soort, setSoort] = useState<ToestemmingSoort>('voorkeurskanaal');
  const [kanaal, setKanaal] = useState<BerichtKanaal>('email');
  const standaard = (k: BerichtKanaal) =>
    partij.digitaleAdressen.find((a) => a.soortDigitaalAdres === (k === 'sms' ? 'telefoonnummer' : 'email'))
      ?.adres ?? '';
  const [adres, setAdres] = useState(() => standaard('email'));
  const [melding, setMelding] = useState('');
  const adresFout =
    vastleggen.error instanceof ApiError
      ? vastleggen.error.invalidParams.find((p) => p.name.endsWith('adres'))
      : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    vastleggen.mutate(
      { soort, kanaal, adres },
      { onSuccess: () => setMelding('De toestemming is vastgelegd.') },
    );
  };
  const data = query.data;

  return (
    <section aria-labelledby={`${ids}-titel`} data-testid="toestemmingen" className="space-y-2 text-sm">
      <h3 id={`${ids}-titel`} className="font-semibold">
        Toestemmingen
      </h3>
      <p aria-live="polite" className="sr-only">
        {melding}
      </p>
      {query.isPending && <p>Toestemmingen laden…</p>}
      {query.isError && (
        <p role="alert">De toestemmingen konden niet worden geladen. {describeError(query.error)}</p>
      )}
      {data && (
        <>
          <p data-testid="voorkeurskanaal-toestemming">
            {data.voorkeurskanaal
              ? `Berichten gaan naar: ${BERICHT_KANAAL_LABELS[data.voorkeurskanaal.kanaal]} (${data.voorkeurskanaal.adres}).`
              : 'Geen voorkeurskanaal met toestemming. Berichten gaan alleen per e-mail als de vraag per e-mail kwam.'}
          </p>
          {data.actueel.length === 0 ? (
            <p>De inwoner heeft geen toestemming gegeven.</p>
          ) : (
            <ul className="space-y-1" aria-label="Geldige toestemmingen">
              {data.actueel.map((t) => (
                <li key={t.id} data-testid="toestemming" className="flex items-start justify-between gap-2">
                  <span>
                    <ToestemmingRegel t={t} />
                  </span>
                  <button
                    type="button"
                    className="btn-secondary shrink-0"
                    disabled={intrekken.isPending}
                    aria-label={`Intrekken: ${TOESTEMMING_SOORT_LABELS[t.soort]}`}
                    onClick={() =>
                      intrekken.mutate(t.id, {
                        onSuccess: () => setMelding('De toestemming is ingetrokken.'),
                      })
                    }
                  >
                    Intrekken
                  </button>
                </li>
              ))}
            </ul>
          )}
          {intrekken.isError && (
            <p role="alert">Intrekken is niet gelukt. {describeError(intrekken.error)}</p>
          )}

          {data.vastleggenToegestaan ? (
            <form
              onSubmit={onSubmit}
              className="space-y-2 rounded border border-slate-200 bg-slate-50 p-2"
              noValidate
            >
              <p>Vraag de inwoner om toestemming. U legt vast: mondeling gegeven, nu, via dit contact.</p>
              <div>
                <label htmlFor={`${ids}-soort`} className="block font-medium">
                  Waarvoor
                </label>
                <select
                  id={`${ids}-soort`}
                  className="w-full rounded border border-slate-400 p-1"
                  value={soort}
                  onChange={(e) => setSoort(e.target.value as ToestemmingSoort)}
                >
                  {(Object.keys(TOESTEMMING_SOORT_LABELS) as ToestemmingSoort[]).map((s) => (
                    <option key={s} value={s}>
                      {TOESTEMMING_SOORT_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset>
                <legend className="font-medium">Kanaal</legend>
                {(Object.keys(BERICHT_KANAAL_LABELS) as BerichtKanaal[]).map((k) => (
                  <label key={k} className="mr-3 inline-flex items-center gap-1">
                    <input
                      type="radio"
                      name={`${ids}-kanaal`}
                      value={k}
                      checked={kanaal === k}
                      onChange={() => {
                        setKanaal(k);
                        setAdres(standaard(k));
                      }}
                    />
                    {BERICHT_KANAAL_LABELS[k]}
                  </label>
                ))}
              </fieldset>
              <div>
                <label htmlFor={`${ids}-adres`} className="block font-medium">
                  {kanaal === 'sms' ? 'Mobiel nummer' : 'E-mailadres'}
                </label>
                <input
                  id={`${ids}-adres`}
                  className="w-full rounded border border-slate-400 p-1"
                  value={adres}
                  onChange={(e) => setAdres(e.target.value)}
                  aria-invalid={adresFout ? true : undefined}
                  aria-describedby={adresFout ? `${ids}-adres-fout` : undefined}
                />
                {adresFout && (
                  <p id={`${ids}-adres-fout`} className="text-red-800">
                    {invalidParamReason(adresFout)}
                  </p>
                )}
              </div>
              {vastleggen.isError && !adresFout && (
                <p role="alert" className="text-red-800">
                  Vastleggen is niet gelukt. {describeError(vastleggen.error)}
                </p>
              )}
              <button type="submit" className="btn-primary" disabled={vastleggen.isPending}>
                Toestemming vastleggen
              </button>
            </form>
          ) : (
            <p>Verifieer eerst wie de inwoner is. Daarna kunt u een toestemming vastleggen.</p>
          )}

          {data.geschiedenis.some((t) => t.ingetrokkenOp) && (
            <details>
              <summary className="cursor-pointer">Geschiedenis ({data.geschiedenis.length})</summary>
              <ul className="mt-1 space-y-1" data-testid="toestemming-geschiedenis">
                {data.geschiedenis.map((t) => (
                  <li key={t.id}>
                    <ToestemmingRegel t={t} />
                  </li>
                ))}
              </ul>
            </details>
          )}

          <h4 className="font-medium">Berichten aan de inwoner</h4>
          {data.terugkoppelingen.length === 0 ? (
            <p>Nog geen berichten.</p>
          ) : (
            <ul className="space-y-1" data-testid="terugkoppelingen">
              {data.terugkoppelingen.map((t) => (
                <li key={t.id} data-status={t.status}>
                  {AANLEIDING_LABELS[t.aanleiding]}: {STATUS_LABELS[t.status]}
                  {t.kanaal && ` (${BERICHT_KANAAL_LABELS[t.kanaal]})`},{' '}
                  {formatDateTime(t.verstuurdOp ?? t.aangemaaktOp)}
                  {t.reden && t.status !== 'verstuurd' && <>. {t.reden}</>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
