import { useEffect, useRef } from 'react';
import type { OfferView } from '@kcc/contracts/rest';
import { isDesktop } from '../../../lib/ipc';
import { getOfferSound } from '../stores/offer-alert-store';
import { BASE_TITLE, offerNotice, titleFor } from '../utils/offer-notice';
import { playOfferSound, unlockOfferSoundOnGesture } from '../utils/offer-sound';

const NOTICE_TAG = 'kcc-aanbod';

function focusFirstOffer(): void {
  window.focus();
  document.querySelector<HTMLElement>('[data-offer-id] button')?.focus();
}

/** The browser's own notification, only while the workplace is not in front (the desktop shell has its own). */
function showBrowserNotification(offers: readonly OfferView[]): Notification | null {
  if (isDesktop() || typeof Notification === 'undefined' || Notification.permission !== 'granted')
    return null;
  if (document.visibilityState === 'visible' && document.hasFocus()) return null;
  const { title, body } = offerNotice(offers);
  try {
    // Same tag: a later offer replaces the notice instead of stacking a second one. Our own chime rings.
    const notification = new Notification(title, { body, tag: NOTICE_TAG, silent: true });
    notification.onclick = () => {
      focusFirstOffer();
      notification.close();
    };
    return notification;
  } catch {
    return null;
  }
}

/**
 * Makes new offers noticeable outside the inbox: the window title counts them, a short sound rings and a
 * browser notification shows. Offers that arrive while others still wait share that one notice: the sound
 * rings once per batch and the notification is updated, not repeated.
 */
export function useOfferAlert(offers: readonly OfferView[] | undefined): void {
  const seen = useRef<ReadonlySet<string> | null>(null);
  const notification = useRef<Notification | null>(null);

  useEffect(() => unlockOfferSoundOnGesture(), []);
  useEffect(
    () => () => {
      document.title = BASE_TITLE;
      notification.current?.close();
    },
    [],
  );

  useEffect(() => {
    if (!offers) return;
    document.title = titleFor(offers.length);
    const previous = seen.current;
    seen.current = new Set(offers.map((o) => o.offerId));
    if (offers.length === 0) {
      notification.current?.close();
      notification.current = null;
      return;
    }
    const fresh = offers.filter((o) => !previous?.has(o.offerId));
    if (fresh.length === 0) return;
    const batchOpen = previous !== null && previous.size > 0;
    if (!batchOpen) playOfferSound(getOfferSound());
    notification.current?.close();
    notification.current = showBrowserNotification(offers);
  }, [offers]);
}
