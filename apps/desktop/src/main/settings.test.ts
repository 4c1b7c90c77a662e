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
      env: { KCC_SERVER_URL: 'http://10.0.0.5:4700/' },
    });
    expect(settings.serverUrl()).toBe('http://10.0.0.5:4700');
  });

  it('prefers the saved URL over the environment, and --server-url over both', () => {
    const store = createMemoryStore({ serverUrl: 'https://kcc.gemeente.nl' });
    const env = { KCC_SERVER_URL: 'http://10.0.0.5:4700' };
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

  it('persists a new URL, keeping other saved settings', () => {
    const store = createMemoryStore({ serverUrl: 'http://127.0.0.1:4700', theme: 'donker' });
    const settings = createSettings(store, { argv: [], env: {} });
    expect(settings.setServerUrl('https://kcc.gemeente.nl/')).toBe('https://kcc.gemeente.nl');
    expect(settings.serverUrl()).toBe('https://kcc.gemeente.nl');
    expect(store.read()).toEqual({ serverUrl: 'https://kcc.gemeente.nl', theme: 'donker' });
    expect(createSettings(store, { argv: [], env: {} }).serverUrl()).toBe('https://kcc.gemeente.nl');
  });

  it('refuses a non-http URL without touching the store', () => {
    const store = createMemoryStore();
    const settings = createSettings(store, { argv: [], env: {} });
    expect(() => settings.setServerUrl('file:///etc')).toThrow(/Geen geldig/);
    expect(store.writes).toBe(0);
  });
});

describe('serverUrlFromArgv', () => {
  it('reads --server-url and rejects a bad value loudly', () => {
    expect(serverUrlFromArgv(['x', '--server-url=http://a:1/'])).toBe('http://a:1');
    expect(serverUrlFromArgv(['x'])).toBeUndefined();
    expect(() => serverUrlFromArgv(['--server-url=nope'])).toThrow(/--server-url=/);
  });
});
