import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  AgentChatEndedEvent,
  AgentChatTypingEvent,
  CallEndedEvent,
  ConsultReceivedEvent,
  ConsultRepliedEvent,
  ContactMessageAddedEvent,
  ContactTransferredEvent,
} from '@kcc/contracts/channels';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import {
  ContactChangedEvent,
  ContactOfferedEvent,
  OfferRevokedEvent,
  PresenceChangedEvent,
  QueueWaitingEvent,
} from '@kcc/contracts/realtime';
import { conversationKeys } from '../features/conversation/api/conversation-keys';
import { messageAdded, messagesQueryOptions } from '../features/conversation/api/get-messages';
import { conversationActions } from '../features/conversation/stores/conversation-store';
import { contactContextOutdated } from '../features/handover/api/get-contact-context';
import { handoverKeys } from '../features/handover/api/handover-keys';
import { handoverActions } from '../features/handover/stores/handover-store';
import { contactUpdated, getCachedContact } from '../features/inbox/api/get-my-contacts';
import { offerReceived, offerRemoved } from '../features/inbox/api/get-offers';
import { useOpenContact } from '../features/inbox/hooks/use-open-contact';
import { inboxKeys } from '../features/inbox/api/inbox-keys';
import { interneTakenKeys } from '../features/interne-taken/api/interne-taken-keys';
import { klantbeeldOutdated } from '../features/klantbeeld/api/get-klantbeeld';
import { meQueryOptions, presenceChanged } from '../features/presence/api/get-me';
import { queueWaitingChanged } from '../features/presence/api/get-queue-waiting';
import { presenceKeys } from '../features/presence/api/presence-keys';
import { notifyOffer, onDesktopEvent } from '../lib/ipc';
import type { AgentSocketEvents } from '../lib/socket';
import { useAgentSocket } from '../lib/socket-context';

const RECONNECT_AFTER_REFUSAL_MS = 3000;

/**
 * The one place where server pushes enter the client: each socket event is validated against the contract
 * and written into the Query cache through the owning feature's key factory (offers with setQueryData,
 * without a refetch, so they render within the same frame). Invalid payloads resync the affected query.
 */
