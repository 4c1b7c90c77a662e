export { createCluster, ClusterStartError, type Cluster } from './cluster';
export type { SharedState } from './shared-state';
export { memorySharedState } from './memory-shared-state';
export { redisSharedState } from './redis-shared-state';
