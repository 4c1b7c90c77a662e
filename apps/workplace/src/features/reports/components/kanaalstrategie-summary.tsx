import { useState } from 'react';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import { describeError } from '../../../lib/api-client';
import { useReport } from '../api/get-report';
import { lastDays } from '../utils/local-days';
import { formatCsat, formatPerVraag, formatRatio } from '../utils/report-format';

export const KANAALSTRATEGIE_DAYS = 30;

/**
 * The channel strategy's KPIs (Kanaalstrategie §4.4.2) on the team leader's live board: inspanning,
 * voorspelbaarheid, the share served through the primary channel and satisfaction per channel, over the last
 * 30 days, from the same report the Rapportages tab shows.
 */
export function KanaalstrategieSummary() {
  const [range] = useState(() => lastDays(KANAALSTRATEGIE_DAYS));
  const report = useReport({ period: 'month', ...range });
  const total = report.data?.total;
  return (
    <section
      aria-labelledby="kanaalstrategie-title"
      className="panel space-y-2"
      data-testid="kanaalstrategie"
    >
      <h2 id="kanaalstrategie-title" className="text-lg font-semibold">
        Kanaalstrategie, laatste {KANAALSTRATEGIE_DAYS} dagen
      </h2>
      {report.isError && <p role="alert">De cijfers konden niet laden. {describeError(report.error)}</p>}
      {!report.data && !report.isError && <p>Cijfers laden…</p>}
      {total && report.data && (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-700">Contacten per vraag</dt>
              <dd className="text-xl font-bold tabular-nums">{formatPerVraag(total)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-700">Belofte nagekomen</dt>
              <dd className="text-xl font-bold tabular-nums">{formatRatio(total.voorspelbaarheid)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-700">Via primair kanaal</dt>
              <dd className="text-xl font-bold tabular-nums">{formatRatio(total.primaryChannelShare)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-700">Tevredenheid (1–5)</dt>
              <dd className="text-xl font-bold tabular-nums">{formatCsat(total)}</dd>
            </div>
          </dl>
          <p className="text-sm" data-testid="tevredenheid-per-kanaal">
            <span className="font-medium">Tevredenheid per kanaal:</span>{' '}
            {report.data.byChannel.some((c) => c.csatCount > 0)
              ? report.data.byChannel
                  .filter((c) => c.csatCount > 0)
                  .map((c) => `${CHANNEL_LABELS[c.channel]} ${formatCsat(c)}`)
                  .join(' · ')
              : 'nog geen beoordelingen.'}
          </p>
        </>
      )}
    </section>
  );
}
