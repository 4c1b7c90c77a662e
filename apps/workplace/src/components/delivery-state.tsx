import type { DeliveryFailureReason, MessageView } from '@kcc/contracts/channels';
import { formatTime } from '../lib/format';

const REASONS: Record<DeliveryFailureReason, string> = {
  'no-relay': 'er is geen mailserver ingesteld',
  'relay-unreachable': 'de mailserver is niet bereikbaar',
  'temporarily-refused': 'de mailserver neemt het bericht nu niet aan',
  'recipient-refused': 'het e-mailadres van de inwoner wordt geweigerd',
  'sender-refused': 'ons afzenderadres wordt geweigerd',
  'message-refused': 'de mailserver weigert het bericht',
  unknown: 'onbekende fout',
};

export type DeliveryTone = 'busy' | 'ok' | 'problem';

/** The delivery state of an outgoing message in words, e.g. "Niet verstuurd: de mailserver is niet bereikbaar". */
export function describeDelivery(message: Pick<MessageView, 'delivery' | 'deliveryFailure'>): {
  label: string;
  tone: DeliveryTone;
  detail?: string;
} {
  const failure = message.deliveryFailure;
  switch (message.delivery) {
    case 'sent':
      return { label: 'Verstuurd', tone: 'ok' };
    case 'delivered':
      return { label: 'Afgeleverd', tone: 'ok' };
    case 'failed':
      return {
        label: `Niet verstuurd: ${failure ? REASONS[failure.reason] : REASONS.unknown}`,
        tone: 'problem',
        ...(failure?.detail !== undefined ? { detail: failure.detail } : {}),
      };
    default:
      if (!failure) return { label: 'Wordt verstuurd', tone: 'busy' };
      return {
        label:
          `Nog niet verstuurd: ${REASONS[failure.reason]}.` +
          (failure.nextAttemptAt ? ` Nieuwe poging om ${formatTime(failure.nextAttemptAt)}` : ''),
        tone: 'problem',
        ...(failure.detail !== undefined ? { detail: failure.detail } : {}),
      };
  }
}

/** Needs the medewerker: not sent and no automatic attempt under way right now. */
export function isUndelivered(message: Pick<MessageView, 'delivery' | 'deliveryFailure'>): boolean {
  return (
    message.delivery === 'failed' || (message.delivery === 'pending' && message.deliveryFailure !== undefined)
  );
}

/** The state badge of one outgoing message; the screen reader hears "Status:" before it. */
export function DeliveryState({ message }: { message: Pick<MessageView, 'delivery' | 'deliveryFailure'> }) {
  const { label, tone, detail } = describeDelivery(message);
  return (
    <span
      data-testid="delivery-state"
      title={detail}
      className={`rounded px-1.5 font-medium ${
        tone === 'problem'
          ? 'bg-red-100 text-red-900'
          : tone === 'ok'
            ? 'bg-green-100 text-green-900'
            : 'bg-slate-200 text-slate-900'
      }`}
    >
      <span className="sr-only">Status: </span>
      {label}
    </span>
  );
}
