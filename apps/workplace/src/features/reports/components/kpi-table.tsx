import type { ReportMetrics } from '@kcc/contracts/dashboard';
import { KPI_COLUMNS } from '../utils/report-format';

interface KpiTableProps<R extends ReportMetrics> {
  caption: string;
  /** Header of the first column (Periode, Wachtrij, Kanaal). */
  rowHeader: string;
  rows: readonly R[];
  rowLabel: (row: R) => string;
  rowKey: (row: R) => string;
  total?: ReportMetrics;
  testId?: string;
}

/** Every KPI per row (a period, queue or channel), with a total row when given. */
export function KpiTable<R extends ReportMetrics>({
  caption,
  rowHeader,
  rows,
  rowLabel,
  rowKey,
  total,
  testId,
}: KpiTableProps<R>) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-right text-xs text-slate-700">
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              {rowHeader}
            </th>
            {KPI_COLUMNS.map((column) => (
              <th key={column.key} scope="col" className="px-2 font-medium">
                {column.title ? <abbr title={column.title}>{column.header}</abbr> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200" data-row={rowKey(row)}>
              <th scope="row" className="py-1 pr-3 text-left font-medium whitespace-nowrap">
                {rowLabel(row)}
              </th>
              {KPI_COLUMNS.map((column) => (
                <td key={column.key} className="px-2 text-right tabular-nums" data-kpi={column.key}>
                  {column.value(row)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={KPI_COLUMNS.length + 1} className="py-2 text-slate-700">
                Geen contacten in deze periode.
              </td>
            </tr>
          )}
        </tbody>
        {total && (
          <tfoot>
            <tr className="border-t-2 border-slate-400 font-semibold" data-row="totaal">
              <th scope="row" className="py-1 pr-3 text-left">
                Totaal
              </th>
              {KPI_COLUMNS.map((column) => (
                <td key={column.key} className="px-2 text-right tabular-nums" data-kpi={column.key}>
                  {column.value(total)}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
