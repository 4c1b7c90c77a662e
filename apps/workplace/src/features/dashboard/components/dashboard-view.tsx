import { useState } from 'react';
import { PRESENCE_LABELS, PRESENCES } from '@kcc/contracts/domain';
import type { AgentLive, QueueLive, WaitingContact } from '@kcc/contracts/dashboard';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useDashboardSnapshot } from '../api/get-snapshot';
import { useDashboardConnected } from '../hooks/dashboard-connection';
import { useWallboardParam } from '../hooks/use-wallboard-param';
import { formatOccupancy, formatPercent, formatSeconds, occupancyText } from '../utils/figures';
import { AgentPresenceDialog } from './agent-presence-dialog';
import { AgentQueuesDialog } from './agent-queues-dialog';
import { AgentTable } from './agent-table';
import { IntradayChart } from './intraday-chart';
import { MoveContactDialog } from './move-contact-dialog';
import { PriorityDialog } from './priority-dialog';
import { QueueCard } from './queue-card';
import { Wallboard } from './wallboard';

type OpenDialog =
  | { kind: 'queues'; agent: AgentLive }
  | { kind: 'presence'; agent: AgentLive }
  | { kind: 'move'; contact: WaitingContact; queue: QueueLive }
  | { kind: 'priority'; contact: WaitingContact; queue: QueueLive };

/** The team leader's live view: totals, one card per queue, the agents, and the actions on them. */
export function DashboardView() {
  const snapshot = useDashboardSnapshot();
  const connected = useDashboardConnected();
  const [wallboard, setWallboard] = useWallboardParam();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const close = () => setDialog(null);

  if (snapshot.isError) {
    return (
      <div role="alert" className="panel space-y-2">
        <p>Het dashboard kon niet laden. {describeError(snapshot.error)}</p>
        <button type="button" className="btn-primary" onClick={() => void snapshot.refetch()}>
          Opnieuw proberen
        </button>
      </div>
    );
  }
  if (!snapshot.data) return <p className="panel">Dashboard laden…</p>;
  const data = snapshot.data;

  if (wallboard) return <Wallboard snapshot={data} onExit={() => setWallboard(false)} />;

  const { totals } = data;
  return (
    <div className="space-y-4" data-testid="dashboard" data-seq={data.seq}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">Live overzicht</h2>
        <p className="text-sm text-slate-700" data-testid="dashboard-updated">
          Bijgewerkt om {formatTime(data.generatedAt)}
          {!connected && ' · geen verbinding, cijfers kunnen verouderd zijn'}
        </p>
        <button type="button" className="btn-secondary ml-auto" onClick={() => setWallboard(true)}>
          Wallboard tonen
        </button>
      </div>
      <p
        role="status"
        data-testid="dashboard-announcement"
        className={
          announcement
            ? 'rounded border border-green-800 bg-green-50 px-3 py-2 text-sm text-green-900'
            : 'sr-only'
        }
      >
        {announcement}
      </p>
      <dl className="panel grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="dashboard-totals">
        <div>
          <dt className="text-slate-700">Totaal wachtend</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid="total-waiting">
            {totals.waiting}
          </dd>
        </div>
        <div>
          <dt className="text-slate-700">Service level vandaag</dt>
          <dd className="text-2xl font-bold tabular-nums">{formatPercent(totals.today.serviceLevel)}</dd>
        </div>
        <div>
          <dt className="text-slate-700">Aangeboden / beantwoord / afgebroken</dt>
          <dd className="text-lg font-semibold tabular-nums">
            {totals.today.offered} / {totals.today.answered} / {totals.today.abandoned}
          </dd>
        </div>
        <div>
          <dt className="text-slate-700">Gem. wachttijd / afhandeltijd</dt>
          <dd className="text-lg font-semibold tabular-nums">
            {formatSeconds(totals.today.asaSeconds)} / {formatSeconds(totals.today.ahtSeconds)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-700">Bezetting vandaag</dt>
          <dd
            className="text-2xl font-bold tabular-nums"
            data-testid="total-occupancy"
            title={occupancyText(totals.today)}
          >
            <span aria-hidden="true">{formatOccupancy(totals.today)}</span>
            <span className="sr-only">{occupancyText(totals.today)}</span>
          </dd>
        </div>
        <div className="col-span-2 sm:col-span-5">
          <dt className="text-slate-700">Medewerkers</dt>
          <dd>
            {PRESENCES.map(
              (presence) => `${PRESENCE_LABELS[presence]}: ${totals.agentsByPresence[presence] ?? 0}`,
            ).join(' · ')}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="queues-title" className="space-y-3">
        <h2 id="queues-title" className="text-lg font-semibold">
          Wachtrijen
        </h2>
        <div className="grid gap-4 xl:grid-cols-2">
          {data.queues.map((queue) => (
            <QueueCard
              key={queue.id}
              queue={queue}
              onMove={(contact, q) => setDialog({ kind: 'move', contact, queue: q })}
              onPriority={(contact, q) => setDialog({ kind: 'priority', contact, queue: q })}
            />
          ))}
        </div>
      </section>
      <IntradayChart />
      <section className="panel">
        <AgentTable
          agents={data.agents}
          queues={data.queues}
          onChangeQueues={(agent) => setDialog({ kind: 'queues', agent })}
          onChangePresence={(agent) => setDialog({ kind: 'presence', agent })}
        />
      </section>
      {dialog?.kind === 'queues' && (
        <AgentQueuesDialog
          agent={dialog.agent}
          queues={data.queues}
          onClose={close}
          onDone={setAnnouncement}
        />
      )}
      {dialog?.kind === 'presence' && (
        <AgentPresenceDialog agent={dialog.agent} onClose={close} onDone={setAnnouncement} />
      )}
      {dialog?.kind === 'move' && (
        <MoveContactDialog
          contact={dialog.contact}
          fromQueue={dialog.queue}
          queues={data.queues}
          onClose={close}
          onDone={setAnnouncement}
        />
      )}
      {dialog?.kind === 'priority' && (
        <PriorityDialog
          contact={dialog.contact}
          queueName={dialog.queue.name}
          onClose={close}
          onDone={setAnnouncement}
        />
      )}
    </div>
  );
}
