import { CHANNEL_LABELS, PRESENCE_LABELS, type Presence } from '@kcc/contracts/domain';
import type { AgentLive, QueueLive } from '@kcc/contracts/dashboard';
import { formatDuration, secondsSince } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';

const PRESENCE_STYLES: Record<Presence, string> = {
  beschikbaar: 'border-green-800 bg-green-50 text-green-900',
  pauze: 'border-amber-700 bg-amber-50 text-amber-950',
  nawerk: 'border-blue-800 bg-blue-50 text-blue-900',
  offline: 'border-slate-500 bg-slate-100 text-slate-800',
  'niet-reagerend': 'border-red-800 bg-red-50 text-red-900',
};

interface AgentTableProps {
  agents: readonly AgentLive[];
  queues: readonly Pick<QueueLive, 'id' | 'name'>[];
  onChangeQueues: (agent: AgentLive) => void;
  onChangePresence: (agent: AgentLive) => void;
}

/** Every agent: presence and time in it, contacts now, handled and niet-reagerend today, queues, actions. */
export function AgentTable({ agents, queues, onChangeQueues, onChangePresence }: AgentTableProps) {
  const now = useNow();
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  const sorted = [...agents].sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="agent-table">
        <caption className="mb-2 text-left text-lg font-semibold">Medewerkers</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left text-xs text-slate-700">
            <th scope="col" className="py-1 pr-3 font-medium">
              Naam
            </th>
            <th scope="col" className="px-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-2 font-medium">
              Contacten nu
            </th>
            <th scope="col" className="px-2 text-right font-medium">
              Afgehandeld vandaag
            </th>
            <th scope="col" className="px-2 text-right font-medium">
              Niet reagerend vandaag
            </th>
            <th scope="col" className="px-2 font-medium">
              Wachtrijen
            </th>
            <th scope="col" className="pl-2 font-medium">
              Acties
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((agent) => (
            <tr
              key={agent.id}
              className="border-b border-slate-200 align-top"
              data-testid="agent-row"
              data-agent-id={agent.id}
              data-presence={agent.presence}
            >
              <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                {agent.name}
              </th>
              <td className="px-2 py-1.5">
                <span
                  className={`inline-block rounded border px-1.5 text-xs font-semibold ${PRESENCE_STYLES[agent.presence]}`}
                  data-testid="agent-presence"
                >
                  {PRESENCE_LABELS[agent.presence]}
                </span>{' '}
                <span className="tabular-nums" title="Tijd in deze status">
                  {formatDuration(secondsSince(agent.since, now))}
                </span>
                {agent.presenceReason && (
                  <span className="block text-xs text-slate-700">Reden: {agent.presenceReason}</span>
                )}
              </td>
              <td className="px-2 py-1.5" data-testid="agent-contacts">
                {agent.contacts.length === 0
                  ? 'Geen'
                  : `${agent.contacts.length} (${agent.channels.map((c) => CHANNEL_LABELS[c]).join(', ')})`}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums" data-testid="agent-handled">
                {agent.handledToday}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{agent.nietReagerendToday}</td>
              <td className="px-2 py-1.5" data-testid="agent-queues">
                {agent.queueIds.length === 0 ? 'Alle passende' : agent.queueIds.map(queueName).join(', ')}
              </td>
              <td className="space-x-2 py-1.5 pl-2 whitespace-nowrap">
                <button
                  type="button"
                  className="btn-link text-sm"
                  aria-label={`Wachtrijen van ${agent.name} wijzigen`}
                  onClick={() => onChangeQueues(agent)}
                >
                  Wachtrijen
                </button>
                <button
                  type="button"
                  className="btn-link text-sm"
                  aria-label={`Status van ${agent.name} wijzigen`}
                  onClick={() => onChangePresence(agent)}
                >
                  Status
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {agents.length === 0 && <p className="text-sm text-slate-700">Er zijn nog geen medewerkers.</p>}
    </div>
  );
}
