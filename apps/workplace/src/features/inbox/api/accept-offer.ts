import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CommandError, runCommand } from '../../../lib/socket';
import { useAgentSocket } from '../../../lib/socket-context';
import { useInboxActions } from '../stores/inbox-store';
import { contactUpdated } from './get-my-contacts';
import { offerRemoved } from './get-offers';

/** Errors after which the offer is gone for good (as opposed to a timeout, where it may still be valid). */
export const FINAL_OFFER_ERRORS = ['expired', 'taken', 'not_found', 'forbidden'];

/** `offer:accept`: the contact becomes mine and is opened in the workspace. */
export function useAcceptOffer() {
  const socket = useAgentSocket();
  const queryClient = useQueryClient();
  const { contactOpened } = useInboxActions();
  return useMutation({
    mutationKey: ['inbox', 'accept-offer'],
    mutationFn: async (offerId: string) => (await runCommand(socket, 'offer:accept', { offerId })).contact,
    onSuccess: (contact, offerId) => {
      offerRemoved(queryClient, offerId);
      contactUpdated(queryClient, contact);
      contactOpened(contact.id);
    },
    onError: (error, offerId) => {
      if (error instanceof CommandError && FINAL_OFFER_ERRORS.includes(error.code))
        offerRemoved(queryClient, offerId);
    },
  });
}
