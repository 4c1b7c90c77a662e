import { lazy, Suspense, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginResponse } from '@kcc/contracts/rest';
import { KennisbankBeheerView } from '../features/kennisbank-beheer/components/kennisbank-beheer-view';
import { beheerRights } from '../features/kennisbank-beheer/utils/beheer-roles';
import { KennisbankPane } from '../features/kennisbank/components/kennisbank-pane';
import { kennisbankPaneActions } from '../features/kennisbank/stores/kennisbank-pane-store';
import { BewaartermijnenView } from '../features/bewaartermijnen/components/bewaartermijnen-view';
import { KoppelingenView } from '../features/koppelingen/components/koppelingen-view';
import { Werkberichten } from '../features/nieuws/components/werkberichten';
import { useMe } from '../features/presence/api/get-me';
import { OnderwerpenBeheer } from '../features/onderwerpen-beheer/components/onderwerpen-beheer';
import { OntvangstbevestigingBeheer } from '../features/ontvangstbevestiging/components/ontvangstbevestiging-beheer';
import { QuickRepliesBeheer } from '../features/quick-replies/components/quick-replies-beheer';
import { describeError } from '../lib/api-client';
import { KennisbankButton, kennisbankContentChanged, useKennisbankShortcut } from './kennisbank-composition';
import { ShortcutHelp } from './shortcut-help';

// Reports carry the charting library: load them only when a beheerder opens them.
const ReportsView = lazy(() =>
  import('../features/reports/components/reports-view').then((m) => ({ default: m.ReportsView })),
);

interface KennisbankShellProps {
  user: LoginResponse['user'];
  onLogout: () => void;
}

interface KennisbankShellWithTokenProps extends KennisbankShellProps {
  token: string;
}

