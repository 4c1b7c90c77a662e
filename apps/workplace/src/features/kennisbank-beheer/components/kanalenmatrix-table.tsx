import { useId, useState, type FormEvent } from 'react';
import {
  KANAAL_SOORT_LABELS,
  KANAAL_SOORTEN,
  type Doelgroep,
  type KanaalSoort,
} from '@kcc/contracts/kanaaladvies';
import type { KanalenmatrixEntry } from '@kcc/contracts/kennisbank';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useKanalenmatrix } from '../api/get-kanalenmatrix';
import { useSaveKanaal } from '../api/save-kanaal';

const MAX = { product: 200, kanaal: 200 };

interface KanaalValues {
  product: string;
  primair: string;
  secundair: string;
  doelgroep: Doelgroep;
  nietVia: KanaalSoort[];
}

const DOELGROEP_LABELS: Record<Doelgroep, string> = {
  inwoner: 'Inwoners',
  ondernemer: 'Ondernemers',
  beide: 'Inwoners en ondernemers',
};

const nietViaTekst = (nietVia: readonly KanaalSoort[]) =>
  nietVia.length === 0 ? '—' : nietVia.map((k) => KANAAL_SOORT_LABELS[k]).join(', ');

function validate(values: KanaalValues): string | null {
  if (values.product.trim() === '') return 'Vul de productnaam in.';
  if (values.primair.trim() === '' || values.secundair.trim() === '')
    return 'Vul het primaire en secundaire kanaal in.';
  if (values.product.trim().length > MAX.product) return 'De productnaam is te lang.';
  if (values.primair.trim().length > MAX.kanaal || values.secundair.trim().length > MAX.kanaal)
    return 'Een kanaal mag maximaal 200 tekens hebben.';
  return null;
}

