import { ROLES, type Role } from '@kcc/contracts/domain';

/** Login through the municipality's identity provider (OpenID Connect); see the auth README. */
export interface OidcSettings {
  /** The issuer URL; its `/.well-known/openid-configuration` is read at start. */
  issuer: string;
  clientId: string;
  /** Undefined: a public client (PKCE only, no client authentication). */
  clientSecret: string | undefined;
  /** Claim holding the IdP roles or groups; a dotted path reaches nested claims (`realm_access.roles`). */
  rolesClaim: string;
  /** IdP role or group → workplace roles. Nothing mapped, no access. */
  roleMap: ReadonlyMap<string, readonly Role[]>;
  /** Claim holding the employee identifier (verwerkingenlog, Klantinteracties actor, Open Zaak `user_id`). */
  employeeClaim: string;
}

export interface AuthSettings {
  oidc: OidcSettings | undefined;
  /** Username + password login: always without OIDC; with OIDC only in demo mode or with KCC_LOCAL_LOGIN=1. */
  localLogin: boolean;
}

const CLAIM = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/**
 * `KCC_OIDC_ROLE_MAP`: comma-separated `idp-role=kcc-role` pairs; one IdP role may give several roles
 * (`kcc-leads=teamleider,kcc-leads=medewerker`).
 */
export function parseRoleMap(raw: string): { map: Map<string, Role[]> } | { problem: string } {
  const map = new Map<string, Role[]>();
  for (const part of raw.split(',')) {
    const pair = part.trim();
    if (pair === '') continue;
    const eq = pair.lastIndexOf('=');
    const idpRole = eq > 0 ? pair.slice(0, eq).trim() : '';
    const role = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (idpRole === '' || role === '')
      return { problem: `KCC_OIDC_ROLE_MAP: "${pair}" is geen paar idp-rol=werkplekrol` };
    if (!(ROLES as readonly string[]).includes(role))
      return {
        problem: `KCC_OIDC_ROLE_MAP: onbekende werkplekrol "${role}" (kies uit ${ROLES.join(', ')})`,
      };
    const roles = map.get(idpRole) ?? [];
    if (!roles.includes(role as Role)) roles.push(role as Role);
    map.set(idpRole, roles);
  }
  if (map.size === 0) return { problem: 'KCC_OIDC_ROLE_MAP: geen enkele rol gekoppeld' };
  return { map };
}

/** http only for a provider on this machine (tests, a local Keycloak); anything else needs https. */
function issuerProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'KCC_OIDC_ISSUER: geen geldige URL';
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return undefined;
  return 'KCC_OIDC_ISSUER: moet https gebruiken (http alleen voor localhost of 127.0.0.1)';
}

export function authSettingsFromEnv(
  env: Record<string, string | undefined>,
  demo: boolean,
): { ok: true; settings: AuthSettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const issuer = env.KCC_OIDC_ISSUER?.trim();
  const clientId = env.KCC_OIDC_CLIENT_ID?.trim();
  const localLoginFlag = env.KCC_LOCAL_LOGIN?.trim();
  const localLogin = localLoginFlag === undefined ? undefined : !['', '0', 'false'].includes(localLoginFlag);
  const oidcVars = Object.keys(env).filter((k) => k.startsWith('KCC_OIDC_') && env[k] !== undefined);

  if (!issuer && !clientId) {
    if (oidcVars.length > 0)
      problems.push(`${oidcVars.join(', ')} zonder KCC_OIDC_ISSUER en KCC_OIDC_CLIENT_ID`);
    return problems.length > 0
      ? { ok: false, problems }
      : { ok: true, settings: { oidc: undefined, localLogin: true } };
  }
  if (!issuer) problems.push('KCC_OIDC_ISSUER ontbreekt (KCC_OIDC_CLIENT_ID is wel ingesteld)');
  if (!clientId) problems.push('KCC_OIDC_CLIENT_ID ontbreekt (KCC_OIDC_ISSUER is wel ingesteld)');
  const issuerBad = issuer ? issuerProblem(issuer) : undefined;
  if (issuerBad) problems.push(issuerBad);
  const secret = env.KCC_OIDC_CLIENT_SECRET;
  if (secret !== undefined && secret.length < 8)
    problems.push('KCC_OIDC_CLIENT_SECRET: moet minstens 8 tekens hebben');
  const rolesClaim = env.KCC_OIDC_ROLES_CLAIM?.trim() || 'roles';
  const employeeClaim = env.KCC_OIDC_EMPLOYEE_CLAIM?.trim() || 'email';
  for (const [name, value] of [
    ['KCC_OIDC_ROLES_CLAIM', rolesClaim],
    ['KCC_OIDC_EMPLOYEE_CLAIM', employeeClaim],
  ] as const) {
    if (!CLAIM.test(value)) problems.push(`${name}: "${value}" is geen claimnaam`);
  }
  const roleMap = env.KCC_OIDC_ROLE_MAP === undefined ? undefined : parseRoleMap(env.KCC_OIDC_ROLE_MAP);
  if (roleMap === undefined)
    problems.push('KCC_OIDC_ROLE_MAP ontbreekt: zonder gekoppelde rol komt niemand binnen');
  else if ('problem' in roleMap) problems.push(roleMap.problem);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      oidc: {
        issuer: issuer!,
        clientId: clientId!,
        clientSecret: secret,
        rolesClaim,
        roleMap: (roleMap as { map: Map<string, Role[]> }).map,
        employeeClaim,
      },
      localLogin: localLogin ?? demo,
    },
  };
}
