import type { AgentConfig, ChannelName, QueueConfig } from '@kcc/routing';
import type { Db } from '../../store/db';

export interface StoredQueue {
  config: QueueConfig;
  /** Inbound contacts of these channels without an explicit queue land here. */
  defaultForChannels: ChannelName[];
}

/** Port for queue configuration and agent routing profiles. */
export interface QueuesRepository {
  list(): StoredQueue[];
  upsert(queue: StoredQueue, sort?: number): void;
  agentProfiles(): AgentConfig[];
  agentProfile(userId: string): AgentConfig | undefined;
  upsertAgentProfile(profile: AgentConfig): void;
}

export function createSqliteQueuesRepository(db: Db): QueuesRepository {
  const list = db.prepare<[], { config: string; default_for_channels: string }>(
    'SELECT config, default_for_channels FROM queues ORDER BY sort, id',
  );
  const upsert = db.prepare(
    `INSERT INTO queues (id, config, default_for_channels, sort) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET config = excluded.config, default_for_channels = excluded.default_for_channels, sort = excluded.sort`,
  );
  type ProfileRow = { user_id: string; skills: string; capacity: string; queue_ids: string };
  const profiles = db.prepare<[], ProfileRow>('SELECT * FROM agent_profiles ORDER BY user_id');
  const profile = db.prepare<[string], ProfileRow>('SELECT * FROM agent_profiles WHERE user_id = ?');
  const upsertProfile = db.prepare(
    `INSERT INTO agent_profiles (user_id, skills, capacity, queue_ids) VALUES (?, ?, ?, ?)
     ON CONFLICT(user_id) DO UPDATE SET skills = excluded.skills, capacity = excluded.capacity, queue_ids = excluded.queue_ids`,
  );
  const toProfile = (r: ProfileRow): AgentConfig => ({
    id: r.user_id,
    skills: JSON.parse(r.skills) as AgentConfig['skills'],
    capacity: JSON.parse(r.capacity) as AgentConfig['capacity'],
    queueIds: JSON.parse(r.queue_ids) as string[],
  });
  return {
    list: () =>
      list.all().map((r) => ({
        config: JSON.parse(r.config) as QueueConfig,
        defaultForChannels: JSON.parse(r.default_for_channels) as ChannelName[],
      })),
    upsert: (q, sort = 0) => {
      upsert.run(q.config.id, JSON.stringify(q.config), JSON.stringify(q.defaultForChannels), sort);
    },
    agentProfiles: () => profiles.all().map(toProfile),
    agentProfile: (userId) => {
      const row = profile.get(userId);
      return row ? toProfile(row) : undefined;
    },
    upsertAgentProfile: (p) => {
      upsertProfile.run(
        p.id,
        JSON.stringify(p.skills),
        JSON.stringify(p.capacity),
        JSON.stringify(p.queueIds ?? []),
      );
    },
  };
}
