import { useId } from 'react';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import type { OfferView } from '@kcc/contracts/rest';
import { ChannelBadge } from '../../../components/channel-icon';
import { SHORTCUTS } from '../../../config/shortcuts';
import { formatDuration, secondsSince, secondsUntil } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';

interface OfferCardProps {
  offer: OfferView;
  /** The first (most urgent) offer answers to Alt+A / Alt+W. */
  withShortcuts: boolean;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

export function OfferCard({ offer, withShortcuts, busy, onAccept, onDecline }: OfferCardProps) {
  const id = useId();
  const now = useNow();
  const { contact } = offer;
  const remaining = secondsUntil(offer.expiresAt, now);
  const from = [contact.from.name, contact.from.phone, contact.from.email].filter(Boolean).join(' · ');
  const urgent = remaining <= 5;

  return (
    <article
      data-testid="offer-card"
      data-offer-id={offer.offerId}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-meta`}
      className="rounded-lg border-2 border-blue-700 bg-white p-3 shadow-sm"
    >
      <div className="flex items-center justify-between gap-2">
        <ChannelBadge channel={contact.channel} />
        <span
          data-testid="offer-countdown"
          className={`text-sm font-semibold tabular-nums ${urgent ? 'text-red-700' : 'text-slate-700'}`}
          aria-label={`Nog ${remaining} seconden om te reageren`}
        >
          Nog {remaining} s
        </span>
      </div>
      <h3 id={`${id}-title`} className="mt-2 font-semibold text-slate-900">
        <span className="sr-only">{CHANNEL_LABELS[contact.channel]}: </span>
        {contact.subject ?? 'Geen onderwerp'}
      </h3>
      <p id={`${id}-meta`} className="mt-0.5 text-sm text-slate-700">
        {from || 'Onbekende afzender'}
        <span className="block">
          Wacht al{' '}
          <span className="tabular-nums">{formatDuration(secondsSince(contact.createdAt, now))}</span>
        </span>
      </p>
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          className="btn-primary flex-1"
          disabled={busy}
          onClick={onAccept}
          title={withShortcuts ? `Accepteren (${SHORTCUTS.acceptOffer.label})` : 'Accepteren'}
          aria-keyshortcuts={withShortcuts ? 'Alt+A' : undefined}
        >
          Accepteren
        </button>
        <button
          type="button"
          className="btn-secondary flex-1"
          disabled={busy}
          onClick={onDecline}
          title={withShortcuts ? `Weigeren (${SHORTCUTS.declineOffer.label})` : 'Weigeren'}
          aria-keyshortcuts={withShortcuts ? 'Alt+W' : undefined}
        >
          Weigeren
        </button>
      </div>
    </article>
  );
}
