import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { KanaalSoort } from '@kcc/contracts/kanaaladvies';
import { randomUuid } from '../../../lib/uuid';
import { LIMITS } from '../utils/registration-limits';

export interface Bron {
  id: string;
  title: string;
}

/** The product the question was about and its primary channel ("Wijs op: …"), from the kanalenmatrix. */
export interface KanaalsturingDraft {
  product: string;
  primairKanaal: string;
  secundairKanaal?: string;
  /** Kinds of channel the product cannot be handled through (kanalenmatrix). */
  nietVia?: KanaalSoort[];
  gewezenOpPrimairKanaal: boolean;
}

/** "Gebruik in antwoord" from the kennisbank (the shape app/ composes; see features/kennisbank/utils/article-use). */
export interface UsedArticle {
  answer: string;
  bron: Bron;
  kanaal?: { product: string; primair: string; secundair: string; nietVia?: KanaalSoort[] };
}

export const MAX_BRONNEN = 20;

export interface RegistrationDraft {
  onderwerp: string;
  /** Set when the onderwerp was picked from the managed list (sent as `onderwerpId`). */
  onderwerpId?: string;
  inhoud: string;
  reactie: string;
  kanaal: string;
  gespreksresultaat: string;
  interneTaak: boolean;
  afdeling: string;
  gevraagdeHandeling: string;
  toelichting: string;
  /** Kennisbank articles consulted for the answer (sent as `bronnen`). */
  bronnen: Bron[];
  kanaalsturing?: KanaalsturingDraft;
  /**
   * Idempotency key of a submit whose outcome is unknown (network fault, timeout, 5xx). The next submit
   * reuses it, so the server either replays the first result or processes it once — never twice.
   */
  pendingKey?: string;
}

export type DraftField = Exclude<
  keyof RegistrationDraft,
  'pendingKey' | 'bronnen' | 'kanaalsturing' | 'onderwerpId'
>;

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
    bronnen: [],
  };
}

/** Adds text to the answer after a blank line, cut at a word so the answer stays within its limit. */
export function appendAnswer(current: string, addition: string, limit = LIMITS.reactie): string {
  const separator = current.trim() === '' ? '' : '\n\n';
  const base = current.trim() === '' ? '' : current.trimEnd();
  const room = limit - base.length - separator.length;
  if (room <= 1) return current;
  let text = addition.trim();
  if (text.length > room) {
    const cut = text.slice(0, room - 1);
    const lastSpace = cut.lastIndexOf(' ');
    text = `${(lastSpace > room / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
  }
  return base + separator + text;
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
    /** The onderwerp typed or picked: `onderwerpId` only when it is the list's. */
    onderwerpEdited: (
      contactId: string,
      kanaal: string,
      value: { onderwerp: string; onderwerpId?: string },
    ) => void;
    /** "Gebruik in antwoord": the text joins the answer, the article the sources, its product the kanaalsturing. */
    articleUsed: (contactId: string, kanaal: string, used: UsedArticle) => void;
    gewezenOpPrimairKanaalChanged: (contactId: string, kanaal: string, gewezen: boolean) => void;
    kanaalsturingRemoved: (contactId: string) => void;
    bronRemoved: (contactId: string, bronId: string) => void;
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

/**
 * Drafts survive a reload and a reconnect: kept in this tab's sessionStorage (where the session token lives too),
 * so they are gone with the tab and cleared with the session (contactsLeft([]) on logout), never shared.
 */
const useDraftsStore = create<DraftsState>()(
  persist(
    (set, get) => {
      const update = (
        contactId: string,
        kanaal: string,
        fn: (draft: RegistrationDraft) => RegistrationDraft,
      ) =>
        set((state) => ({
          drafts: { ...state.drafts, [contactId]: fn(state.drafts[contactId] ?? emptyDraft(kanaal)) },
        }));
      return {
        drafts: {},
        actions: {
          draftEdited: (contactId, kanaal, patch) => update(contactId, kanaal, (d) => ({ ...d, ...patch })),
          onderwerpEdited: (contactId, kanaal, { onderwerp, onderwerpId }) =>
            update(contactId, kanaal, ({ onderwerpId: _old, ...d }) => ({
              ...d,
              onderwerp,
              ...(onderwerpId !== undefined ? { onderwerpId } : {}),
            })),
          articleUsed: (contactId, kanaal, used) =>
            update(contactId, kanaal, (d) => ({
              ...d,
              // A second click on the same article must not paste its text twice.
              reactie: d.reactie.includes(used.answer.trim())
                ? d.reactie
                : appendAnswer(d.reactie, used.answer),
              bronnen: d.bronnen.some((b) => b.id === used.bron.id)
                ? d.bronnen
                : [...d.bronnen, used.bron].slice(-MAX_BRONNEN),
              kanaalsturing: used.kanaal
                ? {
                    product: used.kanaal.product,
                    primairKanaal: used.kanaal.primair,
                    secundairKanaal: used.kanaal.secundair,
                    ...(used.kanaal.nietVia ? { nietVia: used.kanaal.nietVia } : {}),
                    gewezenOpPrimairKanaal:
                      d.kanaalsturing?.product === used.kanaal.product
                        ? d.kanaalsturing.gewezenOpPrimairKanaal
                        : false,
                  }
                : d.kanaalsturing,
            })),
          gewezenOpPrimairKanaalChanged: (contactId, kanaal, gewezen) =>
            update(contactId, kanaal, (d) =>
              d.kanaalsturing
                ? { ...d, kanaalsturing: { ...d.kanaalsturing, gewezenOpPrimairKanaal: gewezen } }
                : d,
            ),
          kanaalsturingRemoved: (contactId) =>
            set((state) => {
              const draft = state.drafts[contactId];
              if (!draft?.kanaalsturing) return state;
              const { kanaalsturing: _removed, ...rest } = draft;
              return { drafts: { ...state.drafts, [contactId]: rest } };
            }),
          bronRemoved: (contactId, bronId) =>
            set((state) => {
              const draft = state.drafts[contactId];
              if (!draft) return state;
              return {
                drafts: {
                  ...state.drafts,
                  [contactId]: { ...draft, bronnen: draft.bronnen.filter((b) => b.id !== bronId) },
                },
              };
            }),
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
    },
    {
      name: 'kcc-registration-drafts',
      version: 1,
      storage: createJSONStorage(() => sessionStorage),
      partialize: (state) => ({ drafts: state.drafts }),
    },
  ),
);

/** The draft for a contact (a fresh one, not yet stored, until the agent types). */
export function useRegistrationDraft(contactId: string, kanaal: string): RegistrationDraft {
  const draft = useDraftsStore((s) => s.drafts[contactId]);
  return draft ?? emptyDraft(kanaal);
}
export const useRegistrationDraftActions = () => useDraftsStore((s) => s.actions);
export const registrationDraftActions = useDraftsStore.getState().actions;
