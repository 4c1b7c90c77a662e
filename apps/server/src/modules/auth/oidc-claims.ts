import type { Role } from '@kcc/contracts/domain';
import type { OidcSettings } from './oidc-settings';

/** Longest employee identifier accepted (ids of agents are at most 100 characters in the contracts). */
export const MAX_EMPLOYEE_ID = 100;

export type EmployeeResult =
  | { ok: true; employeeId: string; name: string; roles: Role[] }
  /** `geen-rol`: none of the IdP roles is mapped; `geen-medewerker-id`: the employee claim is missing. */
  | { ok: false; reason: 'geen-rol' | 'geen-medewerker-id' };

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** IdP roles or groups: an array of strings, or one string (space-separated, as some providers send). */
export function idpRoles(claims: Record<string, unknown>, rolesClaim: string): string[] {
  const value = claimAt(claims, rolesClaim);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter((v) => v !== '');
  return [];
}

/** Deny by default: the workplace roles are only those the role map gives; none means no access. */
export function employeeFromClaims(
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'rolesClaim' | 'roleMap' | 'employeeClaim'>,
): EmployeeResult {
  const roles = new Set<Role>();
  for (const idpRole of idpRoles(claims, settings.rolesClaim)) {
    for (const role of settings.roleMap.get(idpRole) ?? []) roles.add(role);
  }
  if (roles.size === 0) return { ok: false, reason: 'geen-rol' };
  const rawId = claimAt(claims, settings.employeeClaim);
  const employeeId = typeof rawId === 'string' ? rawId.trim() : '';
  if (employeeId === '' || employeeId.length > MAX_EMPLOYEE_ID)
    return { ok: false, reason: 'geen-medewerker-id' };
  const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim() : employeeId;
  return { ok: true, employeeId, name: name.slice(0, 200), roles: [...roles] };
}
