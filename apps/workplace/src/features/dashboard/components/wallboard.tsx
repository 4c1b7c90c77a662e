import { useEffect, useState } from 'react';
import { PRESENCE_LABELS } from '@kcc/contracts/domain';
import type { DashboardSnapshot, QueueLive } from '@kcc/contracts/dashboard';
import { formatDuration } from '../../../lib/format';
import { usePrefersReducedMotion } from '../hooks/use-prefers-reduced-motion';
import {
  formatOccupancy,
  formatPercent,
  formatSeconds,
  formatServicenormWindow,
  judgeServiceLevel,
  NORM_LABELS,
} from '../utils/figures';
import { useLongestWait } from './queue-card';
import { StaffingAdvice } from './staffing-advice';

export const DEFAULT_CYCLE_SECONDS = 10;

const JUDGEMENT_STYLES = {
  'geen-gegevens': 'text-slate-200',
  gehaald: 'text-green-300',
  'net-onder': 'text-yellow-300',
  onder: 'text-red-300',
} as const;

function WallboardQueue({ queue }: { queue: QueueLive }) {
  const longestWait = useLongestWait(queue);
  const judgement = judgeServiceLevel(queue.today.serviceLevel, queue.servicenorm.targetPercent);
  return (
    <div data-testid="wallboard-queue" data-queue={queue.id} className="space-y-8">
      <h2 className="text-5xl font-bold">{queue.name}</h2>
      <dl className="grid grid-cols-2 gap-8 lg:grid-cols-4">
        <div>
          <dt className="text-2xl text-slate-200">Wachtend</dt>
          <dd className="text-8xl font-bold tabular-nums" data-testid="wallboard-waiting">
            {queue.waiting}
          </dd>
        </div>
        <div>
          <dt className="text-2xl text-slate-200">Langste wachttijd</dt>
          <dd className="text-8xl font-bold tabular-nums">{formatDuration(longestWait)}</dd>
        </div>
        <div>
          <dt className="text-2xl text-slate-200">
            Service level vandaag (norm {queue.servicenorm.targetPercent} % binnen{' '}
            {formatServicenormWindow(queue.servicenorm.withinSeconds)})
          </dt>
          <dd className="text-8xl font-bold tabular-nums">{formatPercent(queue.today.serviceLevel)}</dd>
          <dd className={`text-3xl font-semibold ${JUDGEMENT_STYLES[judgement]}`}>
            {NORM_LABELS[judgement]}
          </dd>
        </div>
        <div>
          <dt className="text-2xl text-slate-200">Gem. wachttijd vandaag</dt>
          <dd className="text-8xl font-bold tabular-nums">{formatSeconds(queue.today.asaSeconds)}</dd>
        </div>
      </dl>
      <p className="text-2xl">
        Vandaag: {queue.today.offered} aangeboden, {queue.today.answered} beantwoord, {queue.today.abandoned}{' '}
        afgebroken, bezetting {formatOccupancy(queue.today)}
      </p>
      <div className="text-3xl">
        <StaffingAdvice advice={queue.staffing} queueId={queue.id} large />
      </div>
    </div>
  );
}

interface WallboardProps {
  snapshot: DashboardSnapshot;
  onExit: () => void;
  cycleSeconds?: number;
}

/**
 * For a big screen: large type, white on black, one queue at a time. It moves to the next queue every
 * `cycleSeconds` until someone presses "Pauzeren" (WCAG 2.2.2), and not by itself when the user asked for reduced
 * motion (then "Doorgaan" starts it). It does not pause on hover or focus: the board fills the screen, so the
 * pointer and focus are always inside it and it would never move. "Vorige"/"Volgende" start the count anew.
 */
export function Wallboard({ snapshot, onExit, cycleSeconds = DEFAULT_CYCLE_SECONDS }: WallboardProps) {
  const reducedMotion = usePrefersReducedMotion();
  const [index, setIndex] = useState(0);
  const [stopped, setStopped] = useState(reducedMotion);
  const count = snapshot.queues.length;
  const paused = stopped || count < 2;

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => setIndex((i) => (i + 1) % count), cycleSeconds * 1000);
    return () => clearTimeout(timer);
  }, [paused, count, cycleSeconds, index]);

  const current = count > 0 ? snapshot.queues[index % count] : undefined;
  const presences = Object.entries(snapshot.totals.agentsByPresence).filter(([, n]) => n > 0);

  return (
    <div
      data-testid="wallboard"
      data-paused={paused}
      className="fixed inset-0 z-30 flex flex-col gap-8 overflow-y-auto bg-black p-8 text-white"
    >
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-3xl font-bold">Wallboard</h1>
        <p className="text-2xl" data-testid="wallboard-total-waiting">
          Totaal wachtend: <strong className="tabular-nums">{snapshot.totals.waiting}</strong>
        </p>
        <p className="text-xl text-slate-200">
          {presences
            .map(([presence, n]) => `${PRESENCE_LABELS[presence as keyof typeof PRESENCE_LABELS]}: ${n}`)
            .join(' · ')}
        </p>
        <div className="ml-auto flex gap-2">
          <button
            type="button"
            className="rounded border-2 border-white px-3 py-1 text-lg font-semibold hover:bg-slate-800"
            onClick={() => setIndex((i) => (i - 1 + count) % Math.max(1, count))}
            disabled={count < 2}
          >
            Vorige
          </button>
          <button
            type="button"
            className="rounded border-2 border-white px-3 py-1 text-lg font-semibold hover:bg-slate-800"
            onClick={() => setStopped((s) => !s)}
            aria-pressed={stopped}
          >
            {stopped ? 'Doorgaan' : 'Pauzeren'}
          </button>
          <button
            type="button"
            className="rounded border-2 border-white px-3 py-1 text-lg font-semibold hover:bg-slate-800"
            onClick={() => setIndex((i) => (i + 1) % Math.max(1, count))}
            disabled={count < 2}
          >
            Volgende
          </button>
          <button
            type="button"
            className="rounded border-2 border-yellow-300 px-3 py-1 text-lg font-semibold text-yellow-300 hover:bg-slate-800"
            onClick={onExit}
          >
            Wallboard sluiten
          </button>
        </div>
      </div>
      {current ? (
        <>
          <p className="text-xl text-slate-200" data-testid="wallboard-position">
            Wachtrij {(index % count) + 1} van {count}
            {paused && count > 1 ? ' · gepauzeerd' : ''}
          </p>
          <WallboardQueue queue={current} />
        </>
      ) : (
        <p className="text-3xl">Er zijn geen wachtrijen.</p>
      )}
      <ul className="mt-auto flex flex-wrap gap-4 text-2xl" aria-label="Alle wachtrijen">
        {snapshot.queues.map((queue) => (
          <li key={queue.id} className="rounded border border-slate-400 px-3 py-1">
            {queue.name}: <strong className="tabular-nums">{queue.waiting}</strong> wachtend
          </li>
        ))}
      </ul>
    </div>
  );
}
