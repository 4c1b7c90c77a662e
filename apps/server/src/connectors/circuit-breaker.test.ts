import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';
import { ConnectorError } from './errors';

describe('CircuitBreaker', () => {
  const setup = () => {
    let t = 0;
    const breaker = new CircuitBreaker('zaken', { failureThreshold: 3, resetTimeoutMs: 1000, now: () => t });
    return { breaker, advance: (ms: number) => (t += ms) };
  };
  const fail = () => Promise.reject(new ConnectorError('zaken', 'server', 'boom', 503));

  it('opens after the threshold of consecutive failures and then fails fast without calling', async () => {
    const { breaker } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toMatchObject({ kind: 'server' });
    expect(breaker.state).toBe('open');
    let called = false;
    await expect(
      breaker.run(async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ kind: 'circuit_open' });
    expect(called).toBe(false);
  });

  it('a success resets the failure count while closed', async () => {
    const { breaker } = setup();
    await expect(breaker.run(fail)).rejects.toThrow();
    await expect(breaker.run(fail)).rejects.toThrow();
    await breaker.run(async () => 'ok');
    await expect(breaker.run(fail)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('half-open after the reset timeout: one trial; success closes, failure re-opens', async () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow();
    advance(1000);
    expect(breaker.state).toBe('half-open');
    let release!: () => void;
    const trial = breaker.run(() => new Promise<string>((r) => (release = () => r('ok'))));
    // A second call during the trial is refused.
    await expect(breaker.run(async () => 'x')).rejects.toMatchObject({ kind: 'circuit_open' });
    release();
    await expect(trial).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');

    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow();
    advance(1000);
    await expect(breaker.run(fail)).rejects.toThrow();
    expect(breaker.state).toBe('open');
  });

  it('errors that say nothing about the register health (e.g. 404) do not open it', async () => {
    const { breaker } = setup();
    const notFound = () => Promise.reject(new ConnectorError('zaken', 'not_found', 'weg', 404));
    for (let i = 0; i < 5; i++) {
      await expect(breaker.run(notFound, (e) => (e as ConnectorError).retryable)).rejects.toThrow();
    }
    expect(breaker.state).toBe('closed');
  });
});
