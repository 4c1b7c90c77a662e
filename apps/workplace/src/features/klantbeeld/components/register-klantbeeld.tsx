import { useEffect, useId, useRef } from 'react';
import { describeError } from '../../../lib/api-client';
import {
  useRegisterKlantbeeld,
  type KlantbeeldDoelkeuze,
  type KlantbeeldTarget,
} from '../api/get-register-klantbeeld';
import { klantbeeldNaam } from '../utils/klantbeeld-format';
import { IntegraalKlantbeeld } from './integraal-klantbeeld';

interface RegisterKlantbeeldProps {
  target: KlantbeeldTarget;
  doel: KlantbeeldDoelkeuze;
  onClose: () => void;
}

/** A klantbeeld opened from "Klant opzoeken": read from the registers for the stated purpose. */
export function RegisterKlantbeeld({ target, doel, onClose }: RegisterKlantbeeldProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const klantbeeld = useRegisterKlantbeeld(target, doel);
  const data = klantbeeld.data;
  const naam = data ? klantbeeldNaam(data.integraal, data.partij?.naam) : undefined;

  // Move focus to the opened klantbeeld, so keyboard and screen reader users land on it.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section
      aria-labelledby={`${id}-title`}
      aria-busy={klantbeeld.isPending || undefined}
      data-testid="register-klantbeeld"
      className="panel space-y-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="panel-title">
          Klantbeeld{naam ? `: ${naam}` : ''}
        </h2>
        <button type="button" className="btn-secondary" onClick={onClose}>
          Klantbeeld sluiten
        </button>
      </div>
      {klantbeeld.isPending && <p className="text-sm text-slate-700">Gegevens ophalen uit de registers…</p>}
      {klantbeeld.isError && (
        <div role="alert" className="space-y-2 text-sm text-red-800">
          <p>Het klantbeeld kon niet worden geladen. {describeError(klantbeeld.error)}</p>
          <button type="button" className="btn-secondary" onClick={() => void klantbeeld.refetch()}>
            Opnieuw proberen
          </button>
        </div>
      )}
      {data && (
        <>
          {!data.partij && (
            <p className="text-sm text-slate-700">
              {data.soort === 'persoon' ? 'Deze inwoner' : 'Dit bedrijf'} staat nog niet in het klantregister.
            </p>
          )}
          <IntegraalKlantbeeld integraal={data.integraal} doel={doel} />
        </>
      )}
    </section>
  );
}
