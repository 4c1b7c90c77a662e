import type { InterneTaakView } from '@kcc/contracts/rest';
import { formatDateTime } from '../../../lib/format';

export function InterneTakenItems({ taken }: { taken: InterneTaakView[] }) {
  if (taken.length === 0) return <p className="text-sm text-slate-700">Geen open interne taken.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {taken.map((taak) => (
        <li key={taak.uuid} className="rounded border border-slate-200 p-2">
          <p className="font-medium">{taak.gevraagdeHandeling}</p>
          {taak.toelichting && <p className="text-slate-800">{taak.toelichting}</p>}
          <p className="text-slate-700">
            {taak.toegewezenAan.length > 0 ? `Voor ${taak.toegewezenAan.join(', ')} · ` : ''}
            sinds {formatDateTime(taak.toegewezenOp)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function PartijInterneTaken({ taken }: { taken: InterneTaakView[] }) {
  return (
    <section aria-labelledby="partij-taken-title">
      <h3 id="partij-taken-title" className="subsection-title">
        Open interne taken <span className="count">{taken.length}</span>
      </h3>
      <InterneTakenItems taken={taken} />
    </section>
  );
}
