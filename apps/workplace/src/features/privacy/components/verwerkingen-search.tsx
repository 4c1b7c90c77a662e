import { useId, useState, type FormEvent } from 'react';
import { isValidBsn } from '@kcc/contracts/verwerkingen';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { useVerwerkingen, VERWERKINGEN_PAGE_SIZE } from '../api/get-verwerkingen';
import { ExportButtons } from './export-buttons';
import { VerwerkingenTable } from './verwerkingen-table';

export function validateBsn(value: string): string | undefined {
  const bsn = value.trim();
  if (bsn === '') return 'Vul het BSN in.';
  if (!/^[0-9]{9}$/.test(bsn)) return 'Een BSN heeft 9 cijfers.';
  if (!isValidBsn(bsn)) return 'Dit BSN klopt niet. Controleer het nummer.';
  return undefined;
}

/** Search the log by BSN, show the verwerkingsacties and export them for the inzageverzoek. */
export function VerwerkingenSearch({ token }: { token: string }) {
  const id = useId();
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();
  const [bsn, setBsn] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useVerwerkingen(bsn, page);

  const serverError =
    list.error instanceof ApiError ? list.error.invalidParams.find((p) => p.name.endsWith('bsn')) : undefined;
  const fieldError = error ?? (serverError ? invalidParamReason(serverError) : undefined);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateBsn(input);
    setError(found);
    if (found) {
      document.getElementById(`${id}-bsn`)?.focus();
      return;
    }
    setPage(1);
    setBsn(input.trim());
    // Same BSN again: a new read (the log may have grown since).
    if (bsn === input.trim() && page === 1) void list.refetch();
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.count / data.pageSize)) : 1;

  return (
    <section aria-labelledby={`${id}-title`} className="panel space-y-3" data-testid="verwerkingen-search">
      <h2 id={`${id}-title`} className="panel-title">
        Verwerkingen van een inwoner
      </h2>
      <form
        noValidate
        onSubmit={onSubmit}
        role="search"
        aria-label="Verwerkingen zoeken"
        className="flex items-start gap-2"
      >
        <Field
          id={`${id}-bsn`}
          label="BSN van de inwoner"
          hint="9 cijfers"
          error={fieldError}
          required
          className="w-64"
        >
          <input
            {...fieldProps(`${id}-bsn`, fieldError, { hint: '9 cijfers', required: true })}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            className="field"
          />
        </Field>
        <button type="submit" className="btn-primary mt-6">
          Zoeken
        </button>
      </form>
      {list.isError && !serverError && (
        <p role="alert" className="text-sm text-red-800">
          Het verwerkingenlog kon niet worden geladen. {describeError(list.error)}
        </p>
      )}
      <div aria-live="polite" className="text-sm">
        {list.isFetching && <p className="text-slate-700">Verwerkingen ophalen…</p>}
        {data && bsn && !list.isFetching && (
          <p data-testid="verwerkingen-count">
            {data.count === 1 ? '1 verwerkingsactie' : `${data.count} verwerkingsacties`} gevonden.
          </p>
        )}
      </div>
      {data && bsn && (
        <>
          <ExportButtons bsn={bsn} token={token} />
          {data.items.length > 0 && (
            <VerwerkingenTable
              items={data.items}
              caption={`Verwerkingsacties, nieuwste eerst (pagina ${data.page} van ${pages})`}
            />
          )}
          {data.count > VERWERKINGEN_PAGE_SIZE && (
            <nav aria-label="Pagina's" className="flex items-center gap-3 text-sm">
              <button
                type="button"
                className="btn-secondary"
                disabled={page <= 1 || list.isFetching}
                onClick={() => setPage((p) => p - 1)}
              >
                Vorige pagina
              </button>
              <span>
                Pagina {data.page} van {pages}
              </span>
              <button
                type="button"
                className="btn-secondary"
                disabled={page >= pages || list.isFetching}
                onClick={() => setPage((p) => p + 1)}
              >
                Volgende pagina
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
