import { create } from 'zustand';

interface InboxState {
  /** The contact shown in the workspace; falls back to the first active contact when unset or gone. */
  openContactId: string | null;
  actions: {
    contactOpened: (contactId: string) => void;
    sessionEnded: () => void;
  };
}

const useInboxStore = create<InboxState>()((set) => ({
  openContactId: null,
  actions: {
    contactOpened: (contactId) => set({ openContactId: contactId }),
    sessionEnded: () => set({ openContactId: null }),
  },
}));

export const useOpenContactId = () => useInboxStore((s) => s.openContactId);
export const useInboxActions = () => useInboxStore((s) => s.actions);
export const inboxActions = useInboxStore.getState().actions;
