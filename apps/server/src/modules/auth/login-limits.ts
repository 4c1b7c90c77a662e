import { RateLimiter, type RateLimitStore } from '../rate-limit';

const WINDOW_MS = 5 * 60 * 1000;

export interface LoginLimitOptions {
  /** Failed logins per username + IP in 5 minutes (guessing one account's password). */
  perUser: number;
  /** Failed logins per IP in 5 minutes, over all usernames (spraying one password over many accounts). */
  perIp: number;
  /** Failed logins over all IPs in 5 minutes (a spray from many addresses); beyond it everyone waits. */
  total: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimitOptions = { perUser: 10, perIp: 50, total: 1000 };

/**
 * Limits on failed logins only: a successful login costs nothing and clears its username + IP counter (not the
 * IP's, so one valid account does not reset a spray).
 */
export class LoginLimits {
  private readonly perUser: RateLimiter;
  private readonly perIp: RateLimiter;
  private readonly total: RateLimiter;

  constructor(store: RateLimitStore, options: LoginLimitOptions = DEFAULT_LOGIN_LIMITS) {
    this.perUser = new RateLimiter(store, 'login-user', options.perUser, WINDOW_MS);
    this.perIp = new RateLimiter(store, 'login-ip', options.perIp, WINDOW_MS);
    this.total = new RateLimiter(store, 'login-total', options.total, WINDOW_MS);
  }

  /** Milliseconds until this caller may try again; 0 when allowed now. */
  async retryAfterMs(username: string, ip: string): Promise<number> {
    const checks = await Promise.all([
      this.perUser.check(userKey(username, ip)),
      this.perIp.check(ip),
      this.total.check('all'),
    ]);
    return Math.max(0, ...checks.map((c) => (c.ok ? 0 : c.retryAfterMs)));
  }

  async failed(username: string, ip: string): Promise<void> {
    await Promise.all([
      this.perUser.count(userKey(username, ip)),
      this.perIp.count(ip),
      this.total.count('all'),
    ]);
  }

  async succeeded(username: string, ip: string): Promise<void> {
    await this.perUser.forget(userKey(username, ip));
  }
}

const userKey = (username: string, ip: string) => `${username.toLowerCase()}|${ip}`;
