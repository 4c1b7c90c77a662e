import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  MoveContactPayload,
  SetAgentPresencePayload,
  SetAgentQueuesPayload,
  SetContactPriorityPayload,
} from '@kcc/contracts/dashboard';
import { useDashboardSocket } from '../hooks/dashboard-connection';
import { runDashboardCommand } from './dashboard-socket';
import { agentUpdated } from './get-snapshot';

/*
 * The team leader's actions go over the `/dashboard` socket (validated and logged with their reason on the
 * server). Acks with an agent show it at once; queue figures follow with the next delta.
 */

export function useSetAgentQueues() {
  const socket = useDashboardSocket();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: SetAgentQueuesPayload) => runDashboardCommand(socket, 'agent:set-queues', payload),
    onSuccess: (agent) => agentUpdated(queryClient, agent),
  });
}

export function useSetAgentPresence() {
  const socket = useDashboardSocket();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: SetAgentPresencePayload) =>
      runDashboardCommand(socket, 'agent:set-presence', payload),
    onSuccess: (agent) => agentUpdated(queryClient, agent),
  });
}

export function useMoveContact() {
  const socket = useDashboardSocket();
  return useMutation({
    mutationFn: (payload: MoveContactPayload) => runDashboardCommand(socket, 'contact:move', payload),
  });
}

export function useSetContactPriority() {
  const socket = useDashboardSocket();
  return useMutation({
    mutationFn: (payload: SetContactPriorityPayload) =>
      runDashboardCommand(socket, 'contact:set-priority', payload),
  });
}
