import type { ReportMetrics } from '@kcc/contracts/dashboard';
import { formatDuration } from '../../../lib/format';

const percentFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const decimalFormat = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatRatio(ratio: number | null): string {
  return ratio === null ? '–' : `${percentFormat.format(ratio * 100)} %`;
}

export function formatSecondsOrDash(seconds: number | null): string {
  return seconds === null ? '–' : formatDuration(seconds);
}

const perVraagFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

/** Inspanning: contacts per question, "–" when no question was counted. */
export function formatPerVraag(m: Pick<ReportMetrics, 'contactenPerVraag'>): string {
  return m.contactenPerVraag === null ? '–' : perVraagFormat.format(m.contactenPerVraag);
}

export function formatCsat(metrics: Pick<ReportMetrics, 'csatAverage' | 'csatCount'>): string {
  return metrics.csatAverage === null
    ? '–'
    : `${decimalFormat.format(metrics.csatAverage)} (${metrics.csatCount}×)`;
}

/** A 0..1 ratio as a percentage for a chart axis; null stays a gap in the line (no invented 0). */
export function toPercent(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1000) / 10;
}

/** The columns of the KPI tables, in one place: header, abbreviation help, and how to show the value. */
export interface KpiColumn<R> {
  key: string;
  header: string;
  /** Explanation of an abbreviation or a definition, shown on hover. */
  title?: string;
  value: (row: R) => string;
}

export const KPI_COLUMNS: KpiColumn<ReportMetrics>[] = [
  { key: 'offered', header: 'Aangeboden', value: (m) => String(m.offered) },
  { key: 'answered', header: 'Beantwoord', value: (m) => String(m.answered) },
  { key: 'abandoned', header: 'Afgebroken', value: (m) => String(m.abandoned) },
  { key: 'serviceLevel', header: 'Service level', value: (m) => formatRatio(m.serviceLevel) },
  {
    key: 'asa',
    header: 'Gem. wachttijd',
    title: 'Gemiddelde wachttijd tot aannemen (ASA)',
    value: (m) => formatSecondsOrDash(m.asaSeconds),
  },
  {
    key: 'aht',
    header: 'Gem. afhandeltijd',
    title: 'Gemiddelde afhandeltijd: gesprek plus nawerk (AHT)',
    value: (m) => formatSecondsOrDash(m.ahtSeconds),
  },
  { key: 'abandonRate', header: 'Afbreekpercentage', value: (m) => formatRatio(m.abandonRate) },
  {
    key: 'fcr',
    header: 'Direct opgelost',
    title:
      'First-contact resolution: zelfstandig afgehandeld en binnen 7 dagen geen nieuw contact over hetzelfde',
    value: (m) => formatRatio(m.firstContactResolution),
  },
  { key: 'switches', header: 'Kanaalwissels', value: (m) => String(m.channelSwitches) },
  {
    key: 'primary',
    header: 'Via primair kanaal',
    title:
      'Deel van de contacten over een product dat binnenkwam via het primaire kanaal van de kanalenmatrix',
    value: (m) => formatRatio(m.primaryChannelShare),
  },
  {
    key: 'inspanning',
    header: 'Contacten per vraag',
    title: 'Inspanning: contacten van een klant over hetzelfde onderwerp binnen 14 dagen',
    value: formatPerVraag,
  },
  {
    key: 'voorspelbaarheid',
    header: 'Belofte nagekomen',
    title: 'Voorspelbaarheid: deel van de beloofde antwoorden dat op tijd kwam',
    value: (m) => formatRatio(m.voorspelbaarheid),
  },
  {
    key: 'csat',
    header: 'Tevredenheid',
    title: 'Gemiddeld cijfer 1 tot en met 5, met het aantal beoordelingen',
    value: formatCsat,
  },
];
