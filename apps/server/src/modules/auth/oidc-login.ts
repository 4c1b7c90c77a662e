import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { User } from '@kcc/contracts/domain';
import type { OidcLoginFailure } from '@kcc/contracts/rest';
import { employeeFromClaims } from './oidc-claims';
import { OidcUnavailableError, type OidcClient } from './oidc-client';
import type { OidcFlowStore } from './oidc-flows';
import type { OidcSettings } from './oidc-settings';
import type { UsersRepository } from './users.repository';

export type OidcLoginResult =
  { ok: true; user: User; idToken: string } | { ok: false; reason: OidcLoginFailure };

interface Log {
  warn(data: object, msg: string): void;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * The authorization code flow with PKCE, for the browser workplace (the server keeps the verifier and binds the
 * login to the browser with a cookie) and for the desktop shell (the shell keeps the verifier, RFC 8252). Deny by
 * default: a login whose roles map to nothing gets no account and no session.
 */
export class OidcLogin {
  constructor(
    private readonly deps: {
      client: OidcClient;
      flows: OidcFlowStore;
      users: UsersRepository;
      settings: OidcSettings;
      log: Log;
      /** After a successful login (before the session): make a medewerker an agent, and so on. */
      onLogin?: (user: User) => void | Promise<void>;
    },
  ) {}

  /** The authorization URL for a browser login; `binding` is the cookie value the callback must bring back. */
  async startBrowser(redirectUri: string, binding: string): Promise<string> {
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = s256(codeVerifier);
    const nonce = client.randomNonce();
    const state = await this.deps.flows.start({
      kind: 'browser',
      nonce,
      codeVerifier,
      codeChallenge,
      redirectUri,
      binding,
    });
    return this.deps.client.authorizationUrl({ redirectUri, state, nonce, codeChallenge });
  }

  /** The authorization URL for a desktop login: the shell's loopback redirect and its own PKCE challenge. */
  async startDesktop(redirectUri: string, codeChallenge: string): Promise<string> {
    const nonce = client.randomNonce();
    const state = await this.deps.flows.start({
      kind: 'desktop',
      nonce,
      codeVerifier: undefined,
      codeChallenge,
      redirectUri,
    });
    return this.deps.client.authorizationUrl({ redirectUri, state, nonce, codeChallenge });
  }

  /** Finish a login from the provider's authorization response (`query`). */
  async finish(
    query: URLSearchParams,
    proof: { kind: 'browser'; binding: string | undefined } | { kind: 'desktop'; codeVerifier: string },
  ): Promise<OidcLoginResult> {
    const state = query.get('state');
    const flow = state ? await this.deps.flows.take(state) : undefined;
    if (!state || !flow || flow.kind !== proof.kind)
      return this.fail('verlopen', 'unknown, used or expired state');
    if (proof.kind === 'browser' && !this.deps.flows.bindingMatches(flow, proof.binding))
      return this.fail('verlopen', 'login finished in another browser than it started in');
    const codeVerifier = proof.kind === 'browser' ? flow.codeVerifier : proof.codeVerifier;
    if (codeVerifier === undefined || s256(codeVerifier) !== flow.codeChallenge)
      return this.fail('mislukt', 'PKCE verifier does not match the challenge');
    if (query.has('error'))
      return this.fail(query.get('error') === 'access_denied' ? 'geweigerd' : 'mislukt', 'provider error', {
        error: query.get('error'),
      });

    const callbackUrl = new URL(flow.redirectUri);
    for (const [key, value] of query) callbackUrl.searchParams.append(key, value);
    let tokens;
    try {
      tokens = await this.deps.client.exchange({ callbackUrl, state, nonce: flow.nonce, codeVerifier });
    } catch (err) {
      if (err instanceof OidcUnavailableError) return this.fail('niet-beschikbaar', err.message);
      return this.fail('mislukt', 'token exchange or ID token check failed', {
        err: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      });
    }
    const employee = employeeFromClaims(tokens.claims, this.deps.settings);
    if (!employee.ok) return this.fail(employee.reason, 'no access', { sub: tokens.claims.sub });
    const user = await this.deps.users.upsertOidcUser(employee);
    if (user === 'conflict') return this.fail('account-bestaat-lokaal', 'employee id is a local account');
    await this.deps.onLogin?.(user);
    return { ok: true, user, idToken: tokens.idToken };
  }

  private fail(reason: OidcLoginFailure, why: string, data: object = {}): OidcLoginResult {
    this.deps.log.warn({ ...data, reason }, `OIDC-login geweigerd: ${why}`);
    return { ok: false, reason };
  }
}