/** The shell for teamleider, beheerder and redacteur: beheer and KPI in the middle, the kennisbank beside it. */
export function KennisbankShell({ user, token, onLogout }: KennisbankShellWithTokenProps) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [helpOpen, setHelpOpen] = useState(false);
  const roles = me.data?.user.roles ?? user.roles;
  const canEdit = beheerRights(roles).editContent;
  const canReadReports = roles.includes('beheerder');
  const [tab, setTab] = useState<
    | 'beheer'
    | 'rapportages'
    | 'snelle-antwoorden'
    | 'onderwerpen'
    | 'ontvangstbevestiging'
    | 'koppelingen'
    | 'bewaartermijnen'
  >('beheer');
  useKennisbankShortcut();

  // Without content to edit, searching is the main task: open the kennisbank at once.
  useEffect(() => {
    if (!canEdit) kennisbankPaneActions.searchRequested();
  }, [canEdit]);

  const appState = me.isError ? 'error' : me.isSuccess ? 'ready' : 'loading';
  return (
    <div data-app-state={appState} data-view="kennisbank" className="flex h-screen flex-col">
      <a href="#main" className="skip-link">
        Naar hoofdinhoud
      </a>
      <header className="app-header flex flex-wrap items-center gap-x-6 gap-y-2 bg-blue-800 px-4 py-2 text-white">
        <p className="text-lg font-semibold">KCC Werkplek · Kennisbank</p>
        <div className="ml-auto flex items-center gap-3">
          <span className="text-sm" data-testid="user-name">
            {me.data?.user.name ?? user.name}
          </span>
          <KennisbankButton />
          <button
            type="button"
            className="btn-header"
            onClick={() => setHelpOpen(true)}
            title="Sneltoetsen (? of F1)"
          >
            Sneltoetsen
          </button>
          <button type="button" className="btn-header" onClick={onLogout}>
            Uitloggen
          </button>
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        <aside
          aria-label="Werkberichten"
          className="w-72 shrink-0 overflow-y-auto border-r border-slate-300 bg-slate-50 p-3"
        >
          <Werkberichten />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto p-4">
          {me.isError ? (
            <div role="alert" className="panel space-y-2">
              <p>De werkplek kon niet laden. {describeError(me.error)}</p>
              <button type="button" className="btn-primary" onClick={() => void me.refetch()}>
                Opnieuw proberen
              </button>
            </div>
          ) : (
            <>
              {canReadReports && (
                <nav aria-label="Onderdelen" className="mb-4 flex flex-wrap gap-2">
                  <button
                    type="button"
                    className={tab === 'beheer' ? 'btn-primary' : 'btn-secondary'}
                    aria-current={tab === 'beheer' ? 'page' : undefined}
                    onClick={() => setTab('beheer')}
                  >
                    Kennisbank beheren
                  </button>
                  <button
                    type="button"
                    className={tab === 'rapportages' ? 'btn-primary' : 'btn-secondary'}
                    aria-current={tab === 'rapportages' ? 'page' : undefined}
                    onClick={() => setTab('rapportages')}
                  >
                    Rapportages
                  </button>
                  <button
                    type="button"
                    className={tab === 'snelle-antwoorden' ? 'btn-primary' : 'btn-secondary'}
                    aria-current={tab === 'snelle-antwoorden' ? 'page' : undefined}
                    onClick={() => setTab('snelle-antwoorden')}
                  >
                    Snelle antwoorden
                  </button>
                  <button
                    type="button"
                    className={tab === 'onderwerpen' ? 'btn-primary' : 'btn-secondary'}
                    aria-current={tab === 'onderwerpen' ? 'page' : undefined}
                    onClick={() => setTab('onderwerpen')}
                  >
                    Onderwerpen
                  </button>
                  <button
                    type="button"
                    className={tab === 'ontvangstbevestiging' ? 'btn-primary' : 'btn-secondary'}
                    aria-current={tab === 'ontvangstbevestiging' ? 'page' : undefined}
                    onClick={() => setTab('ontvangstbevestiging')}
                  >
                    Ontvangstbevestiging
                  </button>
                  <button
                    type="button"
                    className={tab === 'koppelingen' ? 'btn-primary' : 'btn-secondary'}
                    aria-current={tab === 'koppelingen' ? 'page' : undefined}
                    onClick={() => setTab('koppelingen')}
                  >
                    Koppelingen
                  </button>
                  <button
                    type="button"
                    className={tab === 'bewaartermijnen' ? 'btn-primary' : 'btn-secondary'}
                    aria-current={tab === 'bewaartermijnen' ? 'page' : undefined}
                    onClick={() => setTab('bewaartermijnen')}
                  >
                    Bewaartermijnen
                  </button>
                </nav>
              )}
              {tab === 'bewaartermijnen' && canReadReports ? (
                <BewaartermijnenView canRun />
              ) : tab === 'koppelingen' && canReadReports ? (
                <KoppelingenView />
              ) : tab === 'ontvangstbevestiging' && canReadReports ? (
                <OntvangstbevestigingBeheer />
              ) : tab === 'onderwerpen' && canReadReports ? (
                <OnderwerpenBeheer />
              ) : tab === 'snelle-antwoorden' && canReadReports ? (
                <QuickRepliesBeheer />
              ) : tab === 'rapportages' && canReadReports ? (
                <Suspense fallback={<p>Rapportages laden…</p>}>
                  <ReportsView token={token} />
                </Suspense>
              ) : (
                <KennisbankBeheerView
                  roles={roles}
                  onContentChanged={() => kennisbankContentChanged(queryClient)}
                />
              )}
            </>
          )}
        </main>
        <KennisbankPane className="w-[28rem] shrink-0" />
      </div>
      <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}

/** A role without a screen in this app (e.g. only privacy): say so, and offer to log out. */
export function NoWorkplaceView({ user, onLogout }: KennisbankShellProps) {
  return (
    <div
      data-app-state="ready"
      data-view="none"
      className="flex min-h-screen items-center justify-center p-4"
    >
      <main className="panel max-w-md space-y-3">
        <h1 className="panel-title">Geen scherm voor uw rol</h1>
        <p>
          {user.name}, met uw rol ({user.roles.join(', ') || 'geen'}) heeft u in de werkplek geen contacten of
          kennisbank. Vraag de beheerder om de juiste rol.
        </p>
        <button type="button" className="btn-primary" onClick={onLogout}>
          Uitloggen
        </button>
      </main>
    </div>
  );
}
