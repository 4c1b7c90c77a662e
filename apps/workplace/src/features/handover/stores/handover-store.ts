import { create } from 'zustand';
import type {
  ConsultReceivedEvent,
  ConsultRepliedEvent,
  ContactTransferredEvent,
} from '@kcc/contracts/channels';

export interface ReceivedConsult extends ConsultReceivedEvent {
  /** My answer, once sent. */
  answer?: string;
}

export interface HandoverNotice {
  id: string;
  text: string;
}

interface HandoverState {
  /** Questions colleagues asked me (newest first). */
  consults: ReceivedConsult[];
  /** Answers to my questions (newest first). */
  replies: ConsultRepliedEvent[];
  /** Transfers announced to me, by contact id (the offer follows). */
  transfers: Record<string, ContactTransferredEvent>;
  /** Short confirmations that outlive the contact they were about (e.g. after a transfer it leaves my list). */
  notices: HandoverNotice[];
  actions: {
    consultReceived: (event: ConsultReceivedEvent) => void;
    consultAnswered: (consultId: string, answer: string) => void;
    consultDismissed: (consultId: string) => void;
    consultReplied: (event: ConsultRepliedEvent) => void;
    replyDismissed: (consultId: string, at: string) => void;
    contactTransferred: (event: ContactTransferredEvent) => void;
    noticeAdded: (text: string) => void;
    noticeDismissed: (id: string) => void;
    sessionEnded: () => void;
  };
}

const MAX_ITEMS = 20;
let noticeSeq = 0;
const initial = { consults: [], replies: [], transfers: {}, notices: [] };

const useHandoverStore = create<HandoverState>()((set) => ({
  ...initial,
  actions: {
    consultReceived: (event) =>
      set((s) => ({
        consults: [event, ...s.consults.filter((c) => c.consultId !== event.consultId)].slice(0, MAX_ITEMS),
      })),
    consultAnswered: (consultId, answer) =>
      set((s) => ({ consults: s.consults.map((c) => (c.consultId === consultId ? { ...c, answer } : c)) })),
    consultDismissed: (consultId) =>
      set((s) => ({ consults: s.consults.filter((c) => c.consultId !== consultId) })),
    consultReplied: (event) =>
      set((s) => ({
        replies: [
          event,
          ...s.replies.filter((r) => !(r.consultId === event.consultId && r.at === event.at)),
        ].slice(0, MAX_ITEMS),
      })),
    replyDismissed: (consultId, at) =>
      set((s) => ({ replies: s.replies.filter((r) => !(r.consultId === consultId && r.at === at)) })),
    contactTransferred: (event) => set((s) => ({ transfers: { ...s.transfers, [event.contactId]: event } })),
    noticeAdded: (text) =>
      set((s) => ({ notices: [...s.notices, { id: `n${++noticeSeq}`, text }].slice(-5) })),
    noticeDismissed: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    sessionEnded: () => set(initial),
  },
}));

export const useReceivedConsults = () => useHandoverStore((s) => s.consults);
export const useConsultReplies = () => useHandoverStore((s) => s.replies);
export const useTransferFor = (contactId: string) => useHandoverStore((s) => s.transfers[contactId]);
export const useHandoverNotices = () => useHandoverStore((s) => s.notices);
export const useHandoverActions = () => useHandoverStore((s) => s.actions);
export const handoverActions = useHandoverStore.getState().actions;
