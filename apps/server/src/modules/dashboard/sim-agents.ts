import { DEFAULT_CAPACITY } from '@kcc/routing';
import { hashPassword, type UsersRepository } from '../auth';
import type { QueuesRepository } from '../queues';

export const SIM_AGENT_PASSWORD = 'demo';
export const MAX_SIM_AGENTS = 1000;

/** `sim001`, `sim002`, … */
export const simUsername = (i: number) => `sim${String(i).padStart(3, '0')}`;

/**
 * Demo seeding for `npm run simulate` and the benchmark (`KCC_SIM_AGENTS=n` with KCC_DEMO): n medewerkers
 * `sim001`… (password `demo`) who serve every queue. Idempotent; one password hash is shared (demo accounts).
 */
export async function seedSimAgents(
  users: UsersRepository,
  queues: QueuesRepository,
  n: number,
): Promise<void> {
  const count = Math.min(Math.max(0, Math.floor(n)), MAX_SIM_AGENTS);
  if (count === 0) return;
  const queueIds = (await queues.list()).map((q) => q.config.id);
  let hash: string | undefined;
  for (let i = 1; i <= count; i++) {
    const username = simUsername(i);
    const id = `user-${username}`;
    if (!(await users.findByUsername(username))) {
      hash ??= await hashPassword(SIM_AGENT_PASSWORD);
      await users.create({
        id,
        username,
        name: `Simulatie ${i}`,
        passwordHash: hash,
        roles: ['medewerker'],
        demo: true,
      });
    }
    if (!(await queues.agentProfile(id))) {
      await queues.upsertAgentProfile({
        id,
        skills: { algemeen: 3, belastingen: 2 },
        capacity: { ...DEFAULT_CAPACITY },
        queueIds,
      });
    }
  }
}
