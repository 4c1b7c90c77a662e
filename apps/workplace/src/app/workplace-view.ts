import type { Role } from '@kcc/contracts/domain';

export type WorkplaceView = 'agent' | 'teamleider' | 'kennisbank' | 'privacy' | 'none';

/**
 * Which shell a user gets. Only medewerkers have the agent socket (the server refuses others on `/agent`);
 * a teamleider gets the dashboard shell (live view over `/dashboard`, reports, kennisbank); beheerder and
 * redacteur get the kennisbank (search, beheer, kanaalsturing) without it.
 */
export function workplaceViewFor(roles: readonly Role[]): WorkplaceView {
  if (roles.includes('medewerker')) return 'agent';
  if (roles.includes('teamleider')) return 'teamleider';
  if (roles.some((r) => r === 'teamleider' || r === 'beheerder' || r === 'redacteur')) return 'kennisbank';
  if (roles.includes('privacy')) return 'privacy';
  return 'none';
}
