import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './json-file-store';
import { createSettings, serverUrlFromArgv } from './settings';

describe('createSettings', () => {
  it('defaults to the local server', () => {
    expect(createSettings(createMemoryStore(), { argv: [], env: {} }).serverUrl()).toBe(
      'http://127.0.0.1:4700',
    );
  });

  it('takes KCC_SERVER_URL as the default when nothing was saved', () => {
    const settings = createSettings(createMemoryStore(), {
      argv: [],
      env: { KCC_SERVER_URL: 'https://kcc.gemeente.nl/' },
    });
    expect(settings.serverUrl()).toBe('https://kcc.gemeente.nl');
  });

  it('prefers the saved URL over the environment, and --server-url over both', () => {
    const store = createMemoryStore({ serverUrl: 'https://kcc.gemeente.nl' });
    const env = { KCC_SERVER_URL: 'https://kcc-test.gemeente.nl' };
    expect(createSettings(store, { argv: [], env }).serverUrl()).toBe('https://kcc.gemeente.nl');
    expect(
      createSettings(store, {
        argv: ['electron', '.', '--server-url=http://127.0.0.1:4799'],
        env,
      }).serverUrl(),
    ).toBe('http://127.0.0.1:4799');
  });

  it('ignores an invalid saved or env URL instead of refusing to start', () => {
    const store = createMemoryStore({ serverUrl: 'javascript:alert(1)' });
    expect(createSettings(store, { argv: [], env: { KCC_SERVER_URL: 'file:///x' } }).serverUrl()).toBe(
      'http://127.0.0.1:4700',
    );
    expect(createSettings(createMemoryStore('garbage'), { argv: [], env: {} }).serverUrl()).toBe(
      'http://127.0.0.1:4700',
    );
  });

  it('reads a saved https URL, and ignores plain http to another machine (issue 11 §11)', () => {
    const store = createMemoryStore({ serverUrl: 'https://kcc.gemeente.nl/', theme: 'donker' });
    expect(createSettings(store, { argv: [], env: {} }).serverUrl()).toBe('https://kcc.gemeente.nl');
    for (const serverUrl of ['http://10.0.0.5:4700', 'http://kcc.gemeente.nl', 'http://127.0.0.2:4700']) {
      const settings = createSettings(createMemoryStore({ serverUrl }), { argv: [], env: {} });
      expect(settings.serverUrl(), serverUrl).toBe('http://127.0.0.1:4700');
    }
    const local = createSettings(createMemoryStore({ serverUrl: 'http://localhost:4800' }), {
      argv: [],
      env: {},
    });
    expect(local.serverUrl()).toBe('http://localhost:4800');
    expect(() =>
      createSettings(createMemoryStore(), { argv: ['--server-url=http://10.0.0.5:4700'], env: {} }),
    ).toThrow(/alleen op localhost of 127.0.0.1/);
    expect(
      createSettings(createMemoryStore(), {
        argv: [],
        env: { KCC_SERVER_URL: 'http://intern:4700' },
      }).serverUrl(),
    ).toBe('http://127.0.0.1:4700');
  });
});

describe('serverUrlFromArgv', () => {
  it('reads --server-url and rejects a bad value loudly', () => {
    expect(serverUrlFromArgv(['x', '--server-url=http://localhost:1/'])).toBe('http://localhost:1');
    expect(serverUrlFromArgv(['x'])).toBeUndefined();
    expect(() => serverUrlFromArgv(['--server-url=nope'])).toThrow(/--server-url=/);
  });
});
