import type { StoreMigration } from '../../store/migration';

export const queuesMigrations: StoreMigration[] = [
  {
    id: 'queues/001_queues_and_agent_profiles',
    sqlite: `
      CREATE TABLE queues (
        id TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        default_for_channels TEXT NOT NULL DEFAULT '[]',
        sort INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE agent_profiles (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        skills TEXT NOT NULL,
        capacity TEXT NOT NULL,
        queue_ids TEXT NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE queues (
        id TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        default_for_channels TEXT NOT NULL DEFAULT '[]',
        sort INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE agent_profiles (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        skills TEXT NOT NULL,
        capacity TEXT NOT NULL,
        queue_ids TEXT NOT NULL
      );
    `,
  },
];
