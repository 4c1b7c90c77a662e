import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LauncherConfigError, readLauncherConfig } from './launcher-config';

const root = '/repo';

describe('readLauncherConfig', () => {
  it('uses the CONTRACT defaults', () => {
    expect(readLauncherConfig({}, root)).toEqual({
      host: '127.0.0.1',
      port: 4700,
      serverUrl: 'http://127.0.0.1:4700',
      noDesktop: false,
      demo: true,
      workplaceIndex: path.join(root, 'apps/workplace/dist/index.html'),
    });
  });

  it('reads host, port and flags', () => {
    const config = readLauncherConfig(
      {
        KCC_HOST: '0.0.0.0',
        KCC_PORT: '4799',
        KCC_NO_DESKTOP: '1',
        KCC_DEMO: '0',
        KCC_WORKPLACE_DIR: '/srv/wp',
      },
      root,
    );
    expect(config).toMatchObject({ host: '0.0.0.0', port: 4799, serverUrl: 'http://127.0.0.1:4799' });
    expect(config.noDesktop).toBe(true);
    expect(config.demo).toBe(false);
    expect(config.workplaceIndex).toBe(path.resolve('/srv/wp/index.html'));
  });

  it('brackets an IPv6 host and treats KCC_NO_DESKTOP=0 as off', () => {
    const config = readLauncherConfig({ KCC_HOST: '::1', KCC_NO_DESKTOP: '0' }, root);
    expect(config.serverUrl).toBe('http://[::1]:4700');
    expect(config.noDesktop).toBe(false);
  });

  it.each(['0', '70000', 'abc', '-1', '47.5'])('refuses KCC_PORT=%s with a clear message', (port) => {
    expect(() => readLauncherConfig({ KCC_PORT: port }, root)).toThrow(LauncherConfigError);
    expect(() => readLauncherConfig({ KCC_PORT: port }, root)).toThrow(/KCC_PORT moet een poortnummer/);
  });
});
