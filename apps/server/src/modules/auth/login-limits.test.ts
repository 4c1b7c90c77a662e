import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { memoryRateLimitStore } from '../rate-limit';
import { LoginLimits } from './login-limits';
import { hashPassword, PasswordCheckBusyError, scryptSlots, verifyPassword } from './password';
import { ScryptSlots } from './scrypt-slots';

describe('login limits (issue 11 §6)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
  });
  afterAll(() => server.stop());

  const login = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });

  it('stops one IP spraying a password over many usernames with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await login(`gebruiker${i}`, 'Welkom01!');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        break;
      }
      expect(res.status).toBe(401);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 401)).toHaveLength(50);
    // The right password from the same IP now waits too: the spray cannot be "reset" by a known account.
    expect((await login('anna', 'demo')).status).toBe(429);
  });
});

describe('the total limit over all IPs', () => {
  it('refuses every login once the failures of all callers pass the total', async () => {
    const limits = new LoginLimits(memoryRateLimitStore, { perUser: 10, perIp: 50, total: 5 });
    for (let i = 0; i < 5; i++) {
      expect(await limits.retryAfterMs(`u${i}`, `10.0.0.${i}`)).toBe(0);
      await limits.failed(`u${i}`, `10.0.0.${i}`);
    }
    expect(await limits.retryAfterMs('anna', '10.9.9.9')).toBeGreaterThan(0);
  });

  it('a success clears the username counter but not the IP counter', async () => {
    const limits = new LoginLimits(memoryRateLimitStore, { perUser: 2, perIp: 3, total: 100 });
    await limits.failed('anna', '10.0.0.1');
    await limits.failed('anna', '10.0.0.1');
    expect(await limits.retryAfterMs('anna', '10.0.0.1')).toBeGreaterThan(0);
    await limits.succeeded('anna', '10.0.0.1');
    expect(await limits.retryAfterMs('anna', '10.0.0.1')).toBe(0);
    await limits.failed('bram', '10.0.0.1');
    expect(await limits.retryAfterMs('tess', '10.0.0.1')).toBeGreaterThan(0);
  });
});

describe('scrypt concurrency', () => {
  it('runs at most one password check at a time however many arrive', async () => {
    const stored = await hashPassword('geheim');
    let max = 0;
    let sampling = true;
    const sample = () => {
      max = Math.max(max, scryptSlots.inUse);
      if (sampling) setImmediate(sample);
    };
    sample();
    const results = await Promise.all(Array.from({ length: 8 }, () => verifyPassword('geheim', stored)));
    sampling = false;
    expect(results.every(Boolean)).toBe(true);
    expect(max).toBe(1);
  });

  it('refuses a check when too many wait, instead of queueing without end', async () => {
    const slots = new ScryptSlots(1, 2);
    let release!: () => void;
    const blocker = new Promise<void>((r) => (release = r));
    const running = [slots.run(() => blocker), slots.run(async () => 1), slots.run(async () => 2)];
    expect(running.every((p) => p !== undefined)).toBe(true);
    expect(slots.run(async () => 3)).toBeUndefined();
    expect(slots.run(async () => 4, true)).toBeDefined();
    release();
    await Promise.all(running);
    expect(slots.inUse).toBe(0);
    expect(new PasswordCheckBusyError('x')).toBeInstanceOf(Error);
  });
});
