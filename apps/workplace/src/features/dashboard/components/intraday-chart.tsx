import { useId, useState } from 'react';
import type { IntradayInterval, IntradayQueue } from '@kcc/contracts/dashboard';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useIntraday } from '../api/get-intraday';
import { formatPercent } from '../utils/figures';

const WIDTH = 720;
const HEIGHT = 180;
const PAD = { left: 36, right: 40, top: 10, bottom: 22 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** The intervals worth showing: from the first one with anything in it (the night stays out) to now. */
export function visibleIntervals(intervals: IntradayInterval[]): IntradayInterval[] {
  const first = intervals.findIndex((i) => i.maxWaiting > 0 || i.offered > 0);
  return first < 0 ? intervals.slice(-4) : intervals.slice(first);
}

/** Waiting contacts (bars) and service level (line, against the norm) through the day, for one queue. */
export function IntradayChart() {
  const intraday = useIntraday();
  const [queueId, setQueueId] = useState<string | null>(null);
  const selectId = useId();
  const titleId = useId();
  if (intraday.isError) {
    return (
      <section className="panel" aria-labelledby={titleId}>
        <h2 id={titleId} className="text-lg font-semibold">
          Verloop van de dag
        </h2>
        <p role="alert">Het verloop kon niet laden. {describeError(intraday.error)}</p>
      </section>
    );
  }
  const queues = intraday.data?.queues ?? [];
  const queue = queues.find((q) => q.id === queueId) ?? queues[0];
  return (
    <section className="panel space-y-2" aria-labelledby={titleId} data-testid="intraday">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={titleId} className="text-lg font-semibold">
          Verloop van de dag
        </h2>
        {queues.length > 0 && (
          <label htmlFor={selectId} className="flex items-center gap-2 text-sm">
            Wachtrij
            <select
              id={selectId}
              className="rounded border border-slate-400 px-2 py-1"
              value={queue?.id}
              onChange={(e) => setQueueId(e.target.value)}
            >
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!queue ? (
        <p>Verloop laden…</p>
      ) : (
        <QueueChart queue={queue} intervalMinutes={intraday.data?.intervalMinutes ?? 15} />
      )}
    </section>
  );
}

function QueueChart({ queue, intervalMinutes }: { queue: IntradayQueue; intervalMinutes: number }) {
  const intervals = visibleIntervals(queue.intervals);
  const maxWaiting = Math.max(1, ...intervals.map((i) => i.maxWaiting));
  const step = PLOT_W / intervals.length;
  const y = (waiting: number) => PAD.top + PLOT_H - (waiting / maxWaiting) * PLOT_H;
  const ySl = (ratio: number) => PAD.top + PLOT_H - ratio * PLOT_H;
  const target = queue.servicenorm.targetPercent / 100;
  const points = intervals
    .map((i, n) => (i.serviceLevel === null ? null : `${PAD.left + step * (n + 0.5)},${ySl(i.serviceLevel)}`))
    .filter((p): p is string => p !== null);
  const last = intervals.at(-1);
  const summary = `${queue.name}: per ${intervalMinutes} minuten het grootste aantal wachtenden (staven, links, tot ${maxWaiting}) en het service level (lijn, rechts) tegen de norm van ${queue.servicenorm.targetPercent} %. Nu: ${last?.maxWaiting ?? 0} wachtend, service level ${formatPercent(last?.serviceLevel ?? null)}.`;
  const labelEvery = Math.max(1, Math.ceil(intervals.length / 8));
  return (
    <>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-label={summary}
        data-testid="intraday-chart"
      >
        {intervals.map((i, n) => (
          <rect
            key={i.start}
            x={PAD.left + step * n + 1}
            y={y(i.maxWaiting)}
            width={Math.max(1, step - 2)}
            height={PAD.top + PLOT_H - y(i.maxWaiting)}
            className="fill-slate-400"
            data-testid="intraday-bar"
          />
        ))}
        <line
          x1={PAD.left}
          x2={PAD.left + PLOT_W}
          y1={ySl(target)}
          y2={ySl(target)}
          className="stroke-red-700"
          strokeDasharray="6 4"
        />
        {points.length > 0 && (
          <polyline points={points.join(' ')} fill="none" className="stroke-blue-800" strokeWidth={2} />
        )}
        <text x={4} y={PAD.top + 10} className="fill-slate-800 text-[11px]">
          {maxWaiting}
        </text>
        <text x={4} y={PAD.top + PLOT_H} className="fill-slate-800 text-[11px]">
          0
        </text>
        <text x={WIDTH - PAD.right + 4} y={PAD.top + 10} className="fill-slate-800 text-[11px]">
          100 %
        </text>
        <text x={WIDTH - PAD.right + 4} y={ySl(target) + 4} className="fill-red-800 text-[11px]">
          norm
        </text>
        {intervals.map((i, n) =>
          n % labelEvery === 0 ? (
            <text key={i.start} x={PAD.left + step * n} y={HEIGHT - 6} className="fill-slate-800 text-[11px]">
              {formatTime(i.start)}
            </text>
          ) : null,
        )}
      </svg>
      <p className="flex flex-wrap gap-4 text-sm text-slate-800">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 bg-slate-400" />
          Meeste wachtenden tegelijk
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-0.5 w-4 bg-blue-800 align-middle" />
          Service level
        </span>
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block w-4 border-t-2 border-dashed border-red-700 align-middle"
          />
          Norm {queue.servicenorm.targetPercent} %
        </span>
      </p>
      <details>
        <summary className="cursor-pointer text-sm font-medium">Toon als tabel</summary>
        <table className="mt-2 text-sm" data-testid="intraday-table">
          <caption className="sr-only">Verloop van de dag voor {queue.name}</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="pr-4 font-medium">
                Vanaf
              </th>
              <th scope="col" className="pr-4 font-medium">
                Meeste wachtenden
              </th>
              <th scope="col" className="pr-4 font-medium">
                Aangeboden
              </th>
              <th scope="col" className="font-medium">
                Service level
              </th>
            </tr>
          </thead>
          <tbody>
            {intervals.map((i) => (
              <tr key={i.start}>
                <td className="pr-4 tabular-nums">{formatTime(i.start)}</td>
                <td className="pr-4 tabular-nums">{i.maxWaiting}</td>
                <td className="pr-4 tabular-nums">{i.offered}</td>
                <td className="tabular-nums">{formatPercent(i.serviceLevel)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
