import type { Role } from '@kcc/contracts/domain';

export type WorkplaceView = 'agent' | 'kennisbank' | 'none';

/**
 * Which shell a user gets. Only medewerkers have the agent socket (the server refuses others on `/agent`);
 * teamleider, beheerder and redacteur get the kennisbank (search, beheer, kanaalsturing) without it.
 */
export function workplaceViewFor(roles: readonly Role[]): WorkplaceView {
  if (roles.includes('medewerker')) return 'agent';
  if (roles.some((r) => r === 'teamleider' || r === 'beheerder' || r === 'redacteur')) return 'kennisbank';
  return 'none';
}
