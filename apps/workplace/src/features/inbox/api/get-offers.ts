import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { ContactOfferedEvent } from '@kcc/contracts/realtime';
import { apiPaths, MyOffersResponse, type OfferView } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { inboxKeys } from './inbox-keys';

/** Pending offers, for a (re)load; after that they arrive as `contact:offered` pushes. */
export async function getOffers(signal?: AbortSignal): Promise<OfferView[]> {
  return (await apiRequest('GET', apiPaths.myOffers, MyOffersResponse, { signal })).items;
}

export const offersQueryOptions = () =>
  queryOptions({ queryKey: inboxKeys.offers(), queryFn: ({ signal }) => getOffers(signal) });

export function useOffers() {
  return useQuery(offersQueryOptions());
}

function byExpiry(a: OfferView, b: OfferView): number {
  return Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
}

/** `contact:offered`: written straight into the cache, so the card renders without a round trip. */
export function offerReceived(queryClient: QueryClient, event: ContactOfferedEvent): void {
  const offer: OfferView = { offerId: event.offerId, contact: event.contact, expiresAt: event.expiresAt };
  queryClient.setQueryData(offersQueryOptions().queryKey, (offers = []) =>
    [...offers.filter((o) => o.offerId !== offer.offerId), offer].sort(byExpiry),
  );
}

/** Revoked, accepted, declined or expired: the card goes. */
export function offerRemoved(queryClient: QueryClient, offerId: string): void {
  queryClient.setQueryData(offersQueryOptions().queryKey, (offers) =>
    offers?.filter((o) => o.offerId !== offerId),
  );
}
