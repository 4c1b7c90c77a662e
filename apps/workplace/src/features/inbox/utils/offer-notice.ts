import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import type { OfferView } from '@kcc/contracts/rest';

export const BASE_TITLE = 'KCC Werkplek';

/** The window title while offers wait: the count first, so it shows in a narrow tab or taskbar. */
export function titleFor(offerCount: number): string {
  if (offerCount === 0) return BASE_TITLE;
  return `(${offerCount}) ${offerCount === 1 ? 'Nieuw contact' : 'Nieuwe contacten'} · ${BASE_TITLE}`;
}

function describe(offer: OfferView): string {
  const { contact } = offer;
  const who = contact.from.name ?? contact.from.phone ?? contact.from.email;
  return [`${CHANNEL_LABELS[contact.channel]}: ${contact.subject ?? 'geen onderwerp'}`, who]
    .filter(Boolean)
    .join(' · ');
}

/** One notice for all waiting offers: offers that arrive together share it instead of each ringing. */
export function offerNotice(offers: readonly OfferView[]): { title: string; body: string } {
  const [first] = offers;
  if (!first) return { title: BASE_TITLE, body: '' };
  if (offers.length === 1)
    return { title: `Nieuw contact: ${CHANNEL_LABELS[first.contact.channel]}`, body: describe(first) };
  return { title: `${offers.length} nieuwe contacten`, body: offers.map(describe).join('\n') };
}
