import { useId, useState, type FormEvent } from 'react';
import type { Onderwerp } from '@kcc/contracts/onderwerpen';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import {
  useAddOnderwerp,
  useAlleOnderwerpen,
  useImportOnderwerpen,
  useUpdateOnderwerp,
} from '../api/onderwerpen-beheer';

const MAX_SHOWN = 50;

const fieldError = (error: unknown, name: string): string | undefined => {
  if (!(error instanceof ApiError)) return error ? describeError(error) : undefined;
  const param = error.invalidParams.find((p) => p.name.replace(/^body\./, '') === name);
  return param ? invalidParamReason(param) : describeError(error);
};

/**
 * Beheer of the onderwerpen list the registration suggests: add, rename, switch off and on, and take over new
 * products from the kennisbank. An onderwerp is never deleted, so earlier registrations keep theirs.
 */
export function OnderwerpenBeheer() {
  const id = useId();
  const onderwerpen = useAlleOnderwerpen();
  const add = useAddOnderwerp();
  const importer = useImportOnderwerpen();
  const [naam, setNaam] = useState('');
  const [uplUri, setUplUri] = useState('');
  const [zoek, setZoek] = useState('');
  const [ookInactief, setOokInactief] = useState(false);
  const [melding, setMelding] = useState('');

  const items = onderwerpen.data ?? [];
  const q = zoek.trim().toLowerCase();
  const matching = items.filter(
    (o) => (ookInactief || o.actief) && (q === '' || o.naam.toLowerCase().includes(q)),
  );
  const shown = matching.slice(0, MAX_SHOWN);

  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate(
      { naam: naam.trim(), ...(uplUri.trim() !== '' ? { uplUri: uplUri.trim() } : {}) },
      {
        onSuccess: (created) => {
          setMelding(`Onderwerp '${created.naam}' is toegevoegd.`);
          setNaam('');
          setUplUri('');
        },
      },
    );
  };
  const naamError = add.isError ? fieldError(add.error, 'naam') : undefined;
  const uplError =
    add.error instanceof ApiError && add.error.invalidParams.some((p) => p.name.endsWith('uplUri'))
      ? 'Vul een geldig adres in, zoals http://standaarden.overheid.nl/owms/terms/paspoort.'
      : undefined;

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4" data-testid="onderwerpen-beheer">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-xl font-semibold">
          Onderwerpen
        </h2>
        <button
          type="button"
          className="btn-secondary"
          disabled={importer.isPending}
          onClick={() =>
            importer.mutate(undefined, {
              onSuccess: ({ toegevoegd }) =>
                setMelding(
                  toegevoegd === 0
                    ? 'Alle producten uit de kennisbank staan al in de lijst.'
                    : `${toegevoegd} ${toegevoegd === 1 ? 'onderwerp' : 'onderwerpen'} uit de kennisbank toegevoegd.`,
                ),
            })
          }
        >
          Overnemen uit kennisbank
        </button>
      </div>
      <p className="text-sm text-slate-700">
        Medewerkers kiezen het onderwerp van een registratie uit deze lijst (eigen tekst mag ook). Een
        onderwerp dat niet actief is, wordt niet meer voorgesteld; eerdere registraties houden hun onderwerp.
      </p>
      <p role="status" className="text-sm text-green-900">
        {melding}
      </p>
      {importer.isError && (
        <p role="alert" className="field-error">
          Overnemen is niet gelukt. {describeError(importer.error)}
        </p>
      )}

      <form
        onSubmit={onAdd}
        noValidate
        className="panel grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
      >
        <Field id={`${id}-naam`} label="Nieuw onderwerp" error={naamError} required>
          <input
            {...fieldProps(`${id}-naam`, naamError, { required: true })}
            value={naam}
            onChange={(e) => setNaam(e.target.value)}
            className="field"
          />
        </Field>
        <Field id={`${id}-upl`} label="UPL-adres (niet verplicht)" error={uplError}>
          <input
            {...fieldProps(`${id}-upl`, uplError)}
            type="url"
            value={uplUri}
            onChange={(e) => setUplUri(e.target.value)}
            className="field"
          />
        </Field>
        <button type="submit" className="btn-primary sm:mt-6" disabled={add.isPending}>
          Toevoegen
        </button>
      </form>

      <div className="flex flex-wrap items-end gap-4">
        <Field id={`${id}-zoek`} label="Zoek in de lijst">
          <input
            id={`${id}-zoek`}
            type="search"
            value={zoek}
            onChange={(e) => setZoek(e.target.value)}
            className="field"
          />
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={ookInactief}
            onChange={(e) => setOokInactief(e.target.checked)}
          />
          Toon ook onderwerpen die niet actief zijn
        </label>
      </div>

      {onderwerpen.isError ? (
        <p role="alert" className="field-error">
          De onderwerpen konden niet laden. {describeError(onderwerpen.error)}
        </p>
      ) : !onderwerpen.data ? (
        <p>Onderwerpen laden…</p>
      ) : (
        <table className="w-full text-sm" data-testid="onderwerpen-table">
          <caption className="mb-2 text-left text-slate-700">
            {matching.length > shown.length
              ? `${shown.length} van ${matching.length} onderwerpen getoond. Zoek om de lijst kleiner te maken.`
              : `${matching.length} ${matching.length === 1 ? 'onderwerp' : 'onderwerpen'}`}
          </caption>
          <thead>
            <tr className="border-b border-slate-300 text-left text-xs text-slate-700">
              <th scope="col" className="py-1 pr-3 font-medium">
                Naam
              </th>
              <th scope="col" className="px-2 font-medium">
                Bron
              </th>
              <th scope="col" className="px-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-2 font-medium">
                <span className="sr-only">Acties</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <OnderwerpRow key={o.id} onderwerp={o} onMelding={setMelding} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OnderwerpRow({ onderwerp, onMelding }: { onderwerp: Onderwerp; onMelding: (text: string) => void }) {
  const id = useId();
  const update = useUpdateOnderwerp();
  const [editing, setEditing] = useState(false);
  const [naam, setNaam] = useState(onderwerp.naam);
  const error = update.isError ? fieldError(update.error, 'naam') : undefined;

  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(
      { id: onderwerp.id, patch: { naam: naam.trim() } },
      {
        onSuccess: (saved) => {
          setEditing(false);
          onMelding(`Onderwerp heet nu '${saved.naam}'.`);
        },
      },
    );
  };
  const toggle = () =>
    update.mutate(
      { id: onderwerp.id, patch: { actief: !onderwerp.actief } },
      {
        onSuccess: (saved) =>
          onMelding(`'${saved.naam}' is ${saved.actief ? 'weer actief' : 'niet meer actief'}.`),
      },
    );

  return (
    <tr className="border-b border-slate-200" data-onderwerp={onderwerp.naam}>
      <th scope="row" className="py-1 pr-3 text-left font-normal">
        {editing ? (
          <form onSubmit={rename} noValidate className="flex flex-wrap items-start gap-2">
            <div className="space-y-1">
              <label htmlFor={`${id}-naam`} className="sr-only">
                Nieuwe naam voor {onderwerp.naam}
              </label>
              <input
                {...fieldProps(`${id}-naam`, error)}
                value={naam}
                autoFocus
                onChange={(e) => setNaam(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    setEditing(false);
                    setNaam(onderwerp.naam);
                  }
                }}
                className="field py-1"
              />
              {error && (
                <p id={`${id}-naam-error`} className="field-error">
                  {error}
                </p>
              )}
            </div>
            <button type="submit" className="btn-primary" disabled={update.isPending}>
              Opslaan
            </button>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                setEditing(false);
                setNaam(onderwerp.naam);
              }}
            >
              Annuleren
            </button>
          </form>
        ) : (
          <span className={onderwerp.actief ? '' : 'text-slate-700 line-through'}>{onderwerp.naam}</span>
        )}
      </th>
      <td className="px-2">{onderwerp.bron === 'kennisbank' ? 'Kennisbank (UPL)' : 'Beheer'}</td>
      <td className="px-2">{onderwerp.actief ? 'Actief' : 'Niet actief'}</td>
      <td className="px-2 whitespace-nowrap text-right">
        {!editing && (
          <button
            type="button"
            className="btn-secondary mr-2 py-1"
            aria-label={`${onderwerp.naam} hernoemen`}
            onClick={() => setEditing(true)}
          >
            Hernoemen
          </button>
        )}
        <button
          type="button"
          className="btn-secondary py-1"
          aria-label={`${onderwerp.naam} ${onderwerp.actief ? 'uitzetten' : 'weer aanzetten'}`}
          disabled={update.isPending}
          onClick={toggle}
        >
          {onderwerp.actief ? 'Uitzetten' : 'Aanzetten'}
        </button>
        {update.isError && !editing && (
          <span role="alert" className="field-error ml-2">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}
