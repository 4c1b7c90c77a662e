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

interface SessionState {
  session: Session | null;
  /** Why the last session ended, shown on the login screen. */
  endedReason: string | null;
  actions: {
    loggedIn: (session: Session) => void;
    loggedOut: () => void;
    sessionExpired: () => void;
  };
}

const useSessionStore = create<SessionState>()((set) => ({
  session: readStoredSession(),
  endedReason: null,
  actions: {
    loggedIn: (session) => {
      writeStoredSession(session);
      set({ session, endedReason: null });
    },
    loggedOut: () => {
      writeStoredSession(null);
      set({ session: null, endedReason: null });
    },
    sessionExpired: () => {
      writeStoredSession(null);
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
export const getSessionToken = (): string | undefined => useSessionStore.getState().session?.token;
export const sessionActions = useSessionStore.getState().actions;
/** Tests only: start from a known session. */
export const resetSessionStore = (session: Session | null = null) => {
  writeStoredSession(session);
  useSessionStore.setState({ session, endedReason: null });
};
