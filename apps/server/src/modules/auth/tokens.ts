import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Role } from '@kcc/contracts/domain';

export const TOKEN_LIFETIME_MS = 12 * 3600 * 1000;

const Claims = z.object({ sub: z.string(), roles: z.array(Role), iat: z.number(), exp: z.number() });
export type TokenClaims = z.infer<typeof Claims>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Compact HS256 JWT; only this server issues and reads them. */
export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  issue(userId: string, roles: Role[]): { token: string; expiresAt: number } {
    const iat = this.now();
    const exp = iat + TOKEN_LIFETIME_MS;
    const payload = Buffer.from(
      JSON.stringify({ sub: userId, roles, iat: Math.floor(iat / 1000), exp: Math.floor(exp / 1000) }),
    ).toString('base64url');
    return { token: `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`, expiresAt: exp };
  }

  /** The claims of a valid, unexpired token; undefined otherwise. */
  verify(token: unknown): TokenClaims | undefined {
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    if (header !== HEADER) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const claims = Claims.safeParse(json);
    if (!claims.success || claims.data.exp * 1000 <= this.now()) return undefined;
    return claims.data;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}
