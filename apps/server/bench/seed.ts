import { randomBytes, randomUUID } from 'node:crypto';
import type { Capacity } from '@kcc/routing';
import { hashPassword } from '../src/modules/auth/password';
import { SessionStore } from '../src/modules/auth/sessions';
import { TokenService } from '../src/modules/auth/tokens';
import { createUsersRepository } from '../src/modules/auth/users.repository';
import { createContactsRepository } from '../src/modules/contacts/contacts.repository';
import { embeddedKlantinteracties } from '../src/modules/klantinteracties-provider';
import { DEMO_QUEUES } from '../src/modules/queues/demo-queues';
import { createQueuesRepository } from '../src/modules/queues/queues.repository';
import { openDatabase } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { serverMigrations } from '../src/store/migrations';
import { openStore } from '../src/store/store';

export interface BenchAgent {
  id: string;
  username: string;
  token: string;
}

export interface AssignedContact {
  id: string;
  agent: BenchAgent;
}

export interface SeedOptions {
  agents: number;
  capacity: Capacity;
  /** Chat contacts already accepted by an agent (round robin), ready to be registered. */
  assignedContacts?: number;
}

export interface SeededStore {
  tokenSecret: string;
  agents: BenchAgent[];
  assigned: AssignedContact[];
}

/**
 * Prepare a data dir the way the server would find it after a working day: migrated schema, the demo queues,
 * `agents` medewerkers with a routing profile for every queue, optionally chat contacts assigned to them.
 * Tokens are signed with a secret the server is started with (KCC_TOKEN_SECRET), so no logins are needed.
 */
export async function seedBenchStore(dataDir: string, options: SeedOptions): Promise<SeededStore> {
  const tokenSecret = randomBytes(32).toString('hex');
  const tokens = new TokenService(tokenSecret, Date.now, 24 * 3600 * 1000);
  const db = openDatabase(dataDir);
  try {
    migrate(db, serverMigrations(embeddedKlantinteracties.migrations));
    const store = openStore({ sqlite: db });
    const users = createUsersRepository(store, { demoAccounts: true });
    const sessions = new SessionStore(store);
    const queues = createQueuesRepository(store);
    const contacts = createContactsRepository(store);
    // One scrypt hash for all bench users: nobody logs in with a password here.
    const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
    const agents: BenchAgent[] = [];
    const assigned: AssignedContact[] = [];
    const queueIds = DEMO_QUEUES.map((q) => q.config.id);
    for (const [i, q] of DEMO_QUEUES.entries()) await queues.upsert(q, i);
    for (let i = 0; i < options.agents; i++) {
      const username = `bench-agent-${String(i).padStart(3, '0')}`;
      const id = `user-${username}`;
      await users.create({
        id,
        username,
        name: `Bench medewerker ${i}`,
        passwordHash,
        roles: ['medewerker'],
      });
      await queues.upsertAgentProfile({
        id,
        skills: { belastingen: 2, algemeen: 3 },
        capacity: options.capacity,
        queueIds,
      });
      agents.push({ id, username, token: '' });
    }
    await store.unitOfWork(async () => {
      const now = Date.now();
      for (let i = 0; i < (options.assignedContacts ?? 0); i++) {
        const agent = agents[i % agents.length];
        if (!agent) throw new Error('assigned contacts need at least one agent');
        const { contact } = await contacts.insertIfNew({
          id: randomUUID(),
          channel: 'chat',
          externalId: `bench-registration-${i}`,
          queueId: 'chat',
          status: 'assigned',
          priority: 0,
          subject: `Vraag over afvalpas ${i}`,
          from: { name: `Inwoner ${i}`, email: `inwoner${i}@example.nl` },
          createdAt: now - 60_000,
        });
        await contacts.update(contact.id, { assignedAgentId: agent.id, acceptedAt: now - 30_000 }, now);
        await contacts.appendEvent({
          contactId: contact.id,
          type: 'assigned',
          at: now - 30_000,
          agentId: agent.id,
        });
        assigned.push({ id: contact.id, agent });
      }
    });
    // Each bench agent has a session of its own, as after a login.
    for (const agent of agents) {
      const { session } = await sessions.create(agent.id);
      agent.token = (await tokens.issue(agent.id, ['medewerker'], session.id)).token;
    }
    return { tokenSecret, agents, assigned };
  } finally {
    db.close();
  }
}

/**
 * What acknowledged writes survive in this bench run: `BENCH_DB_SYNCHRONOUS=normal` runs the server with
 * KCC_DB_SYNCHRONOUS=normal (kill -9 only); default `full` (a power cut too), the server's default.
 */
export function benchDbSynchronous(): 'full' | 'normal' {
  return process.env.BENCH_DB_SYNCHRONOUS === 'normal' ? 'normal' : 'full';
}

/** The KCC_* environment for a bench server on a seeded data dir (no demo data, quiet logs). */
export function benchServerEnv(
  dataDir: string,
  tokenSecret: string,
  integrationKey: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    KCC_DATA_DIR: dataDir,
    KCC_DEMO: '0',
    KCC_TOKEN_SECRET: tokenSecret,
    KCC_INTEGRATION_KEY: integrationKey,
    KCC_LOG_LEVEL: 'warn',
    KCC_WORKPLACE_DIR: `${dataDir}/no-workplace`,
    KCC_NO_DESKTOP: '1',
    // A free port for the inbound SMTP channel, so a running dev server on 2525 does not collide.
    KCC_SMTP_PORT: '0',
    KCC_DB_SYNCHRONOUS: benchDbSynchronous(),
    ...extra,
  };
}
