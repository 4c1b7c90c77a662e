import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginResponse } from '@kcc/contracts/rest';
import type { CreateDashboardSocket } from '../features/dashboard/api/dashboard-socket';
import { useDashboardSnapshot } from '../features/dashboard/api/get-snapshot';
import { DashboardView } from '../features/dashboard/components/dashboard-view';
import { DashboardConnection, useDashboardConnected } from '../features/dashboard/hooks/dashboard-connection';
import { KennisbankBeheerView } from '../features/kennisbank-beheer/components/kennisbank-beheer-view';
import { KennisbankPane } from '../features/kennisbank/components/kennisbank-pane';
import { kennisbankPaneActions } from '../features/kennisbank/stores/kennisbank-pane-store';
import { ReportsView } from '../features/reports/components/reports-view';
import { KanaalstrategieSummary } from '../features/reports/components/kanaalstrategie-summary';
import { KennisbankButton, kennisbankContentChanged, useKennisbankShortcut } from './kennisbank-composition';
import { useAppDependencies } from './provider';

export type TeamleiderTab = 'live' | 'rapportages' | 'kennisbank';

const TABS: { id: TeamleiderTab; label: string }[] = [
  { id: 'live', label: 'Live overzicht' },
  { id: 'rapportages', label: 'Rapportages' },
  { id: 'kennisbank', label: 'Kennisbank' },
];

function initialTab(): TeamleiderTab {
  const view = new URLSearchParams(window.location.search).get('view');
  return TABS.find((t) => t.id === view)?.id ?? 'live';
}

interface TeamleiderShellProps {
  user: LoginResponse['user'];
  token: string;
  onLogout: () => void;
}

function TeamleiderLayout({ user, token, onLogout }: TeamleiderShellProps) {
  const queryClient = useQueryClient();
  const snapshot = useDashboardSnapshot();
  const connected = useDashboardConnected();
  const [everConnected, setEverConnected] = useState(false);
  const [tab, setTab] = useState<TeamleiderTab>(initialTab);
  useKennisbankShortcut();

  if (connected && !everConnected) setEverConnected(true);

  // A team leader reads the kennisbank but does not edit it: searching is the task there.
  useEffect(() => {
    if (tab === 'kennisbank') kennisbankPaneActions.searchRequested();
  }, [tab]);

  // e2e tests wait for this marker: the snapshot is loaded and the push channel is open.
  const appState = snapshot.isError ? 'error' : snapshot.isSuccess && everConnected ? 'ready' : 'loading';

  return (
    <div data-app-state={appState} data-view="teamleider" className="flex h-screen flex-col">
      <a href="#main" className="skip-link">
        Naar hoofdinhoud
      </a>
      <header className="app-header flex flex-wrap items-center gap-x-6 gap-y-2 bg-blue-800 px-4 py-2 text-white">
        <p className="text-lg font-semibold">KCC Werkplek · Teamleider</p>
        <nav aria-label="Onderdelen">
          <ul className="flex gap-1">
            {TABS.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className={`rounded px-3 py-1 text-sm font-medium ${tab === t.id ? 'bg-white text-blue-900' : 'text-white hover:bg-blue-900'}`}
                  aria-current={tab === t.id ? 'page' : undefined}
                  onClick={() => setTab(t.id)}
                >
                  {t.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <span className="text-sm" data-testid="user-name">
            {user.name}
          </span>
          <KennisbankButton />
          <button type="button" className="btn-header" onClick={onLogout}>
            Uitloggen
          </button>
        </div>
      </header>
      {everConnected && !connected && (
        <p
          role="status"
          className="bg-amber-100 px-4 py-1.5 text-sm text-amber-950"
          data-testid="connection-lost"
        >
          Verbinding met de server is weg. We proberen opnieuw te verbinden…
        </p>
      )}
      <div className="flex min-h-0 flex-1">
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto p-4">
          {tab !== 'kennisbank' && (
            <h1 className="sr-only">
              {TABS.find((t) => t.id === tab)?.label} voor {user.name}
            </h1>
          )}
          {tab === 'live' && (
            <div className="space-y-4">
              <DashboardView />
              <KanaalstrategieSummary />
            </div>
          )}
          {tab === 'rapportages' && <ReportsView token={token} />}
          {tab === 'kennisbank' && (
            <KennisbankBeheerView
              roles={user.roles}
              onContentChanged={() => kennisbankContentChanged(queryClient)}
            />
          )}
        </main>
        <KennisbankPane className="w-[28rem] shrink-0" />
      </div>
    </div>
  );
}

/**
 * The team leader's shell (loaded lazily, so the agent workplace bundle stays small): no agent socket, but the
 * `/dashboard` socket for the live view, the reports and the kennisbank.
 */
export default function TeamleiderShell({
  createSocket,
  ...props
}: TeamleiderShellProps & { createSocket?: CreateDashboardSocket }) {
  const { serverUrl } = useAppDependencies();
  return (
    <DashboardConnection serverUrl={serverUrl} token={props.token} createSocket={createSocket}>
      <TeamleiderLayout {...props} />
    </DashboardConnection>
  );
}
