import { useId } from 'react';
import type { QueueLive, QueueWindowStats, WaitingContact } from '@kcc/contracts/dashboard';
import { formatDuration, secondsSince } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import {
  formatOccupancy,
  formatPercent,
  formatSeconds,
  formatServicenormWindow,
  occupancyText,
} from '../utils/figures';
import { NormBadge } from './norm-badge';
import { StaffingAdvice } from './staffing-advice';
import { WaitingContactsTable } from './waiting-contacts-table';

/** The longest wait, ticking every second from the oldest waiting contact's arrival (no polling). */
export function useLongestWait(queue: Pick<QueueLive, 'oldestWaitingSince' | 'longestWaitSeconds'>): number {
  const now = useNow();
  return queue.oldestWaitingSince === null ? 0 : Math.max(0, secondsSince(queue.oldestWaitingSince, now));
}

function StatsRow({
  label,
  stats,
  targetPercent,
}: {
  label: string;
  stats: QueueWindowStats;
  targetPercent: number;
}) {
  return (
    <tr className="border-t border-slate-200">
      <th scope="row" className="py-1 pr-3 text-left font-medium">
        {label}
      </th>
      <td className="px-2 text-right tabular-nums">{stats.offered}</td>
      <td className="px-2 text-right tabular-nums">{stats.answered}</td>
      <td className="px-2 text-right tabular-nums">{stats.abandoned}</td>
      <td className="px-2 text-right tabular-nums">
        <span className="mr-2">{formatPercent(stats.serviceLevel)}</span>
        <NormBadge serviceLevel={stats.serviceLevel} targetPercent={targetPercent} />
      </td>
      <td className="px-2 text-right tabular-nums">{formatSeconds(stats.asaSeconds)}</td>
      <td className="px-2 text-right tabular-nums">{formatSeconds(stats.ahtSeconds)}</td>
      <td className="pl-2 text-right tabular-nums" data-testid="queue-occupancy" title={occupancyText(stats)}>
        <span aria-hidden="true">{formatOccupancy(stats)}</span>
        <span className="sr-only">{occupancyText(stats)}</span>
      </td>
    </tr>
  );
}

interface QueueCardProps {
  queue: QueueLive;
  onMove: (contact: WaitingContact, queue: QueueLive) => void;
  onPriority: (contact: WaitingContact, queue: QueueLive) => void;
}

export function QueueCard({ queue, onMove, onPriority }: QueueCardProps) {
  const headingId = useId();
  const longestWait = useLongestWait(queue);
  const { targetPercent, withinSeconds } = queue.servicenorm;
  const norm = `${targetPercent} % binnen ${formatServicenormWindow(withinSeconds)}`;

  return (
    <section
      aria-labelledby={headingId}
      className="panel space-y-3"
      data-testid="queue-card"
      data-queue={queue.id}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="panel-title">
          {queue.name}
        </h3>
        <p className="text-sm text-slate-700">Servicenorm: {norm}</p>
      </div>
      <dl className="grid grid-cols-3 gap-2 text-center">
        <div className="rounded bg-slate-100 p-2">
          <dt className="text-xs text-slate-700">Wachtend</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid="queue-waiting">
            {queue.waiting}
          </dd>
        </div>
        <div className="rounded bg-slate-100 p-2">
          <dt className="text-xs text-slate-700">Langste wachttijd</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid="queue-longest-wait">
            {formatDuration(longestWait)}
          </dd>
        </div>
        <div className="rounded bg-slate-100 p-2">
          <dt className="text-xs text-slate-700">In gesprek</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid="queue-in-progress">
            {queue.inProgress}
          </dd>
        </div>
      </dl>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="queue-stats">
          <caption className="sr-only">Cijfers van {queue.name}: vandaag en de laatste 30 minuten</caption>
          <thead>
            <tr className="text-right text-xs text-slate-700">
              <td />
              <th scope="col" className="px-2 font-medium">
                Aangeboden
              </th>
              <th scope="col" className="px-2 font-medium">
                Beantwoord
              </th>
              <th scope="col" className="px-2 font-medium">
                Afgebroken
              </th>
              <th scope="col" className="px-2 font-medium">
                Service level
              </th>
              <th scope="col" className="px-2 font-medium">
                <abbr title="Gemiddelde wachttijd tot aannemen">Gem. wachttijd</abbr>
              </th>
              <th scope="col" className="px-2 font-medium">
                <abbr title="Gemiddelde afhandeltijd: gesprek plus nawerk">Gem. afhandeltijd</abbr>
              </th>
              <th scope="col" className="pl-2 font-medium">
                <abbr title="Deel van de beschikbare tijd van het team in gesprek of nawerk (pauze telt niet mee)">
                  Bezetting
                </abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            <StatsRow label="Vandaag" stats={queue.today} targetPercent={targetPercent} />
            <StatsRow label="Laatste 30 min" stats={queue.last30} targetPercent={targetPercent} />
          </tbody>
        </table>
      </div>
      <StaffingAdvice advice={queue.staffing} queueId={queue.id} />
      {queue.waitingContacts.length > 0 && (
        <WaitingContactsTable
          queue={queue}
          onMove={(contact) => onMove(contact, queue)}
          onPriority={(contact) => onPriority(contact, queue)}
        />
      )}
    </section>
  );
}
