import { create } from 'zustand';

interface KlantZoekenState {
  open: boolean;
  /** Increases on every request to focus the form (the header button while it is open). */
  focusRequest: number;
  actions: {
    opened: () => void;
    closed: () => void;
    sessionEnded: () => void;
  };
}

const initial = { open: false, focusRequest: 0 };

const useKlantZoekenStore = create<KlantZoekenState>()((set) => ({
  ...initial,
  actions: {
    opened: () => set((s) => ({ open: true, focusRequest: s.focusRequest + 1 })),
    closed: () => set({ open: false }),
    sessionEnded: () => set(initial),
  },
}));

export const useKlantZoekenOpen = () => useKlantZoekenStore((s) => s.open);
export const useKlantZoekenFocusRequest = () => useKlantZoekenStore((s) => s.focusRequest);
export const klantZoekenActions = useKlantZoekenStore.getState().actions;
