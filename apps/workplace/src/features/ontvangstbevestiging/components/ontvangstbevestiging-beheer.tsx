import { useId, useState } from 'react';
import type { OntvangstbevestigingenResponse } from '@kcc/contracts/channels';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { useOntvangstbevestigingen, useSaveOntvangstbevestiging } from '../api/ontvangstbevestigingen';

type Item = OntvangstbevestigingenResponse['items'][number];

const UITLEG: Record<string, string> = {
  naam: 'naam van de inwoner',
  onderwerp: 'onderwerp van de e-mail of naam van het formulier',
  datum: 'uiterlijke antwoorddatum (servicenorm in werkdagen)',
  werkdagen: 'aantal werkdagen',
  kenmerk: 'kenmerk van het contact',
};

/**
 * The beheerder's texts for the automatic receipt (ontvangstbevestiging) per queue: every new e-mail and web form
 * gets one, threaded to the original, with the answer date from the queue's servicenorm.
 */
export function OntvangstbevestigingBeheer() {
  const id = useId();
  const list = useOntvangstbevestigingen();
  return (
    <section
      aria-labelledby={`${id}-h`}
      data-testid="ontvangstbevestiging-beheer"
      className="panel space-y-4"
    >
      <h1 id={`${id}-h`} className="panel-title">
        Ontvangstbevestiging
      </h1>
      <p className="text-sm text-slate-800">
        Elke nieuwe e-mail en elk webformulier krijgt meteen een automatisch antwoord. Daarin staat wat er nu
        gebeurt en wanneer de inwoner antwoord krijgt. Aanhef en ondertekening van de gemeente komen er
        vanzelf bij. Automatische berichten, nieuwsbrieven en onbestelbare e-mails krijgen nooit een
        ontvangstbevestiging.
      </p>
      {list.isPending && <p>Laden…</p>}
      {list.isError && (
        <p role="alert" className="field-error">
          Laden lukte niet. {describeError(list.error)}
        </p>
      )}
      {list.data && (
        <>
          <div className="text-sm">
            <p className="font-medium">U kunt deze woorden tussen accolades gebruiken:</p>
            <ul className="ml-5 list-disc">
              {list.data.plaatshouders.map((p) => (
                <li key={p}>
                  <code>{`{${p}}`}</code>: {UITLEG[p] ?? p}
                </li>
              ))}
            </ul>
          </div>
          {list.data.items.map((item) => (
            <TemplateForm key={`${item.queueId}:${item.bijgewerktOp ?? ''}`} item={item} />
          ))}
        </>
      )}
    </section>
  );
}

function TemplateForm({ item }: { item: Item }) {
  const id = useId();
  const save = useSaveOntvangstbevestiging();
  const [tekst, setTekst] = useState(item.tekst);
  const [actief, setActief] = useState(item.actief);
  const [melding, setMelding] = useState('');
  const fout =
    save.error instanceof ApiError
      ? save.error.invalidParams.find((p) => p.name === 'body.tekst' || p.name === 'tekst')
      : undefined;
  const error = fout ? invalidParamReason(fout) : undefined;

  return (
    <form
      aria-label={`Ontvangstbevestiging ${item.queueNaam}`}
      data-testid="ontvangstbevestiging-form"
      className="space-y-3 border-t border-slate-300 pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        setMelding('');
        save.mutate(
          { queueId: item.queueId, input: { tekst, actief } },
          { onSuccess: () => setMelding(`De ontvangstbevestiging van ${item.queueNaam} is opgeslagen.`) },
        );
      }}
    >
      <h2 className="subsection-title">Wachtrij {item.queueNaam}</h2>
      <p className="text-xs text-slate-700">
        {item.standaard
          ? 'Dit is de standaardtekst.'
          : `Gewijzigd door ${item.bijgewerktDoor ?? 'onbekend'}${
              item.bijgewerktOp ? ` op ${new Date(item.bijgewerktOp).toLocaleString('nl-NL')}` : ''
            }.`}
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={actief} onChange={(e) => setActief(e.target.checked)} />
        Automatisch versturen
      </label>
      <Field id={`${id}-tekst`} label="Tekst" required error={error}>
        <textarea
          {...fieldProps(`${id}-tekst`, error, { required: true })}
          rows={10}
          className="w-full rounded-md border border-slate-400 px-2 py-1.5 font-mono text-sm"
          value={tekst}
          onChange={(e) => setTekst(e.target.value)}
        />
      </Field>
      {save.isError && !error && (
        <p role="alert" className="field-error">
          Opslaan lukte niet. {describeError(save.error)}
        </p>
      )}
      <p role="status" className="text-sm text-green-900">
        {melding}
      </p>
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        Opslaan
      </button>
    </form>
  );
}
