import { create } from 'zustand';
import type { LoginResponse } from '@kcc/contracts/rest';

export type Session = LoginResponse;

/**
 * The token lives in sessionStorage, not localStorage or a cookie: it survives a reload of this window
 * (F5, or the desktop shell reloading after a server change) but is gone when the window closes, is not
 * shared with other tabs (each tab is its own agent session with its own socket), and is not sent
 * automatically with requests (Bearer header, so no CSRF). A shared workstation is thus logged out on close.
 */
const STORAGE_KEY = 'kcc.session';

function readStoredSession(): Session | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.token !== 'string' || typeof value.user?.id !== 'string') return null;
    return value as Session;
  } catch {
    return null;
  }
}

function writeStoredSession(session: Session | null): void {
  try {
    if (session) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be unavailable (privacy mode); the session then lasts as long as the page.
  }
}

/**
 * The newest access and refresh token of the session. A refresh replaces them here and in storage, but not in
 * `session`: its identity keys the whole signed-in view, which must not remount every 15 minutes.
 */
export interface Credentials {
  token: string;
  refreshToken?: string | undefined;
  expiresAt?: string | undefined;
}
let credentials: Credentials | null = null;
const credentialsOf = (session: Session | null): Credentials | null =>
  session ? { token: session.token, refreshToken: session.refreshToken, expiresAt: session.expiresAt } : null;

interface SessionState {
  session: Session | null;
  /** Why the last session ended, shown on the login screen. */
  endedReason: string | null;
  actions: {
    loggedIn: (session: Session) => void;
    loggedOut: () => void;
    sessionExpired: () => void;
    tokenRefreshed: (next: Session) => void;
  };
}

const initial = readStoredSession();
credentials = credentialsOf(initial);

const useSessionStore = create<SessionState>()((set, get) => ({
  session: initial,
  endedReason: null,
  actions: {
    loggedIn: (session) => {
      writeStoredSession(session);
      credentials = credentialsOf(session);
      set({ session, endedReason: null });
    },
    loggedOut: () => {
      writeStoredSession(null);
      credentials = null;
      set({ session: null, endedReason: null });
    },
    tokenRefreshed: (next) => {
      const session = get().session;
      if (!session) return;
      credentials = credentialsOf(next);
      writeStoredSession({ ...session, ...credentials });
    },
    sessionExpired: () => {
      writeStoredSession(null);
      credentials = null;
      set((state) =>
        state.session ? { session: null, endedReason: 'Uw sessie is verlopen. Log opnieuw in.' } : state,
      );
    },
  },
}));

export const useSession = () => useSessionStore((s) => s.session);
export const useSessionEndedReason = () => useSessionStore((s) => s.endedReason);
export const useSessionActions = () => useSessionStore((s) => s.actions);

/** For non-React code (the API client). */
export const getSessionToken = (): string | undefined => credentials?.token;
export const currentCredentials = (): Credentials | null => credentials;
export const sessionActions = useSessionStore.getState().actions;
/** Tests only: start from a known session. */
export const resetSessionStore = (session: Session | null = null) => {
  writeStoredSession(session);
  credentials = credentialsOf(session);
  useSessionStore.setState({ session, endedReason: null });
};
