import { useEffect } from 'react';
import type { Contact } from '@kcc/contracts/domain';
import { SHORTCUTS } from '../../../config/shortcuts';
import { describeError } from '../../../lib/api-client';
import { useHotkey } from '../../../lib/use-hotkey';
import { useEndChat } from '../api/end-chat';
import { useMessages } from '../api/get-messages';
import { useChatEndedBy, useConversationActions } from '../stores/conversation-store';
import type { QuickReplyOption } from '../utils/slash-command';
import { Composer, type ComposerChannel } from './composer';
import { MessageList } from './message-list';
import { TypingIndicator } from './typing-indicator';

const CONVERSATION_CHANNELS: readonly string[] = ['chat', 'email', 'webformulier'];

/** Chat, e-mail and webformulier contacts have a written conversation; the others (telefoon, …) do not. */
export function hasConversation(contact: Pick<Contact, 'channel'>): contact is { channel: ComposerChannel } {
  return CONVERSATION_CHANNELS.includes(contact.channel);
}

interface ConversationPaneProps {
  contact: Contact;
  quickReplies: readonly QuickReplyOption[];
  /** Bearer token for attachment downloads. */
  token: string | undefined;
  /** Known from the contact's context after a reload (the push `chat:ended` may have come before). */
  chatEndedBefore?: boolean;
}

/** Transcript and reply of one chat / e-mail / webformulier contact. */
export function ConversationPane({ contact, quickReplies, token, chatEndedBefore }: ConversationPaneProps) {
  const messages = useMessages(contact.id);
  const endedBy = useChatEndedBy(contact.id);
  const { contactViewed } = useConversationActions();
  const endChat = useEndChat(contact.id);
  const channel = contact.channel as ComposerChannel;
  const isChat = channel === 'chat';
  const chatEnded = isChat && (endedBy !== undefined || chatEndedBefore === true);
  const residentName = contact.from.name ?? contact.from.email ?? 'Inwoner';
  const messageCount = messages.data?.length ?? 0;

  // Open = seen: also when a message arrives while it is open.
  useEffect(() => {
    contactViewed(contact.id);
  }, [contact.id, messageCount, contactViewed]);

  const canEndChat = isChat && !chatEnded && contact.status === 'assigned';
  useHotkey(SHORTCUTS.endChat, () => {
    if (!canEndChat || endChat.isPending) return false;
    endChat.mutate();
  });

  const disabledReason =
    contact.status === 'nawerk'
      ? 'Dit contact is in nawerk: u kunt geen berichten meer sturen.'
      : chatEnded
        ? 'De chat is beëindigd. U kunt geen berichten meer sturen.'
        : undefined;

  return (
    <section
      aria-labelledby={`conversation-title-${contact.id}`}
      data-testid="conversation"
      data-contact-id={contact.id}
      data-channel={contact.channel}
      data-chat-ended={chatEnded ? 'true' : undefined}
      className="panel flex min-h-0 flex-1 flex-col gap-2"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`conversation-title-${contact.id}`} className="panel-title mr-auto">
          {isChat ? 'Chat' : channel === 'email' ? 'E-mail' : 'Webformulier'}
          {contact.subject && !isChat ? `: ${contact.subject}` : ''}
        </h2>
        {canEndChat && (
          <button
            type="button"
            data-testid="end-chat"
            className="btn-secondary"
            title={`Chat beëindigen (${SHORTCUTS.endChat.label})`}
            aria-keyshortcuts="Alt+X"
            disabled={endChat.isPending}
            onClick={() => endChat.mutate()}
          >
            Chat beëindigen
          </button>
        )}
      </div>
      {!isChat && contact.from.email && (
        <p className="text-sm text-slate-700">
          Van:{' '}
          <span className="text-slate-900">
            {contact.from.name ? `${contact.from.name} <${contact.from.email}>` : contact.from.email}
          </span>
        </p>
      )}
      {endChat.isError && (
        <p role="alert" className="field-error">
          De chat kon niet worden beëindigd. {describeError(endChat.error)}
        </p>
      )}
      {messages.isPending ? (
        <p className="text-sm text-slate-700">Berichten laden…</p>
      ) : messages.isError ? (
        <div role="alert" className="space-y-1">
          <p className="field-error">De berichten konden niet laden. {describeError(messages.error)}</p>
          <button type="button" className="btn-secondary" onClick={() => void messages.refetch()}>
            Opnieuw proberen
          </button>
        </div>
      ) : (
        <MessageList
          messages={messages.data}
          residentName={residentName}
          isEmail={!isChat}
          token={token}
          {...(contact.status === 'assigned' || contact.status === 'nawerk'
            ? { retryContactId: contact.id }
            : {})}
        />
      )}
      {isChat && !chatEnded && <TypingIndicator contactId={contact.id} name={residentName} />}
      {chatEnded && (
        <p
          data-testid="chat-ended"
          role="status"
          className="rounded-md bg-amber-100 px-3 py-2 text-sm text-amber-950"
        >
          De chat is beëindigd{endedBy === 'inwoner' ? ' door de inwoner' : ''} — registreer het contact.
        </p>
      )}
      <Composer
        contactId={contact.id}
        channel={channel}
        quickReplies={quickReplies}
        {...(disabledReason !== undefined ? { disabledReason } : {})}
      />
    </section>
  );
}
