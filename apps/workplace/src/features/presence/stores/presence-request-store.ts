import { create } from 'zustand';
import type { Presence } from '@kcc/contracts/domain';

interface PresenceRequestState {
  /** The status the agent chose last; a change to anything else was made by the system. */
  requested: Presence | null;
  actions: { requested: (presence: Presence) => void };
}

const usePresenceRequestStore = create<PresenceRequestState>()((set) => ({
  requested: null,
  actions: { requested: (presence) => set({ requested: presence }) },
}));

export const presenceRequestActions = usePresenceRequestStore.getState().actions;
export const getRequestedPresence = () => usePresenceRequestStore.getState().requested;
