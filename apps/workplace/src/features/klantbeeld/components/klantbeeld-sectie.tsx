import { useId, type ReactNode } from 'react';
import type { IntegraalKlantbeeld } from '@kcc/contracts/klantbeeld';

type AnySectie = IntegraalKlantbeeld[
  'zaken' | 'klantcontacten' | 'interneTaken' | 'contactgegevens' | 'identiteit'];
type DataOf<S> = S extends { status: 'beschikbaar'; data: infer D } ? D : never;

interface KlantbeeldSectieProps<S extends AnySectie> {
  title: string;
  sectie: S;
  testId: string;
  /** Shown as a badge after the title when the section loaded. */
  count?: (data: DataOf<S>) => number;
  children: (data: DataOf<S>) => ReactNode;
}

/**
 * One part of the integraal klantbeeld. A register that did not answer shows its melding here; the other
 * parts still show (partial results).
 */
export function KlantbeeldSectie<S extends AnySectie>({
  title,
  sectie,
  testId,
  count,
  children,
}: KlantbeeldSectieProps<S>) {
  const id = useId();
  const data = sectie.status === 'beschikbaar' ? (sectie.data as DataOf<S>) : undefined;
  return (
    <section aria-labelledby={`${id}-title`} data-testid={testId} data-status={sectie.status}>
      <h3 id={`${id}-title`} className="subsection-title">
        {title}
        {data !== undefined && count && <span className="count">{count(data)}</span>}
      </h3>
      {sectie.status === 'beschikbaar' && children(data as DataOf<S>)}
      {sectie.status === 'niet_beschikbaar' && (
        <p
          data-testid="sectie-melding"
          className="rounded border border-amber-700 bg-amber-50 p-2 text-sm text-amber-950"
        >
          <strong>Let op: {sectie.melding}.</strong> Probeer het later opnieuw. De rest van het klantbeeld is
          wel geladen.
        </p>
      )}
      {sectie.status === 'afgeschermd' && (
        <p
          data-testid="sectie-melding"
          className="rounded border border-slate-500 bg-slate-50 p-2 text-sm text-slate-900"
        >
          <strong>Afgeschermd.</strong> {sectie.melding}
        </p>
      )}
      {sectie.status === 'niet_van_toepassing' && (
        <p data-testid="sectie-melding" className="text-sm text-slate-700">
          {sectie.melding}.
        </p>
      )}
    </section>
  );
}
