import type { Role } from '@kcc/contracts/domain';
import { hashPassword } from './password';
import type { UsersRepository } from './users.repository';

export const DEMO_USERS: { id: string; username: string; name: string; roles: Role[] }[] = [
  { id: 'user-anna', username: 'anna', name: 'Anna de Vries', roles: ['medewerker'] },
  { id: 'user-bram', username: 'bram', name: 'Bram Jansen', roles: ['medewerker'] },
  { id: 'user-tess', username: 'tess', name: 'Tess Bakker', roles: ['teamleider'] },
  { id: 'user-bea', username: 'bea', name: 'Bea Visser', roles: ['beheerder'] },
  /** Kennisbank content only. */
  { id: 'user-rob', username: 'rob', name: 'Rob de Boer', roles: ['redacteur'] },
  /** Privacy officer: reads and exports the verwerkingenlog, never a klantbeeld. */
  { id: 'user-priya', username: 'priya', name: 'Priya Ramdin', roles: ['privacy'] },
];
export const DEMO_PASSWORD = 'demo';

/** Seed the demo accounts that do not exist yet (idempotent). */
export async function seedDemoUsers(users: UsersRepository): Promise<void> {
  for (const u of DEMO_USERS) {
    if (await users.findByUsername(u.username)) continue;
    // Another instance seeding at the same time may win: `create` then leaves its account.
    await users.create({ ...u, passwordHash: await hashPassword(DEMO_PASSWORD), demo: true });
  }
}
