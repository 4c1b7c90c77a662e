import { useEffect, useId, useRef, useState } from 'react';
import { formatDuration } from '../../../lib/format';
import { useQueueWaiting } from '../api/get-queue-waiting';

/**
 * Live counts of waiting contacts in my queues (pushed by `queue:waiting-changed`): one summary in the header,
 * the count per queue in a popover, so the header stays one row however many queues and digits there are.
 */
export function WaitingCounts() {
  const { data, isError } = useQueueWaiting();
  const [open, setOpen] = useState(false);
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  if (isError) return <p className="text-sm text-white">Wachtrijen niet beschikbaar</p>;
  if (!data) return null;
  const total = data.reduce((sum, item) => sum + item.waiting, 0);
  const longest = data.reduce((max, item) => Math.max(max, item.longestWaitSeconds), 0);

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="btn-header whitespace-nowrap"
        aria-expanded={open}
        aria-controls={`${id}-queues`}
        onClick={() => setOpen((value) => !value)}
      >
        <span data-testid="waiting-total">
          <span className="font-semibold">{total}</span> wachtend
        </span>
        {total > 0 && <span className="ml-1 tabular-nums">(langst {formatDuration(longest)})</span>}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div
          id={`${id}-queues`}
          data-testid="waiting-popover"
          className="absolute left-0 top-full z-40 mt-1 w-72 rounded-md border border-slate-300 bg-white p-3 text-slate-900 shadow-lg"
        >
          <table className="w-full text-sm">
            <caption className="mb-1 text-left font-semibold">Wachtend per wachtrij</caption>
            <thead>
              <tr className="text-left text-slate-700">
                <th scope="col" className="font-medium">
                  Wachtrij
                </th>
                <th scope="col" className="text-right font-medium">
                  Wachtend
                </th>
                <th scope="col" className="text-right font-medium">
                  Langst
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((item) => (
                <tr
                  key={item.queue}
                  data-testid="waiting-count"
                  data-queue={item.queue}
                  className="border-t border-slate-200"
                >
                  <th scope="row" className="py-1 text-left font-normal">
                    {item.name}
                  </th>
                  <td className="py-1 text-right font-semibold tabular-nums">{item.waiting}</td>
                  <td className="py-1 text-right tabular-nums">
                    {item.waiting > 0 ? formatDuration(item.longestWaitSeconds) : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
