export { createCluster, ClusterStartError, type Cluster } from './cluster';
export type { SharedState } from './shared-state';
export { memorySharedState } from './memory-shared-state';
export { redisSharedState } from './redis-shared-state';
export {
  createRoutingLease,
  localRoutingLease,
  postgresRoutingLease,
  routingLeaseMigrations,
  NotRoutingLeader,
  type RoutingLease,
  type LeaseHolder,
  type LeaseListener,
} from './routing-lease';
export {
  createLeaderCommands,
  LeaderUnavailable,
  LeaderCommandRejected,
  type LeaderCommands,
  type LeaderCommandsOptions,
} from './leader-commands';
export { localEventRelay, redisEventRelay, type EventRelay } from './event-relay';
