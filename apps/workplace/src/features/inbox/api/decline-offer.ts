import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CommandError, runCommand } from '../../../lib/socket';
import { useAgentSocket } from '../../../lib/socket-context';
import { FINAL_OFFER_ERRORS } from './accept-offer';
import { offerRemoved } from './get-offers';

/** `offer:decline`: the contact goes back in its place for someone else. */
export function useDeclineOffer() {
  const socket = useAgentSocket();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['inbox', 'decline-offer'],
    mutationFn: (offerId: string) => runCommand(socket, 'offer:decline', { offerId }),
    onSuccess: (_data, offerId) => offerRemoved(queryClient, offerId),
    onError: (error, offerId) => {
      if (error instanceof CommandError && FINAL_OFFER_ERRORS.includes(error.code))
        offerRemoved(queryClient, offerId);
    },
  });
}
