import type { ReportOnderwerp } from '@kcc/contracts/dashboard';
import { formatCsat, formatRatio, formatSecondsOrDash, type KpiColumn } from '../utils/report-format';
import { KpiTable } from './kpi-table';

const COLUMNS: KpiColumn<ReportOnderwerp>[] = [
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
    header: 'Via primair kanaal',
    title:
      'Deel van de contacten over een product dat binnenkwam via het primaire kanaal van de kanalenmatrix',
    value: (o) => formatRatio(o.primaryChannelShare),
  },
  { key: 'csat', header: 'Tevredenheid', value: formatCsat },
];

/** Registrations per onderwerp of the managed list; all free text together in the last row of its count. */
export function OnderwerpTable({ rows }: { rows: readonly ReportOnderwerp[] }) {
  return (
    <KpiTable
      caption="Registraties per onderwerp"
      rowHeader="Onderwerp"
      rows={rows}
      columns={COLUMNS}
      rowLabel={(row) => row.naam}
      rowKey={(row) => row.onderwerpId ?? 'vrije-tekst'}
      emptyText="Geen registraties in deze periode."
      wrapRowLabels
      testId="report-table-onderwerpen"
    />
  );
}
