import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { CHAT_LIMITS } from '@kcc/contracts/channels';
import { describeError } from '../../../lib/api-client';
import { useSendMessage } from '../api/send-message';
import { useTypingSignal } from '../hooks/use-typing-signal';
import { useComposerText, useConversationActions } from '../stores/conversation-store';
import {
  applyQuickReply,
  filterQuickReplies,
  slashTokenAt,
  type QuickReplyOption,
  type SlashToken,
} from '../utils/slash-command';

export type ComposerChannel = 'chat' | 'email' | 'webformulier';

/** The server accepts up to 20 000 characters for an e-mail reply; a chat message is shorter. */
const EMAIL_MAX_CHARS = 20_000;

interface ComposerProps {
  contactId: string;
  channel: ComposerChannel;
  quickReplies: readonly QuickReplyOption[];
  /** Why nothing can be sent now (chat ended, contact in nawerk); the field is then read-only. */
  disabledReason?: string;
}

/**
 * Chat: Enter sends, Shift+Enter is a new line. E-mail: Enter is a new line, Ctrl+Enter sends. `/` opens the quick
 * replies (arrows + Enter or Tab to insert, Escape closes). Each contact keeps its own unsent text.
 */
export function Composer({ contactId, channel, quickReplies, disabledReason }: ComposerProps) {
  const id = useId();
  const text = useComposerText(contactId);
  const { composerEdited, messageSent } = useConversationActions();
  const send = useSendMessage(contactId);
  const typing = useTypingSignal(contactId, channel === 'chat');
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [token, setToken] = useState<SlashToken | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const isChat = channel === 'chat';
  const maxChars = isChat ? CHAT_LIMITS.messageMaxChars : EMAIL_MAX_CHARS;
  const label = isChat ? 'Bericht' : 'Antwoord';
  const disabled = disabledReason !== undefined;

  const options = token ? filterQuickReplies(quickReplies, token.query) : [];
  const listOpen = token !== null && options.length > 0 && !disabled;
  const activeOption = listOpen ? options[Math.min(active, options.length - 1)] : undefined;

  // A new contact: no open list, no stale error.
  const [shownContactId, setShownContactId] = useState(contactId);
  if (shownContactId !== contactId) {
    setShownContactId(contactId);
    setToken(null);
    setError(null);
  }

  const updateToken = (value: string, caret: number) => {
    const next = slashTokenAt(value, caret);
    setToken(next);
    if (next?.query !== token?.query) setActive(0);
  };

  const pick = (option: QuickReplyOption) => {
    if (!token) return;
    const result = applyQuickReply(text, token, option.body);
    composerEdited(contactId, result.text.slice(0, maxChars));
    setToken(null);
    requestAnimationFrame(() => {
      textareaRef.current?.focus();
      textareaRef.current?.setSelectionRange(result.caret, result.caret);
    });
  };

  const submit = () => {
    if (disabled || send.isPending) return;
    const body = text.trim();
    if (body === '') {
      setError('Typ eerst een bericht.');
      return;
    }
    if (body.length > maxChars) {
      setError(`Uw bericht is te lang: hooguit ${maxChars.toLocaleString('nl-NL')} tekens.`);
      return;
    }
    setError(null);
    typing.stop();
    send.mutate(body, {
      onSuccess: () => messageSent(contactId),
      onError: (err) => setError(describeError(err)),
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (listOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (Math.min(i, options.length - 1) + step + options.length) % options.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey && !event.ctrlKey) || event.key === 'Tab') {
        if (activeOption) {
          event.preventDefault();
          pick(activeOption);
        }
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setToken(null);
        return;
      }
    }
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const sends = isChat
      ? !event.shiftKey && !event.ctrlKey && !event.metaKey
      : event.ctrlKey || event.metaKey;
    if (sends) {
      event.preventDefault();
      submit();
    }
  };

  const listboxId = `${id}-quick-replies`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form
      data-testid="composer"
      className="shrink-0 space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <div className="relative">
        <textarea
          ref={textareaRef}
          id={`${id}-text`}
          value={text}
          rows={isChat ? 3 : 6}
          readOnly={disabled}
          aria-disabled={disabled || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(' ')}
          aria-autocomplete="list"
          aria-controls={listOpen ? listboxId : undefined}
          aria-activedescendant={activeOption ? `${listboxId}-${activeOption.id}` : undefined}
          className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm read-only:bg-slate-100"
          onChange={(event) => {
            const value = event.target.value;
            composerEdited(contactId, value);
            updateToken(value, event.target.selectionStart);
            if (value.trim() !== '') typing.input();
            else typing.stop();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => typing.stop()}
          onSelect={(event) => {
            const target = event.currentTarget;
            if (token) updateToken(target.value, target.selectionStart);
          }}
        />
        {listOpen && (
          <ul
            id={listboxId}
            role="listbox"
            aria-label="Snelle antwoorden"
            data-testid="quick-reply-listbox"
            className="absolute bottom-full left-0 z-10 mb-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-400 bg-white shadow-lg"
          >
            {options.map((option) => {
              const selected = option === activeOption;
              return (
                <li
                  key={option.id}
                  id={`${listboxId}-${option.id}`}
                  role="option"
                  aria-selected={selected}
                  data-testid="quick-reply-option"
                  data-code={option.code}
                  className={`cursor-pointer px-3 py-1.5 text-sm ${selected ? 'bg-blue-800 text-white' : 'text-slate-900'}`}
                  // mousedown, not click: the textarea must keep focus.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(option);
                  }}
                >
                  <span className="font-semibold">/{option.code}</span> · {option.title}
                  <span className={`block truncate ${selected ? 'text-blue-50' : 'text-slate-700'}`}>
                    {option.body}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <p id={hintId} className="text-xs text-slate-700">
        {disabledReason ??
          (isChat
            ? 'Enter verstuurt, Shift+Enter is een nieuwe regel. Typ / voor snelle antwoorden.'
            : 'Ctrl+Enter verstuurt. Typ / voor snelle antwoorden.')}
        {!disabled && text.length > maxChars * 0.9 && ` Nog ${Math.max(0, maxChars - text.length)} tekens.`}
      </p>
      <p className="sr-only" aria-live="polite">
        {listOpen ? `${options.length} snelle antwoorden. Kies met pijltjes en Enter.` : ''}
      </p>
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
      {!isChat && (
        <p data-testid="reply-template-note" className="text-xs text-slate-700">
          Aanhef, afsluiting en handtekening worden automatisch toegevoegd. Het oorspronkelijke bericht wordt
          eronder geciteerd.
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={disabled || send.isPending}>
        {send.isPending ? 'Versturen…' : 'Versturen'}
      </button>
    </form>
  );
}
