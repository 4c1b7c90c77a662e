import type { VerwerkingsactieDto } from '@kcc/contracts/verwerkingen';
import { formatDateTime } from '../../../lib/format';
import { BRON_LABELS, categorieen, HANDELING_LABELS, wieLabel } from '../utils/verwerking-labels';

/** Every verwerkingsactie about the resident, newest first. */
export function VerwerkingenTable({ items, caption }: { items: VerwerkingsactieDto[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="verwerkingen-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="px-2 py-1.5">
              Wanneer
            </th>
            <th scope="col" className="px-2 py-1.5">
              Wie
            </th>
            <th scope="col" className="px-2 py-1.5">
              Handeling
            </th>
            <th scope="col" className="px-2 py-1.5">
              Gegevens
            </th>
            <th scope="col" className="px-2 py-1.5">
              Doel
            </th>
            <th scope="col" className="px-2 py-1.5">
              Bron
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((actie) => (
            <tr
              key={actie.actieId}
              className="border-b border-slate-200 align-top"
              data-testid="verwerkingsactie"
              data-actie-id={actie.actieId}
              data-activiteit={actie.verwerkingsactiviteitCode}
            >
              <td className="px-2 py-1.5 whitespace-nowrap">
                <time dateTime={actie.tijdstip}>{formatDateTime(actie.tijdstip)}</time>
              </td>
              <td className="px-2 py-1.5">{wieLabel(actie)}</td>
              <td className="px-2 py-1.5">
                {HANDELING_LABELS[actie.handelingNaam]}
                <span className="block text-xs text-slate-700">{actie.actieNaam}</span>
              </td>
              <td className="px-2 py-1.5">{categorieen(actie).join(', ')}</td>
              <td className="px-2 py-1.5">
                {actie.doelOmschrijving}
                <span className="block text-xs text-slate-700">{actie.verwerkingNaam}</span>
              </td>
              <td className="px-2 py-1.5">{BRON_LABELS[actie.gegevensbron]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
