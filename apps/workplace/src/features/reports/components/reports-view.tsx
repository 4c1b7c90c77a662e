import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import type { ReportMetrics } from '@kcc/contracts/dashboard';
import { describeError } from '../../../lib/api-client';
import { describeCsvError, downloadReportCsv } from '../api/download-report-csv';
import { useReport, type ReportFilters } from '../api/get-report';
import { lastDays } from '../utils/local-days';
import {
  formatCsat,
  formatPerVraag,
  formatRatio,
  formatSecondsOrDash,
  KPI_COLUMNS,
} from '../utils/report-format';
import { OnderwerpTable } from './onderwerp-table';
import { KpiTable } from './kpi-table';
import { ReportCharts } from './report-charts';
import { ReportFiltersForm } from './report-filters-form';

function KpiTiles({ total }: { total: ReportMetrics }) {
  const tiles: [string, string][] = [
    ['Aangeboden', String(total.offered)],
    ['Service level', formatRatio(total.serviceLevel)],
    ['Gem. wachttijd', formatSecondsOrDash(total.asaSeconds)],
    ['Gem. afhandeltijd', formatSecondsOrDash(total.ahtSeconds)],
    ['Afbreekpercentage', formatRatio(total.abandonRate)],
    ['Direct opgelost', formatRatio(total.firstContactResolution)],
    ['Kanaalwissels', String(total.channelSwitches)],
    ['Via primair kanaal', formatRatio(total.primaryChannelShare)],
    ['Contacten per vraag', formatPerVraag(total)],
    ['Belofte nagekomen', formatRatio(total.voorspelbaarheid)],
    ['Tevredenheid (1–5)', formatCsat(total)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-6" data-testid="report-tiles">
      {tiles.map(([label, value]) => (
        <div key={label} className="panel p-3">
          <dt className="text-xs text-slate-700">{label}</dt>
          <dd className="text-xl font-bold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface ReportsViewProps {
  /** The session's token: the CSV is fetched with it (a plain link cannot send the Bearer header). */
  token: string;
  /** Start values (tests); default: per day over the last 7 days. */
  initialFilters?: ReportFilters;
}

/** Reports for team leaders and beheerders: KPIs of the channel strategy, as charts, tables and CSV. */
export function ReportsView({ token, initialFilters }: ReportsViewProps) {
  const [filters, setFilters] = useState<ReportFilters>(
    () => initialFilters ?? { period: 'day', ...lastDays(7) },
  );
  const report = useReport(filters);
  // The queue list comes from the unfiltered report over the same range (the same request when unfiltered).
  const options = useReport({ period: filters.period, from: filters.from, to: filters.to });
  const csv = useMutation({ mutationFn: () => downloadReportCsv(filters, token) });

  return (
    <div
      className="space-y-4"
      data-testid="reports"
      data-report-state={report.isFetching ? 'loading' : 'ready'}
    >
      <h2 className="text-xl font-semibold">Rapportages</h2>
      <ReportFiltersForm value={filters} queues={options.data?.byQueue ?? []} onApply={setFilters} />
      {report.isError && (
        <div role="alert" className="panel space-y-2">
          <p>De cijfers konden niet laden. {describeError(report.error)}</p>
          <button type="button" className="btn-primary" onClick={() => void report.refetch()}>
            Opnieuw proberen
          </button>
        </div>
      )}
      {!report.data && !report.isError && <p className="panel">Cijfers laden…</p>}
      {report.data && (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-slate-700" data-testid="report-range">
              {report.data.from} tot en met {report.data.to}
              {report.data.filters.queue &&
                ` · wachtrij ${options.data?.byQueue.find((q) => q.queue === report.data.filters.queue)?.name ?? report.data.filters.queue}`}
              {report.data.filters.channel && ` · kanaal ${CHANNEL_LABELS[report.data.filters.channel]}`}
            </p>
            <button
              type="button"
              className="btn-secondary ml-auto"
              onClick={() => csv.mutate()}
              disabled={csv.isPending}
            >
              {csv.isPending ? 'Bezig met downloaden…' : 'Download CSV'}
            </button>
          </div>
          <p role="status" className={csv.isError ? 'field-error' : 'sr-only'}>
            {csv.isError ? describeCsvError(csv.error) : csv.isSuccess ? `${csv.data} is gedownload.` : ''}
          </p>
          <KpiTiles total={report.data.total} />
          <ReportCharts report={report.data} />
          <section className="panel space-y-6">
            <KpiTable
              columns={KPI_COLUMNS}
              emptyText="Geen contacten in deze periode."
              caption="Cijfers per periode"
              rowHeader="Periode"
              rows={report.data.buckets}
              rowLabel={(b) => b.label}
              rowKey={(b) => b.start}
              total={report.data.total}
              testId="report-table-buckets"
            />
            <KpiTable
              columns={KPI_COLUMNS}
              emptyText="Geen contacten in deze periode."
              caption="Cijfers per wachtrij"
              rowHeader="Wachtrij"
              rows={report.data.byQueue}
              rowLabel={(q) => q.name}
              rowKey={(q) => q.queue}
              testId="report-table-queues"
            />
            <KpiTable
              columns={KPI_COLUMNS}
              emptyText="Geen contacten in deze periode."
              caption="Cijfers per kanaal"
              rowHeader="Kanaal"
              rows={report.data.byChannel}
              rowLabel={(c) => CHANNEL_LABELS[c.channel]}
              rowKey={(c) => c.channel}
              testId="report-table-channels"
            />
            <OnderwerpTable rows={report.data.byOnderwerp} />
          </section>
          <details className="panel text-sm">
            <summary className="cursor-pointer font-medium">Zo rekenen we</summary>
            <p className="mt-2">{report.data.definitions.serviceLevel}</p>
            <p className="mt-1">
              Contacten die binnen {report.data.definitions.shortAbandonSeconds} seconden afbreken tellen niet
              mee. Direct opgelost: zelfstandig afgehandeld en binnen {report.data.definitions.fcrWindowDays}{' '}
              dagen geen nieuw contact van dezelfde klant over hetzelfde onderwerp. De rapportage bevat geen
              persoonsgegevens.
            </p>
            <p className="mt-1">
              Contacten per vraag (inspanning): alle contacten van dezelfde klant over hetzelfde onderwerp
              binnen {report.data.definitions.inspanningWindowDays} dagen zijn één vraag; de vraag telt op de
              dag van het eerste contact. Belofte nagekomen (voorspelbaarheid): het deel van de antwoorden die
              we in een ontvangstbevestiging beloofden en die op tijd kwamen. Via primair kanaal: het deel van
              de contacten over een product dat binnenkwam via het kanaal dat de kanalenmatrix als eerste
              noemt.
            </p>
          </details>
        </>
      )}
    </div>
  );
}
