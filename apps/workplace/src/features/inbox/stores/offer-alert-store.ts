import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const OFFER_SOUNDS = ['belletje', 'kort', 'uit'] as const;
export type OfferSound = (typeof OFFER_SOUNDS)[number];

export const OFFER_SOUND_LABELS: Record<OfferSound, string> = {
  belletje: 'Belletje (twee tonen)',
  kort: 'Kort signaal (zacht)',
  uit: 'Geen geluid',
};

interface OfferAlertState {
  sound: OfferSound;
  /** The agent answered the explanation about browser notifications (yes or no): it is not shown again. */
  notificationsAsked: boolean;
  actions: {
    soundChosen: (sound: OfferSound) => void;
    notificationsAnswered: () => void;
  };
}

/** How new offers are announced: a per-device preference (no personal data), kept in localStorage. */
const useOfferAlertStore = create<OfferAlertState>()(
  persist(
    (set) => ({
      sound: 'belletje',
      notificationsAsked: false,
      actions: {
        soundChosen: (sound) => set({ sound }),
        notificationsAnswered: () => set({ notificationsAsked: true }),
      },
    }),
    {
      name: 'kcc-offer-alert',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ sound, notificationsAsked }) => ({ sound, notificationsAsked }),
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as Partial<OfferAlertState>;
        return {
          ...current,
          sound: OFFER_SOUNDS.includes(saved.sound as OfferSound)
            ? (saved.sound as OfferSound)
            : current.sound,
          notificationsAsked: saved.notificationsAsked === true,
        };
      },
    },
  ),
);

export const useOfferSound = () => useOfferAlertStore((s) => s.sound);
export const useNotificationsAsked = () => useOfferAlertStore((s) => s.notificationsAsked);
export const offerAlertActions = useOfferAlertStore.getState().actions;
export const getOfferSound = () => useOfferAlertStore.getState().sound;
