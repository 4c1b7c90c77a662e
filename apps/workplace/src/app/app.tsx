import { lazy, Suspense, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LoginForm } from '../features/auth/components/login-form';
import { logout as endSession } from '../features/auth/api/logout';
import { scheduleTokenRefresh, stopTokenRefresh } from '../features/auth/api/token-refresh';
import { useSession, type Session } from '../features/auth/stores/session-store';
import { conversationActions } from '../features/conversation/stores/conversation-store';
import { handoverActions } from '../features/handover/stores/handover-store';
import { inboxActions } from '../features/inbox/stores/inbox-store';
import { kennisbankPaneActions } from '../features/kennisbank/stores/kennisbank-pane-store';
import { klantZoekenActions } from '../features/klantzoeken/stores/klant-zoeken-store';
import { PrivacyView } from '../features/privacy/components/privacy-view';
import { registrationDraftActions } from '../features/registration/stores/registration-drafts-store';
import type { AgentSocket } from '../lib/socket';
import { SocketProvider } from '../lib/socket-context';
import { useAppDependencies } from './provider';
import { RealtimeBridge } from './realtime-bridge';
import { KennisbankShell, NoWorkplaceView } from './kennisbank-shell';
import { Shell } from './shell';
import { workplaceViewFor } from './workplace-view';

const LOGOUT_OFFLINE_WAIT_MS = 1000;

/** Loaded only for team leaders: the dashboard, charts and reports stay out of the agent bundle. */
const TeamleiderShell = lazy(() => import('./teamleider-shell'));

function AuthenticatedApp({ session }: { session: Session }) {
  const { serverUrl, createSocket } = useAppDependencies();
  const [socket, setSocket] = useState<AgentSocket | null>(null);

  useEffect(() => {
    const created = createSocket(serverUrl, session.token);
    // The socket is the external system this effect owns; children need it before it connects.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSocket(created);
    return () => {
      created.disconnect();
      setSocket(null);
    };
  }, [createSocket, serverUrl, session.token]);

  const logout = async () => {
    // Go offline first so the router stops offering to this agent at once (bounded wait).
    if (socket?.connected) {
      await Promise.race([
        socket.command('presence:set', { status: 'offline' }),
        new Promise((resolve) => setTimeout(resolve, LOGOUT_OFFLINE_WAIT_MS)),
      ]);
    }
    await endSession();
  };

  return (
    <SocketProvider socket={socket}>
      <RealtimeBridge />
      <Shell user={session.user} onLogout={() => void logout()} />
    </SocketProvider>
  );
}

function LoginScreen() {
  return (
    <div data-app-state="ready" className="flex min-h-screen flex-col items-center justify-center gap-6 p-4">
      <main className="flex w-full justify-center">
        <LoginForm />
      </main>
      <p className="text-sm text-slate-700">KCC Werkplek · klantcontactcentrum van de gemeente</p>
    </div>
  );
}

export function App() {
  const session = useSession();
  const queryClient = useQueryClient();

  // Nothing of one agent's session may stay in memory for the next.
  useEffect(() => {
    if (session) return;
    queryClient.clear();
    inboxActions.sessionEnded();
    registrationDraftActions.contactsLeft([]);
    kennisbankPaneActions.sessionEnded();
    klantZoekenActions.sessionEnded();
    conversationActions.sessionEnded();
    handoverActions.sessionEnded();
  }, [session, queryClient]);

  if (!session) return <LoginScreen />;
  return <SessionView key={session.token} session={session} />;
}

/** Medewerkers get the agent shell with its socket; other roles a shell without it (see workplace-view). */
function SessionView({ session }: { session: Session }) {
  // Short access tokens: refreshed in the background for as long as this session is shown.
  useEffect(() => {
    scheduleTokenRefresh();
    return stopTokenRefresh;
  }, [session]);
  const loggedOut = () => void endSession();
  const view = workplaceViewFor(session.user.roles);
  if (view === 'agent') return <AuthenticatedApp session={session} />;
  if (view === 'teamleider')
    return (
      <Suspense
        fallback={
          <p data-app-state="loading" className="p-4">
            Dashboard laden…
          </p>
        }
      >
        <TeamleiderShell user={session.user} token={session.token} onLogout={loggedOut} />
      </Suspense>
    );
  if (view === 'kennisbank')
    return <KennisbankShell user={session.user} token={session.token} onLogout={loggedOut} />;
  if (view === 'privacy')
    return <PrivacyView user={session.user} token={session.token} onLogout={loggedOut} />;
  return <NoWorkplaceView user={session.user} onLogout={loggedOut} />;
}
