import { useId } from 'react';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useKoppelingen } from '../api/get-koppelingen';
import { OpenKlantOutboxSection } from './openklant-outbox-section';
import { RegistersTable } from './registers-table';

/**
 * For the beheerder: where the klantbeeld's data comes from (demo data or a connected register) and, when Open
 * Klant is connected, the registrations still on their way there. Refreshes every 10 seconds.
 */
export function KoppelingenView() {
  const id = useId();
  const koppelingen = useKoppelingen();
  const { data } = koppelingen;

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4" data-testid="koppelingen">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id={`${id}-heading`} className="text-xl font-semibold">
          Koppelingen
        </h1>
        {data && (
          <p className="text-sm text-slate-700" data-testid="koppelingen-bijgewerkt">
            Bijgewerkt om {formatTime(new Date(koppelingen.dataUpdatedAt).toISOString())}
          </p>
        )}
        <button type="button" className="btn-secondary ml-auto" onClick={() => void koppelingen.refetch()}>
          Vernieuwen
        </button>
      </div>
      <p className="text-sm text-slate-700">
        Hier ziet u waar de werkplek de gegevens van inwoners en bedrijven vandaan haalt. Deze pagina wordt
        elke 10 seconden bijgewerkt.
      </p>
      {koppelingen.isError && (
        <p role="alert" className="field-error">
          De koppelingen konden niet laden. {describeError(koppelingen.error)}
        </p>
      )}
      {!data && !koppelingen.isError && <p className="panel">Koppelingen laden…</p>}
      {data && (
        <>
          <div className="panel">
            <RegistersTable registers={data.registers} />
          </div>
          {data.openKlantOutbox ? (
            <OpenKlantOutboxSection outbox={data.openKlantOutbox} />
          ) : (
            <p className="panel text-sm" data-testid="openklant-niet-ingesteld">
              Open Klant is niet ingesteld. Registraties blijven in de ingebouwde opslag.
            </p>
          )}
        </>
      )}
    </section>
  );
}
