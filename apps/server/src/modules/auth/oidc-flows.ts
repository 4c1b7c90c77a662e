import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../store/db';

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
 * Pending logins (state → nonce, PKCE, redirect URI) and one-time hand-off codes, both in SQLite with an expiry on
 * the auth clock. Taking one deletes it in the same statement: each is used at most once.
 */
export class OidcFlowStore {
  private readonly insertFlow;
  private readonly takeFlowStmt;
  private readonly insertHandoff;
  private readonly takeHandoffStmt;
  private readonly prune;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    this.insertFlow = db.prepare(
      `INSERT INTO auth_oidc_flows (state, kind, nonce, code_verifier, code_challenge, redirect_uri, binding_hash, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.takeFlowStmt = db.prepare<
      [string],
      {
        kind: 'browser' | 'desktop';
        nonce: string;
        code_verifier: string | null;
        code_challenge: string;
        redirect_uri: string;
        binding_hash: string | null;
        expires_at: number;
      }
    >('DELETE FROM auth_oidc_flows WHERE state = ? RETURNING *');
    this.insertHandoff = db.prepare(
      'INSERT INTO auth_oidc_handoffs (code_hash, user_id, id_token, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.takeHandoffStmt = db.prepare<[string], { user_id: string; id_token: string; expires_at: number }>(
      'DELETE FROM auth_oidc_handoffs WHERE code_hash = ? RETURNING user_id, id_token, expires_at',
    );
    const pruneFlows = db.prepare('DELETE FROM auth_oidc_flows WHERE expires_at <= ?');
    const pruneHandoffs = db.prepare('DELETE FROM auth_oidc_handoffs WHERE expires_at <= ?');
    this.prune = (at: number) => {
      pruneFlows.run(at);
      pruneHandoffs.run(at);
    };
  }

  /** Store a pending login; returns its `state`. `binding`: the browser cookie's value (browser logins). */
  start(flow: Omit<PendingFlow, 'bindingHash'> & { binding?: string }): string {
    this.prune(this.now());
    const state = randomSecret();
    this.insertFlow.run(
      state,
      flow.kind,
      flow.nonce,
      flow.codeVerifier ?? null,
      flow.codeChallenge,
      flow.redirectUri,
      flow.binding !== undefined ? hash(flow.binding) : null,
      this.now() + FLOW_LIFETIME_MS,
    );
    return state;
  }

  /** The pending login of this state, removed; undefined when unknown, used already or expired. */
  take(state: string): PendingFlow | undefined {
    const row = this.takeFlowStmt.get(state);
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
  handoff(userId: string, idToken: string): string {
    this.prune(this.now());
    const code = randomSecret();
    this.insertHandoff.run(hash(code), userId, idToken, this.now() + HANDOFF_LIFETIME_MS);
    return code;
  }

  takeHandoff(code: string): { userId: string; idToken: string } | undefined {
    const row = this.takeHandoffStmt.get(hash(code));
    if (!row || row.expires_at <= this.now()) return undefined;
    return { userId: row.user_id, idToken: row.id_token };
  }
}
