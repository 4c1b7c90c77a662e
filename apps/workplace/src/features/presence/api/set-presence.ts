import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AgentSettablePresence } from '@kcc/contracts/domain';
import { runCommand } from '../../../lib/socket';
import { useAgentSocket } from '../../../lib/socket-context';
import { presenceRequestActions } from '../stores/presence-request-store';
import { presenceChanged } from './get-me';

/** `presence:set` over the agent socket; the ack carries the new state. */
export function useSetPresence() {
  const socket = useAgentSocket();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['presence', 'set'],
    mutationFn: (status: AgentSettablePresence) => runCommand(socket, 'presence:set', { status }),
    onMutate: (status) => presenceRequestActions.requested(status),
    onSuccess: (state) => {
      presenceChanged(queryClient, state);
    },
  });
}
