import { useEffect, useRef, useState } from 'react';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import { SHORTCUTS } from '../../../config/shortcuts';
import { describeCommandError } from '../../../lib/socket';
import { useHotkey } from '../../../lib/use-hotkey';
import { useAcceptOffer } from '../api/accept-offer';
import { useDeclineOffer } from '../api/decline-offer';
import { useOffers } from '../api/get-offers';
import { NotificationPermissionPrompt } from './notification-permission-prompt';
import { OfferCard } from './offer-card';
import { useResetOnReconnect } from '../../../lib/use-reset-on-reconnect';

export function OfferList() {
  const { data: offers = [], isError } = useOffers();
  const accept = useAcceptOffer();
  const decline = useDeclineOffer();
  useResetOnReconnect(accept);
  useResetOnReconnect(decline);
  const busyOfferId = accept.isPending ? accept.variables : decline.isPending ? decline.variables : undefined;
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);

  // Announce offers that were not there before (not the ones already present at load).
  useEffect(() => {
    const ids = new Set(offers.map((o) => o.offerId));
    if (seen.current) {
      const fresh = offers.filter((o) => !seen.current?.has(o.offerId));
      const first = fresh[0];
      if (first) {
        setAnnouncement(
          `Nieuw aanbod: ${CHANNEL_LABELS[first.contact.channel]}, ${first.contact.subject ?? 'geen onderwerp'}. ` +
            `Druk op ${SHORTCUTS.acceptOffer.label} om te accepteren.`,
        );
      }
    }
    seen.current = ids;
  }, [offers]);

  const first = offers[0];
  useHotkey(SHORTCUTS.acceptOffer, () => {
    if (!first || busyOfferId) return false;
    accept.mutate(first.offerId);
  });
  useHotkey(SHORTCUTS.declineOffer, () => {
    if (!first || busyOfferId) return false;
    decline.mutate(first.offerId);
  });

  const error = accept.isError ? accept.error : decline.isError ? decline.error : null;

  return (
    <section aria-labelledby="offers-title" className="space-y-2">
      <h2 id="offers-title" className="section-title">
        Aanbod <span className="count">{offers.length}</span>
      </h2>
      <div aria-live="polite" className="sr-only" data-testid="offer-announcer">
        {announcement}
      </div>
      <NotificationPermissionPrompt />
      {error !== null && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {describeCommandError(error)}
        </p>
      )}
      {isError && <p className="text-sm text-red-800">Het aanbod kon niet worden geladen.</p>}
      {offers.length === 0 ? (
        <p className="text-sm text-slate-700">Geen nieuw aanbod. Een nieuw contact verschijnt hier direct.</p>
      ) : (
        <ul className="space-y-2">
          {offers.map((offer, index) => (
            <li key={offer.offerId}>
              <OfferCard
                offer={offer}
                withShortcuts={index === 0}
                busy={busyOfferId === offer.offerId}
                onAccept={() => accept.mutate(offer.offerId)}
                onDecline={() => decline.mutate(offer.offerId)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
