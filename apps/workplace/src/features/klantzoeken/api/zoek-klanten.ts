import { useMutation } from '@tanstack/react-query';
import { klantbeeldPaths, OrganisatieZoekResponse, PersoonZoekResponse } from '@kcc/contracts/klantbeeld';
import { apiRequest } from '../../../lib/api-client';
import { toZoekResultaten, type ZoekResultaten } from '../utils/zoek-resultaat';
import type { ZoekSoort } from '../utils/zoek-form';

/**
 * One search in the BRP (personen) or the Handelsregister (organisaties). A mutation on purpose: every click on
 * "Zoeken" is one request, one read of personal data, logged by the server with its purpose.
 */
export async function zoekKlanten(soort: ZoekSoort, params: URLSearchParams): Promise<ZoekResultaten> {
  if (soort === 'persoon') {
    const path = `${klantbeeldPaths.personen}?${params.toString()}`;
    return toZoekResultaten('persoon', await apiRequest('GET', path, PersoonZoekResponse));
  }
  const path = `${klantbeeldPaths.organisaties}?${params.toString()}`;
  return toZoekResultaten('organisatie', await apiRequest('GET', path, OrganisatieZoekResponse));
}

export function useZoekKlanten() {
  return useMutation({
    mutationKey: ['klant-zoeken', 'zoek'],
    mutationFn: ({ soort, params }: { soort: ZoekSoort; params: URLSearchParams }) =>
      zoekKlanten(soort, params),
  });
}
