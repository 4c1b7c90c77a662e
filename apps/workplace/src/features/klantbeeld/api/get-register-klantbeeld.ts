import { useQuery } from '@tanstack/react-query';
import { KlantbeeldDetailResponse, klantbeeldPaths, type KlantbeeldDoel } from '@kcc/contracts/klantbeeld';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldKeys } from './klantbeeld-keys';

/** Whose klantbeeld: a resident by BSN or an organisation by KvK-nummer. */
export type KlantbeeldTarget =
  { soort: 'persoon'; bsn: string } | { soort: 'organisatie'; kvkNummer: string };

/** The purpose of the read: a contact the agent holds, or a purpose code chosen from the list. */
export type KlantbeeldDoelkeuze = { contactId: string } | { doel: KlantbeeldDoel };

export function doelQueryString(doel: KlantbeeldDoelkeuze): string {
  return new URLSearchParams(
    'contactId' in doel ? { contactId: doel.contactId } : { doel: doel.doel },
  ).toString();
}

export function registerKlantbeeldPath(target: KlantbeeldTarget, doel: KlantbeeldDoelkeuze): string {
  const base =
    target.soort === 'persoon'
      ? klantbeeldPaths.persoon(target.bsn)
      : klantbeeldPaths.organisatie(target.kvkNummer);
  return `${base}?${doelQueryString(doel)}`;
}

export function getRegisterKlantbeeld(
  target: KlantbeeldTarget,
  doel: KlantbeeldDoelkeuze,
  signal?: AbortSignal,
): Promise<KlantbeeldDetailResponse> {
  return apiRequest('GET', registerKlantbeeldPath(target, doel), KlantbeeldDetailResponse, { signal });
}

/**
 * Every opening reads the registers again (and is logged with its purpose): nothing is kept in the cache after
 * the klantbeeld is closed, and a cached copy is never shown without a new, logged read.
 */
export function useRegisterKlantbeeld(target: KlantbeeldTarget, doel: KlantbeeldDoelkeuze) {
  const id = target.soort === 'persoon' ? target.bsn : target.kvkNummer;
  return useQuery({
    queryKey: klantbeeldKeys.registerView(target.soort, id, doelQueryString(doel)),
    queryFn: ({ signal }) => getRegisterKlantbeeld(target, doel, signal),
    staleTime: 0,
    gcTime: 0,
    // A refused purpose or a bad BSN does not get better by asking again.
    retry: false,
  });
}
