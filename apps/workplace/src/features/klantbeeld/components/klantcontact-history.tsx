import type { KlantcontactView } from '@kcc/contracts/rest';
import { kanaalLabel } from '../../../components/channel-icon';
import { formatDateTime } from '../../../lib/format';
import type { KlantbeeldDoelkeuze } from '../api/get-register-klantbeeld';
import { KlantcontactBerichten } from './klantcontact-berichten';

/** Earlier klantcontacten of this partij across every channel, newest first. */
export function KlantcontactHistory({
  klantcontacten,
  doel,
}: {
  klantcontacten: KlantcontactView[];
  /** The purpose the klantbeeld was read for: opening an item reads its messages for the same purpose. */
  doel?: KlantbeeldDoelkeuze;
}) {
  const sorted = [...klantcontacten].sort(
    (a, b) => Date.parse(b.plaatsgevondenOp) - Date.parse(a.plaatsgevondenOp),
  );
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title" className="subsection-title">
        Eerdere contacten <span className="count">{sorted.length}</span>
      </h3>
      {sorted.length === 0 ? (
        <p className="text-sm text-slate-700">Nog geen eerdere contacten.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm" data-testid="klantcontact-history">
          {sorted.map((kc) => (
            <li key={kc.uuid} className="py-1.5">
              <details>
                <summary className="cursor-pointer">
                  <time dateTime={kc.plaatsgevondenOp} className="text-slate-700">
                    {formatDateTime(kc.plaatsgevondenOp)}
                  </time>{' '}
                  · <span>{kanaalLabel(kc.kanaal)}</span> ·{' '}
                  <span className="font-medium">{kc.onderwerp}</span>
                  {kc.gespreksresultaat && <span className="text-slate-700"> · {kc.gespreksresultaat}</span>}
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
        </ul>
      )}
    </section>
  );
}