export function RealtimeBridge() {
  const socket = useAgentSocket();
  const queryClient = useQueryClient();
  // Messages for the contact on screen are seen; others get an unread marker.
  const openContactId = useRef<string | undefined>(undefined);
  const openId = useOpenContact()?.id;
  useEffect(() => {
    openContactId.current = openId;
  }, [openId]);

  useEffect(() => {
    if (!socket) return;
    let refusedRetry: ReturnType<typeof setTimeout> | undefined;
    const invalid = (event: string, issues: unknown, resync: readonly unknown[]) => {
      console.warn(`Ignored invalid ${event} payload`, issues);
      void queryClient.invalidateQueries({ queryKey: resync });
    };

    const handlers: { [E in keyof AgentSocketEvents]: AgentSocketEvents[E] } = {
      connect: () => {
        // A reconnect that could not restore the session may have missed events: refetch everything.
        if (!socket.recovered) void queryClient.invalidateQueries();
      },
      disconnect: () => {},
      connect_error: () => {
        if (socket.active) return; // socket.io retries by itself
        // Refused by the server (e.g. expired token): a REST call tells; a 401 ends the session.
        queryClient
          .fetchQuery({ ...meQueryOptions(), staleTime: 0 })
          .then(() => {
            refusedRetry = setTimeout(() => socket.connect(), RECONNECT_AFTER_REFUSAL_MS);
          })
          .catch(() => {
            refusedRetry = setTimeout(() => socket.connect(), RECONNECT_AFTER_REFUSAL_MS);
          });
      },
      'contact:offered': (payload) => {
        const parsed = ContactOfferedEvent.safeParse(payload);
        if (!parsed.success) return invalid('contact:offered', parsed.error.issues, inboxKeys.offers());
        offerReceived(queryClient, parsed.data);
        const { contact } = parsed.data;
        notifyOffer({
          offerId: parsed.data.offerId,
          title: `Nieuw contact: ${CHANNEL_LABELS[contact.channel]}`,
          body: [contact.subject, contact.from.name ?? contact.from.phone ?? contact.from.email]
            .filter(Boolean)
            .join(' · '),
        });
      },
      'offer:revoked': (payload) => {
        const parsed = OfferRevokedEvent.safeParse(payload);
        if (!parsed.success) return invalid('offer:revoked', parsed.error.issues, inboxKeys.offers());
        offerRemoved(queryClient, parsed.data.offerId);
      },
      'contact:updated': (payload) => {
        const parsed = ContactChangedEvent.safeParse(payload);
        if (!parsed.success) return invalid('contact:updated', parsed.error.issues, inboxKeys.contacts());
        const { contact } = parsed.data;
        const before = getCachedContact(queryClient, contact.id);
        contactUpdated(queryClient, contact);
        if (
          before &&
          (before.partijUuid !== contact.partijUuid || before.registrations !== contact.registrations)
        ) {
          void klantbeeldOutdated(queryClient, contact.id);
        }
      },
      'presence:changed': (payload) => {
        const parsed = PresenceChangedEvent.safeParse(payload);
        if (!parsed.success) return invalid('presence:changed', parsed.error.issues, presenceKeys.me());
        const previous = presenceChanged(queryClient, parsed.data);
        // Nawerk ended: the contact it belonged to is closed now.
        if (previous?.presence === 'nawerk' && parsed.data.presence !== 'nawerk') {
          void queryClient.invalidateQueries({ queryKey: inboxKeys.contacts() });
        }
      },
      'queue:waiting-changed': (payload) => {
        const parsed = QueueWaitingEvent.safeParse(payload);
        if (!parsed.success)
          return invalid('queue:waiting-changed', parsed.error.issues, presenceKeys.queueWaiting());
        queueWaitingChanged(queryClient, parsed.data.items);
      },
      'internetaken:changed': () => {
        void queryClient.invalidateQueries({ queryKey: interneTakenKeys.all });
        void klantbeeldOutdated(queryClient);
      },
      'contact:message-added': (payload) => {
        const parsed = ContactMessageAddedEvent.safeParse(payload);
        if (!parsed.success)
          return invalid('contact:message-added', parsed.error.issues, conversationKeys.all);
        const { contactId, message } = parsed.data;
        // The same id again is a new state of a known message (e-mail delivery): not a new message.
        const known = queryClient
          .getQueryData(messagesQueryOptions(contactId).queryKey)
          ?.some((m) => m.id === message.id);
        messageAdded(queryClient, contactId, message);
        if (message.direction === 'in' && !known)
          conversationActions.messageReceived(contactId, openContactId.current);
      },
      'chat:typing': (payload) => {
        const parsed = AgentChatTypingEvent.safeParse(payload);
        if (!parsed.success) return console.warn('Ignored invalid chat:typing payload', parsed.error.issues);
        conversationActions.residentTyping(parsed.data.contactId, parsed.data.typing);
      },
      'chat:ended': (payload) => {
        const parsed = AgentChatEndedEvent.safeParse(payload);
        if (!parsed.success) return invalid('chat:ended', parsed.error.issues, handoverKeys.all);
        conversationActions.chatEnded(parsed.data.contactId, parsed.data.by);
      },
      'call:ended': (payload) => {
        const parsed = CallEndedEvent.safeParse(payload);
        if (!parsed.success) return invalid('call:ended', parsed.error.issues, inboxKeys.contacts());
        conversationActions.callEnded(parsed.data.contactId);
      },
      'contact:transferred': (payload) => {
        const parsed = ContactTransferredEvent.safeParse(payload);
        if (!parsed.success) return invalid('contact:transferred', parsed.error.issues, inboxKeys.offers());
        handoverActions.contactTransferred(parsed.data);
        void contactContextOutdated(queryClient, parsed.data.contactId);
      },
      'consult:received': (payload) => {
        const parsed = ConsultReceivedEvent.safeParse(payload);
        if (!parsed.success)
          return console.warn('Ignored invalid consult:received payload', parsed.error.issues);
        handoverActions.consultReceived(parsed.data);
      },
      'consult:replied': (payload) => {
        const parsed = ConsultRepliedEvent.safeParse(payload);
        if (!parsed.success)
          return console.warn('Ignored invalid consult:replied payload', parsed.error.issues);
        handoverActions.consultReplied(parsed.data);
        void contactContextOutdated(queryClient, parsed.data.contactId);
      },
    };

    const entries = Object.entries(handlers) as [keyof AgentSocketEvents, (...args: never[]) => void][];
    for (const [event, handler] of entries) socket.on(event, handler as never);
    return () => {
      for (const [event, handler] of entries) socket.off(event, handler as never);
      clearTimeout(refusedRetry);
    };
  }, [socket, queryClient]);

  // Clicking the desktop notification focuses that offer's accept button.
  useEffect(
    () =>
      onDesktopEvent('kcc:notification:clicked', ({ offerId }) => {
        const card = document.querySelector<HTMLElement>(`[data-offer-id="${CSS.escape(offerId)}"] button`);
        card?.focus();
      }),
    [],
  );

  return null;
}
