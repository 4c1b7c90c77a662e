import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDesktopServerUrl, isDesktop, notifyOffer, onDesktopEvent, setTrayWaiting } from './ipc';
import { resolveServerUrl } from './server-url';

afterEach(() => {
  delete window.kcc;
});

describe('desktop bridge', () => {
  it('is a no-op in a plain browser, and the server is this origin', async () => {
    expect(isDesktop()).toBe(false);
    expect(await getDesktopServerUrl()).toBeUndefined();
    expect(() => notifyOffer({ offerId: 'o', title: 't', body: 'b' })).not.toThrow();
    expect(onDesktopEvent('kcc:window:focus-changed', () => {})).toBeTypeOf('function');
    expect(await resolveServerUrl()).toBe(window.location.origin);
  });

  it('uses the configured server URL inside the desktop shell and clamps tray counts', async () => {
    const invoke = vi.fn(async (channel: string) =>
      channel === 'kcc:config:get' ? { serverUrl: 'http://10.0.0.5:4700/', version: '0.1.0' } : undefined,
    );
    window.kcc = { invoke, on: vi.fn() } as unknown as NonNullable<typeof window.kcc>;
    expect(await resolveServerUrl()).toBe('http://10.0.0.5:4700');
    setTrayWaiting(-3);
    expect(invoke).toHaveBeenCalledWith('kcc:tray:set-waiting', { count: 0 });
    notifyOffer({ offerId: 'o', title: 'x'.repeat(300), body: 'b' });
    expect(invoke).toHaveBeenLastCalledWith('kcc:notify:offer', {
      offerId: 'o',
      title: 'x'.repeat(200),
      body: 'b',
    });
  });

  it('never lets a failing bridge call break the workplace', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    window.kcc = {
      invoke: vi.fn().mockRejectedValue(new Error('denied')),
      on: vi.fn(),
    } as unknown as NonNullable<typeof window.kcc>;
    expect(await getDesktopServerUrl()).toBeUndefined();
  });
});
