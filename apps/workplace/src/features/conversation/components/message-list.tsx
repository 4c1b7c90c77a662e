import { useEffect, useRef, useState } from 'react';
import type { AttachmentView, MessageView } from '@kcc/contracts/channels';
import { DeliveryState, isUndelivered } from '../../../components/delivery-state';
import { describeError } from '../../../lib/api-client';
import { formatDateTime, formatTime } from '../../../lib/format';
import { describeDownloadError, downloadAttachment } from '../api/download-attachment';
import { useRetryMessage } from '../api/retry-message';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

function AttachmentButton({ attachment, token }: { attachment: AttachmentView; token: string | undefined }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  return (
    <li>
      <button
        type="button"
        data-testid="message-attachment"
        className="btn-link text-sm"
        disabled={state.busy || !token}
        onClick={() => {
          if (!token) return;
          setState({ busy: true });
          downloadAttachment(attachment, token).then(
            () => setState({ busy: false }),
            (err: unknown) => setState({ busy: false, error: describeDownloadError(err) }),
          );
        }}
      >
        Download {attachment.filename}
      </button>{' '}
      <span className="text-xs text-slate-700">({formatSize(attachment.size)})</span>
      {state.error && (
        <span role="alert" className="field-error block">
          {state.error}
        </span>
      )}
    </li>
  );
}

/** "Opnieuw proberen" under an e-mail that did not go out (only while the medewerker holds the contact). */
function RetryDelivery({ contactId, message }: { contactId: string; message: MessageView }) {
  const retry = useRetryMessage(contactId);
  return (
    <p className="mt-1 flex flex-wrap items-center gap-2 text-xs">
      <button
        type="button"
        className="btn-secondary px-2 py-0.5 text-xs"
        data-testid="retry-delivery"
        disabled={retry.isPending}
        onClick={() => retry.mutate(message.id)}
      >
        {message.delivery === 'failed' ? 'Opnieuw proberen' : 'Nu opnieuw proberen'}
      </button>
      {retry.isError && (
        <span role="alert" className="field-error">
          Opnieuw proberen is niet gelukt. {describeError(retry.error)}
        </span>
      )}
    </p>
  );
}

interface MessageListProps {
  /** Set while the medewerker holds the contact: undelivered e-mails get "Opnieuw proberen". */
  retryContactId?: string;
  messages: readonly MessageView[];
  /** Name shown for incoming messages without a `from`. */
  residentName: string;
  isEmail: boolean;
  token: string | undefined;
}

/**
 * The transcript, oldest first. Every body is rendered as text (also the sanitised HTML of an e-mail is not
 * injected: the text part carries the content, and text cannot run anything).
 */
export function MessageList({ messages, residentName, isEmail, token, retryContactId }: MessageListProps) {
  const endRef = useRef<HTMLDivElement>(null);
  const count = messages.length;
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [count]);

  if (count === 0) return <p className="text-sm text-slate-700">Nog geen berichten.</p>;
  // The log role sits on a wrapper: on the <ol> itself it would hide the list semantics its <li>s need.
  return (
    <div
      role="log"
      aria-label="Berichten"
      aria-live="polite"
      tabIndex={0}
      data-testid="message-log"
      className="min-h-24 flex-1 overflow-y-auto"
    >
      <ol className="space-y-2">
        {messages.map((message) => {
          const incoming = message.direction === 'in';
          const sender = incoming ? (message.from ?? residentName) : (message.agentName ?? 'Medewerker');
          return (
            <li
              key={message.id}
              data-testid="message"
              data-message-id={message.id}
              data-direction={message.direction}
              data-delivery={message.delivery}
              className={`rounded-md border px-3 py-2 text-sm ${
                incoming ? 'mr-8 border-slate-300 bg-white' : 'ml-8 border-blue-200 bg-blue-50'
              }`}
            >
              <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-700">
                <span className="font-semibold text-slate-900">{sender}</span>
                <span className="sr-only">{incoming ? '(inwoner)' : '(medewerker)'}</span>
                <time dateTime={message.at} title={formatDateTime(message.at)}>
                  {isEmail ? formatDateTime(message.at) : formatTime(message.at)}
                </time>
                {message.delivery && <DeliveryState message={message} />}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{message.body}</p>
              {retryContactId !== undefined && isUndelivered(message) && (
                <RetryDelivery contactId={retryContactId} message={message} />
              )}
              {message.attachments && message.attachments.length > 0 && (
                <ul aria-label="Bijlagen" className="mt-2 space-y-1">
                  {message.attachments.map((attachment) => (
                    <AttachmentButton key={attachment.id} attachment={attachment} token={token} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <div ref={endRef} aria-hidden="true" />
    </div>
  );
}
