import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { DashboardSnapshot, type AgentLive, type DashboardDelta } from '@kcc/contracts/dashboard';
import { apiRequest } from '../../../lib/api-client';
import { applyDelta, type DeltaResult } from '../utils/apply-delta';
import { dashboardKeys } from './dashboard-keys';

export const dashboardPaths = {
  snapshot: '/api/dashboard/snapshot',
} as const;

export async function getSnapshot(signal?: AbortSignal): Promise<DashboardSnapshot> {
  return apiRequest('GET', dashboardPaths.snapshot, DashboardSnapshot, { signal });
}

export const snapshotQueryOptions = (queryClient: QueryClient) =>
  queryOptions({
    queryKey: dashboardKeys.snapshot(),
    queryFn: async ({ signal }) => {
      const fetched = await getSnapshot(signal);
      // The socket's snapshot may have arrived while this request was under way: keep the newer one.
      const cached = queryClient.getQueryData<DashboardSnapshot>(dashboardKeys.snapshot());
      return cached && cached.day === fetched.day && cached.seq > fetched.seq ? cached : fetched;
    },
    // Pushed over the socket; never refetched on a timer or on focus.
    staleTime: Infinity,
  });

export function useDashboardSnapshot() {
  const queryClient = useQueryClient();
  return useQuery(snapshotQueryOptions(queryClient));
}

/** `dashboard:snapshot` (every connect) and the `dashboard:resync` ack replace the cached view. */
export function snapshotReceived(queryClient: QueryClient, snapshot: DashboardSnapshot): void {
  queryClient.setQueryData(dashboardKeys.snapshot(), snapshot);
}

/** `dashboard:delta`: patched into the cached view; a gap is reported so the caller can resync. */
export function deltaReceived(
  queryClient: QueryClient,
  delta: DashboardDelta,
): DeltaResult['kind'] | 'no-snapshot' {
  const current = queryClient.getQueryData<DashboardSnapshot>(dashboardKeys.snapshot());
  if (!current) return 'no-snapshot';
  const result = applyDelta(current, delta);
  if (result.kind === 'applied') queryClient.setQueryData(dashboardKeys.snapshot(), result.snapshot);
  return result.kind;
}

/** An action's ack carries the agent's new state: show it at once (the delta that follows agrees). */
export function agentUpdated(queryClient: QueryClient, agent: AgentLive): void {
  queryClient.setQueryData<DashboardSnapshot>(dashboardKeys.snapshot(), (current) =>
    current ? { ...current, agents: current.agents.map((a) => (a.id === agent.id ? agent : a)) } : current,
  );
}
