import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ChatEndedBy = 'inwoner' | 'medewerker';

interface ConversationState {
  /** The unsent reply per contact, so several chats at once each keep their own text. */
  composer: Record<string, string>;
  /** The resident is typing (per contact). */
  typing: Record<string, boolean>;
  /** Incoming messages not yet seen, for contacts that are not open. */
  unread: Record<string, number>;
  chatEnded: Record<string, ChatEndedBy>;
  /** The telephony platform reported the call ended. */
  callEnded: Record<string, true>;
  actions: {
    composerEdited: (contactId: string, text: string) => void;
    /** "Gebruik in antwoord" from the kennisbank: the text joins the reply after a blank line. */
    textInserted: (contactId: string, text: string) => void;
    messageSent: (contactId: string) => void;
    residentTyping: (contactId: string, typing: boolean) => void;
    /** An incoming message; counted as unread unless that contact is open. */
    messageReceived: (contactId: string, openContactId: string | undefined) => void;
    contactViewed: (contactId: string) => void;
    chatEnded: (contactId: string, by: ChatEndedBy) => void;
    callEnded: (contactId: string) => void;
    /** Forget everything about contacts that are no longer mine. */
    contactsLeft: (activeContactIds: string[]) => void;
    sessionEnded: () => void;
  };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

function keepOnly<T>(record: Record<string, T>, keep: Set<string>): Record<string, T> {
  const entries = Object.entries(record).filter(([id]) => keep.has(id));
  return entries.length === Object.keys(record).length ? record : Object.fromEntries(entries);
}

const initial = { composer: {}, typing: {}, unread: {}, chatEnded: {}, callEnded: {} };

/** Unsent replies survive a reload and a reconnect (this tab's sessionStorage; see registration-drafts-store). */
const useConversationStore = create<ConversationState>()(
  persist(
    (set) => ({
      ...initial,
      actions: {
        composerEdited: (contactId, text) => set((s) => ({ composer: { ...s.composer, [contactId]: text } })),
        textInserted: (contactId, text) =>
          set((s) => {
            const current = s.composer[contactId] ?? '';
            const addition = text.trim();
            if (addition === '' || current.includes(addition)) return s;
            const next = current.trim() === '' ? addition : `${current.trimEnd()}\n\n${addition}`;
            return { composer: { ...s.composer, [contactId]: next } };
          }),
        messageSent: (contactId) => set((s) => ({ composer: without(s.composer, contactId) })),
        residentTyping: (contactId, typing) =>
          set((s) =>
            (s.typing[contactId] ?? false) === typing
              ? s
              : { typing: typing ? { ...s.typing, [contactId]: true } : without(s.typing, contactId) },
          ),
        messageReceived: (contactId, openContactId) =>
          set((s) => ({
            typing: without(s.typing, contactId),
            unread:
              contactId === openContactId
                ? s.unread
                : { ...s.unread, [contactId]: (s.unread[contactId] ?? 0) + 1 },
          })),
        contactViewed: (contactId) => set((s) => ({ unread: without(s.unread, contactId) })),
        chatEnded: (contactId, by) =>
          set((s) => ({
            chatEnded: { ...s.chatEnded, [contactId]: by },
            typing: without(s.typing, contactId),
          })),
        callEnded: (contactId) => set((s) => ({ callEnded: { ...s.callEnded, [contactId]: true } })),
        contactsLeft: (activeContactIds) =>
          set((s) => {
            const keep = new Set(activeContactIds);
            return {
              composer: keepOnly(s.composer, keep),
              typing: keepOnly(s.typing, keep),
              unread: keepOnly(s.unread, keep),
              chatEnded: keepOnly(s.chatEnded, keep),
              callEnded: keepOnly(s.callEnded, keep),
            };
          }),
        sessionEnded: () => set(initial),
      },
    }),
    {
      name: 'kcc-reply-drafts',
      version: 1,
      storage: createJSONStorage(() => sessionStorage),
      partialize: (state) => ({ composer: state.composer }),
    },
  ),
);

export const useComposerText = (contactId: string) =>
  useConversationStore((s) => s.composer[contactId] ?? '');
export const useResidentTyping = (contactId: string) =>
  useConversationStore((s) => s.typing[contactId] ?? false);
export const useUnreadCount = (contactId: string) => useConversationStore((s) => s.unread[contactId] ?? 0);
export const useChatEndedBy = (contactId: string) => useConversationStore((s) => s.chatEnded[contactId]);
export const useCallEnded = (contactId: string) =>
  useConversationStore((s) => s.callEnded[contactId] === true);
export const useConversationActions = () => useConversationStore((s) => s.actions);
export const conversationActions = useConversationStore.getState().actions;
