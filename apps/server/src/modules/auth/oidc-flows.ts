import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Store } from '../../store/store';
import type { AuthStoreTables } from './auth.store-migrations';

/** A login started at the identity provider must come back within this time. */
export const FLOW_LIFETIME_MS = 10 * 60 * 1000;
/** The workplace exchanges its one-time hand-off code right after the redirect. */
export const HANDOFF_LIFETIME_MS = 60 * 1000;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const randomSecret = () => randomBytes(32).toString('base64url');

export interface PendingFlow {
  kind: 'browser' | 'desktop';
  nonce: string;
  /** Browser logins: the server holds the PKCE verifier. Desktop logins: the shell holds it. */
  codeVerifier: string | undefined;
  codeChallenge: string;
  redirectUri: string;
  /** Browser logins: hash of the cookie set when the login started (the same browser must finish it). */
  bindingHash: string | undefined;
}

/**
 * Pending logins (state → nonce, PKCE, redirect URI) and one-time hand-off codes, both on the async store with an
 * expiry on the auth clock. Taking one deletes it in the same statement: each is used at most once.
 */
export class OidcFlowStore {
  private readonly db: Kysely<AuthStoreTables>;

  constructor(
    store: Store,
    private readonly now: () => number,
  ) {
    this.db = store.kysely<AuthStoreTables>();
  }

  private async prune(at: number): Promise<void> {
    await this.db.deleteFrom('auth_oidc_flows').where('expires_at', '<=', at).execute();
    await this.db.deleteFrom('auth_oidc_handoffs').where('expires_at', '<=', at).execute();
  }

  /** Store a pending login; returns its `state`. `binding`: the browser cookie's value (browser logins). */
  async start(flow: Omit<PendingFlow, 'bindingHash'> & { binding?: string }): Promise<string> {
    await this.prune(this.now());
    const state = randomSecret();
    await this.db
      .insertInto('auth_oidc_flows')
      .values({
        state,
        kind: flow.kind,
        nonce: flow.nonce,
        code_verifier: flow.codeVerifier ?? null,
        code_challenge: flow.codeChallenge,
        redirect_uri: flow.redirectUri,
        binding_hash: flow.binding !== undefined ? hash(flow.binding) : null,
        expires_at: this.now() + FLOW_LIFETIME_MS,
      })
      .execute();
    return state;
  }

  /** The pending login of this state, removed; undefined when unknown, used already or expired. */
  async take(state: string): Promise<PendingFlow | undefined> {
    const row = await this.db
      .deleteFrom('auth_oidc_flows')
      .where('state', '=', state)
      .returningAll()
      .executeTakeFirst();
    if (!row || row.expires_at <= this.now()) return undefined;
    return {
      kind: row.kind,
      nonce: row.nonce,
      codeVerifier: row.code_verifier ?? undefined,
      codeChallenge: row.code_challenge,
      redirectUri: row.redirect_uri,
      bindingHash: row.binding_hash ?? undefined,
    };
  }

  bindingMatches(flow: PendingFlow, binding: string | undefined): boolean {
    return flow.bindingHash !== undefined && binding !== undefined && hash(binding) === flow.bindingHash;
  }

  /** A one-time code the workplace exchanges for its session (the redirect carries no token). */
  async handoff(userId: string, idToken: string): Promise<string> {
    await this.prune(this.now());
    const code = randomSecret();
    await this.db
      .insertInto('auth_oidc_handoffs')
      .values({
        code_hash: hash(code),
        user_id: userId,
        id_token: idToken,
        expires_at: this.now() + HANDOFF_LIFETIME_MS,
      })
      .execute();
    return code;
  }

  async takeHandoff(code: string): Promise<{ userId: string; idToken: string } | undefined> {
    const row = await this.db
      .deleteFrom('auth_oidc_handoffs')
      .where('code_hash', '=', hash(code))
      .returning(['user_id', 'id_token', 'expires_at'])
      .executeTakeFirst();
    if (!row || row.expires_at <= this.now()) return undefined;
    return { userId: row.user_id, idToken: row.id_token };
  }
}
