import { useId, useState } from 'react';
import type { KlantcontactView } from '@kcc/contracts/rest';
import { kanaalLabel } from '../../../components/channel-icon';
import { formatDateTime } from '../../../lib/format';
import type { KlantbeeldDoelkeuze } from '../api/get-register-klantbeeld';
import { KlantcontactBerichten } from './klantcontact-berichten';

const ALLE = '';

/** A registration of this workplace that Open Klant does not have (yet). */
const DOORSTUREN: Record<
  NonNullable<KlantcontactView['doorsturen']>,
  { tekst: string; className: string }
> = {
  wachtend: {
    tekst: 'Wordt nog opgeslagen in het klantregister',
    className: 'border-amber-400 bg-amber-50 text-amber-950',
  },
  mislukt: {
    tekst: 'Niet opgeslagen in het klantregister. Meld dit aan de beheerder.',
    className: 'border-red-300 bg-red-50 text-red-800',
  },
};

interface KlantcontactTimelineProps {
  items: KlantcontactView[];
  /** The channels present, from the server (for the filter). */
  kanalen: string[];
  /** The purpose the klantbeeld was read for: opening an item reads its messages for the same purpose. */
  doel?: KlantbeeldDoelkeuze;
}

/** Contact history across every channel, newest first, with a channel filter. */
export function KlantcontactTimeline({ items, kanalen, doel }: KlantcontactTimelineProps) {
  const id = useId();
  const [kanaal, setKanaal] = useState(ALLE);
  const sorted = [...items].sort((a, b) => Date.parse(b.plaatsgevondenOp) - Date.parse(a.plaatsgevondenOp));
  const shown = kanaal === ALLE ? sorted : sorted.filter((kc) => kc.kanaal === kanaal);
  const count = (k: string) => items.filter((kc) => kc.kanaal === k).length;

  if (items.length === 0) return <p className="text-sm text-slate-700">Nog geen eerdere contacten.</p>;
  return (
    <div className="space-y-2">
      {kanalen.length > 1 && (
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={`${id}-kanaal`} className="font-medium">
            Toon kanaal
          </label>
          <select
            id={`${id}-kanaal`}
            value={kanaal}
            onChange={(e) => setKanaal(e.target.value)}
            className="field w-auto py-1"
          >
            <option value={ALLE}>Alle kanalen ({items.length})</option>
            {kanalen.map((k) => (
              <option key={k} value={k}>
                {kanaalLabel(k)} ({count(k)})
              </option>
            ))}
          </select>
          <span className="sr-only" aria-live="polite">
            {shown.length} contacten getoond
          </span>
        </div>
      )}
      <ol
        className="relative space-y-1 border-l-2 border-slate-300 pl-4 text-sm"
        data-testid="klantcontact-history"
      >
        {shown.map((kc) => (
          <li key={kc.uuid} data-kanaal={kc.kanaal} className="relative">
            <span
              aria-hidden="true"
              className="absolute top-2 -left-[1.4rem] h-2.5 w-2.5 rounded-full bg-blue-800"
            />
            <details>
              <summary className="cursor-pointer py-0.5">
                <time dateTime={kc.plaatsgevondenOp} className="text-slate-700">
                  {formatDateTime(kc.plaatsgevondenOp)}
                </time>{' '}
                · <span className="font-medium text-blue-900">{kanaalLabel(kc.kanaal)}</span> ·{' '}
                <span className="font-medium">{kc.onderwerp}</span>
                {kc.gespreksresultaat && <span className="text-slate-700"> · {kc.gespreksresultaat}</span>}
                {kc.doorsturen && (
                  <span
                    data-testid="doorsturen"
                    className={`ml-1 inline-block rounded border px-1.5 text-xs ${DOORSTUREN[kc.doorsturen].className}`}
                  >
                    {DOORSTUREN[kc.doorsturen].tekst}
                  </span>
                )}
              </summary>
              <div className="mt-1 space-y-1 pl-4 text-slate-800">
                {kc.inhoud && (
                  <p>
                    <span className="font-medium">Vraag:</span> {kc.inhoud}
                  </p>
                )}
                {kc.reactie && (
                  <p>
                    <span className="font-medium">Antwoord:</span> {kc.reactie}
                  </p>
                )}
                {kc.nawerkNotitie && (
                  <p className="whitespace-pre-line">
                    <span className="font-medium">Aantekeningen:</span> {kc.nawerkNotitie}
                  </p>
                )}
                {kc.medewerker && <p className="text-slate-700">Medewerker: {kc.medewerker}</p>}
                {doel && <KlantcontactBerichten uuid={kc.uuid} doel={doel} />}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
