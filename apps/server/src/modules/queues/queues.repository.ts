import type { AgentConfig, ChannelName, QueueConfig } from '@kcc/routing';
import type { Store } from '../../store/store';

export interface StoredQueue {
  config: QueueConfig;
  /** Inbound contacts of these channels without an explicit queue land here. */
  defaultForChannels: ChannelName[];
}

/** Port for queue configuration and agent routing profiles (routing loads them at start). */
export interface QueuesRepository {
  list(): Promise<StoredQueue[]>;
  upsert(queue: StoredQueue, sort?: number): Promise<void>;
  agentProfiles(): Promise<AgentConfig[]>;
  agentProfile(userId: string): Promise<AgentConfig | undefined>;
  upsertAgentProfile(profile: AgentConfig): Promise<void>;
}

/** JSON columns: the queue's config, its default channels, an agent's skills, capacity and queues. */
export interface QueuesTables {
  queues: { id: string; config: string; default_for_channels: string; sort: number };
  agent_profiles: { user_id: string; skills: string; capacity: string; queue_ids: string };
}
type ProfileRow = QueuesTables['agent_profiles'];

const toProfile = (r: ProfileRow): AgentConfig => ({
  id: r.user_id,
  skills: JSON.parse(r.skills) as AgentConfig['skills'],
  capacity: JSON.parse(r.capacity) as AgentConfig['capacity'],
  queueIds: JSON.parse(r.queue_ids) as string[],
});

export function createQueuesRepository(store: Store): QueuesRepository {
  const db = store.kysely<QueuesTables>();
  return {
    async list() {
      const rows = await db
        .selectFrom('queues')
        .select(['config', 'default_for_channels'])
        .orderBy('sort')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        config: JSON.parse(r.config) as QueueConfig,
        defaultForChannels: JSON.parse(r.default_for_channels) as ChannelName[],
      }));
    },
    async upsert(q, sort = 0) {
      const row = {
        id: q.config.id,
        config: JSON.stringify(q.config),
        default_for_channels: JSON.stringify(q.defaultForChannels),
        sort,
      };
      await db
        .insertInto('queues')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            config: row.config,
            default_for_channels: row.default_for_channels,
            sort: row.sort,
          }),
        )
        .execute();
    },
    async agentProfiles() {
      return (await db.selectFrom('agent_profiles').selectAll().orderBy('user_id').execute()).map(toProfile);
    },
    async agentProfile(userId) {
      const row = await db
        .selectFrom('agent_profiles')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toProfile(row) : undefined;
    },
    async upsertAgentProfile(p) {
      const row = {
        user_id: p.id,
        skills: JSON.stringify(p.skills),
        capacity: JSON.stringify(p.capacity),
        queue_ids: JSON.stringify(p.queueIds ?? []),
      };
      await db
        .insertInto('agent_profiles')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('user_id')
            .doUpdateSet({ skills: row.skills, capacity: row.capacity, queue_ids: row.queue_ids }),
        )
        .execute();
    },
  };
}
