import { useRef, useState } from 'react';
import type { InterneTaakRegel, InterneTakenLijst } from '@kcc/contracts/interne-taken';
import { kanaalLabel } from '../../../components/channel-icon';
import { SHORTCUTS } from '../../../config/shortcuts';
import { formatDateTime } from '../../../lib/format';
import { useHotkey } from '../../../lib/use-hotkey';
import { useInterneTaken } from '../api/interne-taken';
import { InterneTaakDialog } from './interne-taak-dialog';

const LIJSTEN: { lijst: InterneTakenLijst; label: string }[] = [
  { lijst: 'mijn', label: 'Mijn taken' },
  { lijst: 'afdeling', label: 'Afdeling' },
];

/** "Interne taken": my open taken and those of my afdelingen; a taak opens in a dialog (Alt+I comes here). */
export function InterneTakenList() {
  const [lijst, setLijst] = useState<InterneTakenLijst>('mijn');
  const [open, setOpen] = useState<string>();
  const mijn = useInterneTaken('mijn');
  const afdeling = useInterneTaken('afdeling');
  const shown = lijst === 'mijn' ? mijn : afdeling;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useHotkey(SHORTCUTS.interneTaken, () => headingRef.current?.focus());

  const afdelingen = afdeling.data?.afdelingen ?? [];
  return (
    <section aria-labelledby="taken-title" className="space-y-2" data-testid="interne-taken">
      <h2 id="taken-title" ref={headingRef} tabIndex={-1} className="section-title">
        Interne taken
      </h2>
      <div role="group" aria-label="Welke taken" className="flex gap-1">
        {LIJSTEN.map(({ lijst: l, label }) => {
          const count = (l === 'mijn' ? mijn : afdeling).data?.items.length;
          return (
            <button
              key={l}
              type="button"
              aria-pressed={lijst === l}
              className={`flex-1 rounded-md border px-2 py-1 text-sm ${
                lijst === l
                  ? 'border-blue-800 bg-blue-800 text-white'
                  : 'border-slate-400 bg-white text-slate-900'
              }`}
              onClick={() => setLijst(l)}
            >
              {label} {count !== undefined && <span className="font-semibold">({count})</span>}
            </button>
          );
        })}
      </div>
      {lijst === 'afdeling' && afdeling.isSuccess && (
        <p className="text-xs text-slate-700">
          {afdelingen.length > 0
            ? `Open taken van ${afdelingen.map((a) => a.naam).join(', ')}.`
            : 'U hoort nog bij geen afdeling. Vraag de beheerder om u toe te voegen.'}
        </p>
      )}
      {shown.isPending && <p className="text-sm text-slate-700">Laden…</p>}
      {shown.isError && <p className="text-sm text-red-800">De interne taken konden niet worden geladen.</p>}
      {shown.data?.items.length === 0 && <p className="text-sm text-slate-700">Geen open interne taken.</p>}
      {shown.data && shown.data.items.length > 0 && (
        <ul className="space-y-1" aria-label={lijst === 'mijn' ? 'Mijn taken' : 'Taken van mijn afdeling'}>
          {shown.data.items.map((taak) => (
            <li key={taak.uuid}>
              <TaakKnop taak={taak} onOpen={() => setOpen(taak.uuid)} />
            </li>
          ))}
        </ul>
      )}
      {open && <InterneTaakDialog uuid={open} onClose={() => setOpen(undefined)} />}
    </section>
  );
}

function TaakKnop({ taak, onOpen }: { taak: InterneTaakRegel; onOpen: () => void }) {
  return (
    <button
      type="button"
      data-taak-uuid={taak.uuid}
      className="w-full rounded-md border border-slate-300 bg-white p-2 text-left text-sm hover:border-blue-800"
      onClick={onOpen}
    >
      <span className="block font-medium text-slate-900">{taak.gevraagdeHandeling}</span>
      <span className="block text-slate-700">
        {taak.klantcontact.onderwerp} ({kanaalLabel(taak.klantcontact.kanaal)})
      </span>
      {taak.afdeling && <span className="block text-slate-700">Voor: {taak.afdeling.naam}</span>}
      <span className="block text-slate-700">
        {taak.medewerker ? `Bij: ${taak.medewerker.naam}` : 'Nog niet opgepakt'}
      </span>
      <span className="block text-slate-700">
        Sinds <time dateTime={taak.toegewezenOp}>{formatDateTime(taak.toegewezenOp)}</time>
      </span>
    </button>
  );
}
