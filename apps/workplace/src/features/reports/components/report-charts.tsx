import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import type { ReportResponse } from '@kcc/contracts/dashboard';
import { formatRatio, formatSecondsOrDash, toPercent } from '../utils/report-format';

/* Colours with at least 3:1 contrast on white (WCAG 1.4.11); series differ by dash pattern as well. */
const BLUE = '#1e40af';
const ORANGE = '#b45309';
const GREEN = '#166534';
const PURPLE = '#6b21a8';
const CHART_HEIGHT = 240;
const INITIAL = { width: 560, height: CHART_HEIGHT };

const PERIOD_WORD = { day: 'dag', week: 'week', month: 'maand' } as const;

interface ChartFigureProps {
  title: string;
  /** What the chart shows in words: the text alternative (the tables below hold every figure). */
  summary: string;
  children: ReactNode;
}

function ChartFigure({ title, summary, children }: ChartFigureProps) {
  return (
    <figure className="panel" data-testid="report-chart">
      <figcaption className="font-semibold">{title}</figcaption>
      <div role="img" aria-label={summary} className="mt-2">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
          {children}
        </ResponsiveContainer>
      </div>
      <p className="mt-1 text-xs text-slate-700">{summary}</p>
    </figure>
  );
}

const pct = (value: unknown) => (typeof value === 'number' ? `${value} %` : '–');
const mmss = (value: unknown) => (typeof value === 'number' ? formatSecondsOrDash(value) : '–');

/** The report's KPIs as charts a team leader reads at a glance; every figure is also in the tables. */
export function ReportCharts({ report }: { report: ReportResponse }) {
  const per = PERIOD_WORD[report.period];
  const buckets = report.buckets.map((b) => ({
    label: b.label,
    beantwoord: b.answered,
    afgebroken: b.abandoned,
    serviceLevel: toPercent(b.serviceLevel),
    fcr: toPercent(b.firstContactResolution),
    primair: toPercent(b.primaryChannelShare),
    asa: b.asaSeconds === null ? null : Math.round(b.asaSeconds),
    aht: b.ahtSeconds === null ? null : Math.round(b.ahtSeconds),
  }));
  const channels = report.byChannel.map((c) => ({
    label: CHANNEL_LABELS[c.channel],
    aangeboden: c.offered,
  }));
  const { total } = report;
  const busiest = [...report.byChannel].sort((a, b) => b.offered - a.offered)[0];

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartFigure
        title={`Contacten per ${per}`}
        summary={`In totaal ${total.offered} aangeboden: ${total.answered} beantwoord en ${total.abandoned} afgebroken.`}
      >
        <BarChart data={buckets} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="label" tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: '#334155', fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="beantwoord" name="Beantwoord" stackId="a" fill={BLUE} isAnimationActive={false} />
          <Bar dataKey="afgebroken" name="Afgebroken" stackId="a" fill={ORANGE} isAnimationActive={false} />
        </BarChart>
      </ChartFigure>
      <ChartFigure
        title={`Service level, direct opgelost en via primair kanaal per ${per} (%)`}
        summary={`Over de hele periode: service level ${formatRatio(total.serviceLevel)}, direct opgelost ${formatRatio(total.firstContactResolution)}, via primair kanaal ${formatRatio(total.primaryChannelShare)}.`}
      >
        <LineChart data={buckets} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="label" tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis domain={[0, 100]} unit=" %" tick={{ fill: '#334155', fontSize: 12 }} />
          <Tooltip formatter={pct} />
          <Legend />
          <Line
            dataKey="serviceLevel"
            name="Service level"
            stroke={BLUE}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            dataKey="fcr"
            name="Direct opgelost"
            stroke={GREEN}
            strokeWidth={2}
            strokeDasharray="6 3"
            isAnimationActive={false}
          />
          <Line
            dataKey="primair"
            name="Via primair kanaal"
            stroke={PURPLE}
            strokeWidth={2}
            strokeDasharray="2 2"
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFigure>
      <ChartFigure
        title={`Gemiddelde wachttijd en afhandeltijd per ${per}`}
        summary={`Over de hele periode: gemiddelde wachttijd ${formatSecondsOrDash(total.asaSeconds)}, gemiddelde afhandeltijd ${formatSecondsOrDash(total.ahtSeconds)} (minuten:seconden).`}
      >
        <LineChart data={buckets} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="label" tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis tickFormatter={mmss} tick={{ fill: '#334155', fontSize: 12 }} />
          <Tooltip formatter={mmss} />
          <Legend />
          <Line dataKey="asa" name="Gem. wachttijd" stroke={BLUE} strokeWidth={2} isAnimationActive={false} />
          <Line
            dataKey="aht"
            name="Gem. afhandeltijd"
            stroke={ORANGE}
            strokeWidth={2}
            strokeDasharray="6 3"
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFigure>
      <ChartFigure
        title="Contacten per kanaal"
        summary={
          busiest
            ? `De meeste contacten kwamen via ${CHANNEL_LABELS[busiest.channel]} (${busiest.offered}). Kanaalwissels: ${total.channelSwitches}.`
            : 'Geen contacten in deze periode.'
        }
      >
        <BarChart data={channels} layout="vertical" accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={110} tick={{ fill: '#334155', fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="aangeboden" name="Aangeboden" fill={BLUE} isAnimationActive={false} />
        </BarChart>
      </ChartFigure>
    </div>
  );
}
