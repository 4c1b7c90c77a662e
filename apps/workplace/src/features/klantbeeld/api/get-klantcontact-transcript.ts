import { useQuery } from '@tanstack/react-query';
import { channelPaths, KlantcontactTranscriptResponse } from '@kcc/contracts/channels';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldKeys } from './klantbeeld-keys';
import { doelQueryString, type KlantbeeldDoelkeuze } from './get-register-klantbeeld';

/** The messages of an earlier klantcontact, read with the same purpose as the klantbeeld it is shown in. */
export function useKlantcontactTranscript(uuid: string, doel: KlantbeeldDoelkeuze, enabled: boolean) {
  return useQuery({
    queryKey: [...klantbeeldKeys.all, 'transcript', uuid, doelQueryString(doel)],
    queryFn: ({ signal }) =>
      apiRequest(
        'GET',
        `${channelPaths.klantcontactTranscript(uuid)}?${doelQueryString(doel)}`,
        KlantcontactTranscriptResponse,
        { signal },
      ),
    enabled,
    retry: false,
  });
}
