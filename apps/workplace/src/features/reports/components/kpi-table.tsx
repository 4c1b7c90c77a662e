import type { KpiColumn } from '../utils/report-format';

/** `C`: what the columns read (the metrics); `R`: a row, which has those metrics and its own label. */
interface KpiTableProps<C, R extends C> {
  caption: string;
  /** Header of the first column (Periode, Wachtrij, Kanaal, Onderwerp). */
  rowHeader: string;
  rows: readonly R[];
  columns: readonly KpiColumn<C>[];
  rowLabel: (row: R) => string;
  rowKey: (row: R) => string;
  total?: C;
  /** Shown in place of the rows when there are none. */
  emptyText: string;
  /** Long row labels (onderwerpen) wrap; short ones (days, queues, channels) stay on one line. */
  wrapRowLabels?: boolean;
  testId?: string;
}

/** Every KPI per row (a period, queue, channel or onderwerp), with a total row when given. */
export function KpiTable<C, R extends C>({
  caption,
  rowHeader,
  rows,
  columns,
  rowLabel,
  rowKey,
  total,
  emptyText,
  wrapRowLabels = false,
  testId,
}: KpiTableProps<C, R>) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-right text-xs text-slate-700">
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              {rowHeader}
            </th>
            {columns.map((column) => (
              <th key={column.key} scope="col" className="px-2 font-medium">
                {column.title ? <abbr title={column.title}>{column.header}</abbr> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200" data-row={rowKey(row)}>
              <th
                scope="row"
                className={`py-1 pr-3 text-left font-medium ${wrapRowLabels ? '' : 'whitespace-nowrap'}`}
              >
                {rowLabel(row)}
              </th>
              {columns.map((column) => (
                <td key={column.key} className="px-2 text-right tabular-nums" data-kpi={column.key}>
                  {column.value(row)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="py-2 text-slate-700">
                {emptyText}
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
              {columns.map((column) => (
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
