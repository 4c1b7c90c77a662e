import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Role } from '@kcc/contracts/domain';

/** Access tokens are short: a stolen one is useful for minutes; the workplace refreshes it with its session. */
export const ACCESS_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const ISSUER = 'kcc-werkplek';
const AUDIENCE = 'kcc-werkplek';

const Claims = z.object({
  sub: z.string(),
  roles: z.array(Role),
  /** The session (auth_sessions.id): logout and revocation end it, and every token of it with it. */
  sid: z.string(),
  iat: z.number(),
  exp: z.number(),
});
export type TokenClaims = z.infer<typeof Claims>;

/** HS256 access tokens (`jose`); only this server issues and reads them. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs = ACCESS_TOKEN_LIFETIME_MS,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(
    userId: string,
    roles: Role[],
    sessionId: string,
  ): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + Math.floor(this.lifetimeMs / 1000);
    const token = await new SignJWT({ roles, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /** The claims of a valid, unexpired token of this server; undefined otherwise. */
  async verify(token: unknown): Promise<TokenClaims | undefined> {
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const claims = Claims.safeParse(payload);
      return claims.success ? claims.data : undefined;
    } catch {
      return undefined;
    }
  }
}
