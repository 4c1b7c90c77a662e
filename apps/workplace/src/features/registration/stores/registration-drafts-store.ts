import { create } from 'zustand';
import { randomUuid } from '../../../lib/uuid';

export interface RegistrationDraft {
  onderwerp: string;
  inhoud: string;
  reactie: string;
  kanaal: string;
  gespreksresultaat: string;
  interneTaak: boolean;
  afdeling: string;
  gevraagdeHandeling: string;
  toelichting: string;
  /**
   * Idempotency key of a submit whose outcome is unknown (network fault, timeout, 5xx). The next submit
   * reuses it, so the server either replays the first result or processes it once — never twice.
   */
  pendingKey?: string;
}

export type DraftField = Exclude<keyof RegistrationDraft, 'pendingKey'>;

export function emptyDraft(kanaal: string): RegistrationDraft {
  return {
    onderwerp: '',
    inhoud: '',
    reactie: '',
    kanaal,
    gespreksresultaat: '',
    interneTaak: false,
    afdeling: '',
    gevraagdeHandeling: '',
    toelichting: '',
  };
}

interface DraftsState {
  /** One draft per contact, so switching contacts (Alt+1..9) never loses what was typed. */
  drafts: Record<string, RegistrationDraft>;
  actions: {
    draftEdited: (
      contactId: string,
      kanaal: string,
      patch: Partial<Pick<RegistrationDraft, DraftField>>,
    ) => void;
    /** Returns the key for this attempt: the pending one when the previous outcome is unknown. */
    submitStarted: (contactId: string, kanaal: string) => string;
    /** The server answered with a definite refusal: the next attempt is a new request. */
    submitRefused: (contactId: string) => void;
    /** A question was registered and the contact stays open: start the next question (same kanaal). */
    questionRegistered: (contactId: string) => void;
    /** The contact is registered and closed: its draft is done. */
    contactRegistered: (contactId: string) => void;
    /** Drop drafts of contacts that are no longer mine. */
    contactsLeft: (activeContactIds: string[]) => void;
  };
}

const useDraftsStore = create<DraftsState>()((set, get) => {
  const update = (contactId: string, kanaal: string, fn: (draft: RegistrationDraft) => RegistrationDraft) =>
    set((state) => ({
      drafts: { ...state.drafts, [contactId]: fn(state.drafts[contactId] ?? emptyDraft(kanaal)) },
    }));
  return {
    drafts: {},
    actions: {
      draftEdited: (contactId, kanaal, patch) => update(contactId, kanaal, (d) => ({ ...d, ...patch })),
      submitStarted: (contactId, kanaal) => {
        const key = get().drafts[contactId]?.pendingKey ?? randomUuid();
        update(contactId, kanaal, (d) => ({ ...d, pendingKey: key }));
        return key;
      },
      submitRefused: (contactId) =>
        set((state) => {
          const draft = state.drafts[contactId];
          if (!draft) return state;
          const { pendingKey: _dropped, ...rest } = draft;
          return { drafts: { ...state.drafts, [contactId]: rest } };
        }),
      questionRegistered: (contactId) =>
        set((state) => {
          const draft = state.drafts[contactId];
          if (!draft) return state;
          return { drafts: { ...state.drafts, [contactId]: emptyDraft(draft.kanaal) } };
        }),
      contactRegistered: (contactId) =>
        set((state) => {
          const { [contactId]: _done, ...drafts } = state.drafts;
          return { drafts };
        }),
      contactsLeft: (activeContactIds) =>
        set((state) => {
          const keep = new Set(activeContactIds);
          const entries = Object.entries(state.drafts).filter(([id]) => keep.has(id));
          return entries.length === Object.keys(state.drafts).length
            ? state
            : { drafts: Object.fromEntries(entries) };
        }),
    },
  };
});

/** The draft for a contact (a fresh one, not yet stored, until the agent types). */
export function useRegistrationDraft(contactId: string, kanaal: string): RegistrationDraft {
  const draft = useDraftsStore((s) => s.drafts[contactId]);
  return draft ?? emptyDraft(kanaal);
}
export const useRegistrationDraftActions = () => useDraftsStore((s) => s.actions);
export const registrationDraftActions = useDraftsStore.getState().actions;
