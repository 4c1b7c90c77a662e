import type { ReportOnderwerp } from '@kcc/contracts/dashboard';
import { formatCsat, formatRatio, formatSecondsOrDash } from '../utils/report-format';

const COLUMNS: { key: string; header: string; title?: string; value: (o: ReportOnderwerp) => string }[] = [
  { key: 'registraties', header: 'Registraties', value: (o) => String(o.registraties) },
  { key: 'contacten', header: 'Contacten', value: (o) => String(o.contacten) },
  { key: 'zelfstandig', header: 'Zelfstandig afgehandeld', value: (o) => String(o.zelfstandigAfgehandeld) },
  {
    key: 'fcr',
    header: 'Direct opgelost',
    title: 'Zelfstandig afgehandeld en binnen 7 dagen geen nieuw contact over hetzelfde onderwerp',
    value: (o) => formatRatio(o.firstContactResolution),
  },
  {
    key: 'aht',
    header: 'Gem. afhandeltijd',
    title: 'Gemiddelde afhandeltijd per contact met dit onderwerp: gesprek plus nawerk',
    value: (o) => formatSecondsOrDash(o.ahtSeconds),
  },
  {
    key: 'primary',
    header: 'Naar voorkeurskanaal',
    title: 'Deel van de kanaalsturing dat naar het primaire kanaal wees',
    value: (o) => formatRatio(o.primaryChannelShare),
  },
  { key: 'csat', header: 'Tevredenheid', value: formatCsat },
];

/** Registrations per onderwerp of the managed list; all free text together in the last row of its count. */
export function OnderwerpTable({ rows }: { rows: readonly ReportOnderwerp[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="report-table-onderwerpen">
        <caption className="mb-2 text-left font-semibold">Registraties per onderwerp</caption>
        <thead>
          <tr className="border-b border-slate-300 text-right text-xs text-slate-700">
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              Onderwerp
            </th>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" className="px-2 font-medium">
                {column.title ? <abbr title={column.title}>{column.header}</abbr> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.onderwerpId ?? 'vrije-tekst'}
              className="border-b border-slate-200"
              data-row={row.onderwerpId ?? 'vrije-tekst'}
            >
              <th
                scope="row"
                className={`py-1 pr-3 text-left font-medium ${row.onderwerpId ? '' : 'italic'}`}
              >
                {row.naam}
              </th>
              {COLUMNS.map((column) => (
                <td key={column.key} className="px-2 text-right tabular-nums" data-kpi={column.key}>
                  {column.value(row)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="py-2 text-slate-700">
                Geen registraties in deze periode.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
