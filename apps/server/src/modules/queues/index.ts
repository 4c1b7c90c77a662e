/** The queues module's public entry: queue configuration and agent routing profiles. */
export { createQueuesRepository, type QueuesRepository, type StoredQueue } from './queues.repository';