/** Per product: the primary channel ("Wijs op") and the secondary one. Only the beheerder edits. */
export function KanalenmatrixTable({ canEdit }: { canEdit: boolean }) {
  const id = useId();
  const matrix = useKanalenmatrix();
  const save = useSaveKanaal();
  const [editing, setEditing] = useState<KanaalValues | null>(null);
  const [isNew, setIsNew] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [saved, setSaved] = useState('');

  const start = (entry?: KanalenmatrixEntry) => {
    setEditing(
      entry
        ? {
            product: entry.product,
            primair: entry.primair,
            secundair: entry.secundair,
            doelgroep: entry.doelgroep,
            nietVia: entry.nietVia,
          }
        : { product: '', primair: '', secundair: '', doelgroep: 'beide', nietVia: [] },
    );
    setIsNew(!entry);
    setError(null);
    setSaved('');
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!editing) return;
    const problem = validate(editing);
    setError(problem);
    if (problem) return;
    const existing = matrix.data?.find((e) => e.product === editing.product.trim());
    save.mutate(
      {
        product: editing.product.trim(),
        primair: editing.primair.trim(),
        secundair: editing.secundair.trim(),
        doelgroep: editing.doelgroep,
        nietVia: editing.nietVia,
        ...(existing?.uplId ? { uplId: existing.uplId } : {}),
      },
      {
        onSuccess: (entry) => {
          setSaved(`Opgeslagen: ${entry.product}, wijs op ${entry.primair}.`);
          setEditing(null);
        },
      },
    );
  };

  const items = (matrix.data ?? []).filter((e) =>
    e.product.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  const field = (name: 'product' | 'primair' | 'secundair', label: string, disabled = false) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        value={editing?.[name] ?? ''}
        disabled={disabled}
        onChange={(e) => setEditing((v) => (v ? { ...v, [name]: e.target.value } : v))}
        className="field"
      />
    </div>
  );

  return (
    <section aria-labelledby={`${id}-title`} className="panel space-y-3" data-testid="kanalenmatrix">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="panel-title">
          Kanalenmatrix
        </h2>
        {canEdit && !editing && (
          <button type="button" className="btn-primary" onClick={() => start()}>
            Product toevoegen
          </button>
        )}
      </div>
      {!canEdit && (
        <p className="text-sm text-slate-700">Alleen een beheerder kan de kanalenmatrix wijzigen.</p>
      )}
      {editing && (
        <form
          onSubmit={onSubmit}
          aria-label={isNew ? 'Product toevoegen' : `Kanalen wijzigen: ${editing.product}`}
          className="space-y-2 rounded border border-slate-300 p-3"
        >
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
          {save.isError && (
            <p role="alert" className="field-error">
              Opslaan is niet gelukt. {describeError(save.error)}
            </p>
          )}
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            {field('product', 'Product', !isNew)}
            {field('primair', 'Primair kanaal (wijs op)')}
            {field('secundair', 'Secundair kanaal')}
          </div>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            <div>
              <label htmlFor={`${id}-doelgroep`} className="block text-sm font-medium">
                Doelgroep
              </label>
              <select
                id={`${id}-doelgroep`}
                value={editing.doelgroep}
                onChange={(e) =>
                  setEditing((v) => (v ? { ...v, doelgroep: e.target.value as Doelgroep } : v))
                }
                className="field"
              >
                {Object.entries(DOELGROEP_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="sm:col-span-2">
              <legend className="text-sm font-medium">Niet via dit kanaal</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {KANAAL_SOORTEN.filter((k) => k !== 'anders').map((k) => (
                  <label key={k} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      className="h-4 w-4"
                      checked={editing.nietVia.includes(k)}
                      onChange={(e) =>
                        setEditing((v) =>
                          v
                            ? {
                                ...v,
                                nietVia: e.target.checked
                                  ? [...v.nietVia, k]
                                  : v.nietVia.filter((x) => x !== k),
                              }
                            : v,
                        )
                      }
                    />
                    {KANAAL_SOORT_LABELS[k]}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={save.isPending}>
              Opslaan
            </button>
            <button type="button" className="btn-secondary" onClick={() => setEditing(null)}>
              Annuleren
            </button>
          </div>
        </form>
      )}
      <p role="status" className="text-sm text-green-900">
        {saved}
      </p>
      <div>
        <label htmlFor={`${id}-filter`} className="block text-sm font-medium">
          Product zoeken
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="field max-w-sm"
        />
      </div>
      {matrix.isPending ? (
        <p className="text-sm text-slate-700">Laden…</p>
      ) : matrix.isError ? (
        <p role="alert" className="text-sm text-red-800">
          De kanalenmatrix kon niet worden geladen. {describeError(matrix.error)}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Kanalen per product</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">
                  Product
                </th>
                <th scope="col" className="py-1 pr-3">
                  Primair (wijs op)
                </th>
                <th scope="col" className="py-1 pr-3">
                  Secundair
                </th>
                <th scope="col" className="py-1 pr-3">
                  Doelgroep
                </th>
                <th scope="col" className="py-1 pr-3">
                  Niet via
                </th>
                <th scope="col" className="py-1 pr-3">
                  Gewijzigd
                </th>
                {canEdit && (
                  <th scope="col" className="py-1">
                    Acties
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.product} className="border-b border-slate-200" data-testid="kanalenmatrix-row">
                  <th scope="row" className="py-1 pr-3 font-medium">
                    {entry.product}
                  </th>
                  <td className="py-1 pr-3">{entry.primair}</td>
                  <td className="py-1 pr-3">{entry.secundair}</td>
                  <td className="py-1 pr-3">{DOELGROEP_LABELS[entry.doelgroep]}</td>
                  <td className="py-1 pr-3">{nietViaTekst(entry.nietVia)}</td>
                  <td className="py-1 pr-3">{formatDateTime(entry.updatedAt)}</td>
                  {canEdit && (
                    <td className="py-1">
                      <button
                        type="button"
                        className="btn-link"
                        aria-label={`Wijzigen: ${entry.product}`}
                        onClick={() => start(entry)}
                      >
                        Wijzigen
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
