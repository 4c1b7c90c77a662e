import { describe, expect, it } from 'vitest';
import { startLoopback, type SetTimer } from './oidc-loopback';

/** A timer the test fires itself: no waiting for time. */
function manualTimer() {
  let fire: (() => void) | undefined;
  const setTimer: SetTimer = (_ms, fn) => {
    fire = fn;
    return () => {
      fire = undefined;
    };
  };
  return { setTimer, fire: () => fire?.() };
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

describe('RFC 8252 loopback redirect', () => {
  it('listens on 127.0.0.1 on an ephemeral port, takes the code once and closes', async () => {
    const loopback = await startLoopback();
    const url = new URL(loopback.redirectUri);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/callback');
    expect(Number(url.port)).toBeGreaterThan(0);

    expect((await fetch(`${url.origin}/elders`)).status).toBe(404);
    const page = await fetch(`${loopback.redirectUri}?code=abc&state=xyz&iss=https%3A%2F%2Fidp`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('U kunt dit venster sluiten');
    const query = await loopback.response;
    expect(Object.fromEntries(query)).toEqual({ code: 'abc', state: 'xyz', iss: 'https://idp' });
    // The listener is gone: nobody else can deliver a code to this port any more.
    expect(await refused(loopback.redirectUri)).toBe(true);
  });

  it('stops waiting after its timeout and closes the port', async () => {
    const timer = manualTimer();
    const loopback = await startLoopback({ setTimer: timer.setTimer });
    const outcome = loopback.response.catch((e: Error) => e.message);
    timer.fire();
    expect(await outcome).toBe('Inloggen duurde te lang. Probeer het opnieuw.');
    expect(await refused(loopback.redirectUri)).toBe(true);
  });

  it('close() ends a pending login', async () => {
    const loopback = await startLoopback();
    const outcome = loopback.response.catch((e: Error) => e.name);
    loopback.close();
    expect(await outcome).toBe('LoopbackStoppedError');
  });
});
