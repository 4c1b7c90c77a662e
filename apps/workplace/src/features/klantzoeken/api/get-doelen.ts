import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { KlantbeeldDoel, klantbeeldPaths } from '@kcc/contracts/klantbeeld';
import { apiRequest } from '../../../lib/api-client';
import { klantZoekenKeys } from './klant-zoeken-keys';

/** `GET /api/klantbeeld/doelen` (not in the contracts yet: the server answers `{items: [{code, label}]}`). */
export const DoelenResponse = z.object({
  items: z.array(z.object({ code: KlantbeeldDoel, label: z.string() })),
});
export type DoelenResponse = z.infer<typeof DoelenResponse>;

export function getDoelen(signal?: AbortSignal): Promise<DoelenResponse> {
  return apiRequest('GET', klantbeeldPaths.doelen, DoelenResponse, { signal });
}

/** The purposes an agent may state to look someone up without an open contact. */
export function useDoelen(enabled = true) {
  return useQuery({
    queryKey: klantZoekenKeys.doelen(),
    queryFn: ({ signal }) => getDoelen(signal),
    staleTime: 60 * 60 * 1000,
    enabled,
  });
}
