import { useQueueWaiting } from '../api/get-queue-waiting';

/** Live counts of waiting contacts in my queues (pushed by `queue:waiting-changed`). */
export function WaitingCounts() {
  const { data, isError } = useQueueWaiting();
  if (isError) return <p className="text-sm text-white">Wachtrijen niet beschikbaar</p>;
  if (!data) return null;
  const total = data.reduce((sum, item) => sum + item.waiting, 0);
  return (
    <section aria-label="Wachtende contacten" className="flex items-center gap-3 text-sm text-white">
      <span data-testid="waiting-total">
        <span className="font-semibold">{total}</span> wachtend
      </span>
      <ul className="hidden items-center gap-2 lg:flex">
        {data.map((item) => (
          <li
            key={item.queue}
            data-testid="waiting-count"
            data-queue={item.queue}
            className="rounded bg-blue-950/40 px-2 py-0.5"
          >
            {item.name}: <span className="font-semibold">{item.waiting}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
