import { kanaalLabel } from '../../../components/channel-icon';
import { formatDateTime } from '../../../lib/format';
import { useMyInterneTaken } from '../api/get-my-interne-taken';

export function InterneTakenList() {
  const { data: taken, isError, isPending } = useMyInterneTaken();
  return (
    <section aria-labelledby="taken-title" className="space-y-2" data-testid="interne-taken">
      <h2 id="taken-title" className="section-title">
        Mijn open interne taken {taken && <span className="count">{taken.length}</span>}
      </h2>
      {isPending && <p className="text-sm text-slate-700">Laden…</p>}
      {isError && <p className="text-sm text-red-800">De interne taken konden niet worden geladen.</p>}
      {taken?.length === 0 && <p className="text-sm text-slate-700">Geen open interne taken.</p>}
      {taken && taken.length > 0 && (
        <ul className="space-y-1">
          {taken.map((taak) => (
            <li key={taak.uuid} className="rounded-md border border-slate-300 bg-white p-2 text-sm">
              <p className="font-medium text-slate-900">{taak.gevraagdeHandeling}</p>
              <p className="text-slate-700">
                {taak.partij ? `${taak.partij.naam} · ` : ''}
                {taak.klantcontact.onderwerp} ({kanaalLabel(taak.klantcontact.kanaal)})
              </p>
              <p className="text-slate-700">
                Sinds <time dateTime={taak.toegewezenOp}>{formatDateTime(taak.toegewezenOp)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
