import { z } from 'zod';
import type { JsonStore } from './json-file-store';
import { DEFAULT_SERVER_URL, isHttpUrl, normalizeServerUrl } from './server-url';

const StoredSettings = z.object({ serverUrl: z.string().optional() }).loose();

export const SERVER_URL_FLAG = '--server-url=';

/** The `--server-url=<url>` command-line override (used by `npm start`); not persisted. */
export function serverUrlFromArgv(argv: readonly string[]): string | undefined {
  const arg = argv.find((a) => a.startsWith(SERVER_URL_FLAG));
  if (arg === undefined) return undefined;
  const value = arg.slice(SERVER_URL_FLAG.length);
  if (!isHttpUrl(value)) throw new Error(`${SERVER_URL_FLAG}: geen geldig http- of https-adres: ${value}`);
  return normalizeServerUrl(value);
}

export interface SettingsSources {
  argv: readonly string[];
  env: Record<string, string | undefined>;
}

export interface Settings {
  /** The server the window loads the workplace from. */
  serverUrl(): string;
  /** Validate, persist and apply a new server URL; returns the normalised URL. */
  setServerUrl(url: string): string;
}

/**
 * Server URL precedence: `--server-url` for this run (how `npm start` points the app at the server it started),
 * then the URL the agent saved (userData `settings.json`), then `KCC_SERVER_URL`, then http://127.0.0.1:4700.
 * A stored or env value that is not an http(s) URL is ignored rather than making the app unstartable.
 */
export function createSettings(store: JsonStore, sources: SettingsSources): Settings {
  const stored = StoredSettings.safeParse(store.read());
  const storedData: Record<string, unknown> = stored.success ? stored.data : {};
  const pick = (value: unknown) => (isHttpUrl(value) ? normalizeServerUrl(value) : undefined);
  let current =
    serverUrlFromArgv(sources.argv) ??
    pick(storedData['serverUrl']) ??
    pick(sources.env['KCC_SERVER_URL']) ??
    DEFAULT_SERVER_URL;
  return {
    serverUrl: () => current,
    setServerUrl(url) {
      const next = normalizeServerUrl(url);
      store.write({ ...storedData, serverUrl: next });
      storedData['serverUrl'] = next;
      current = next;
      return next;
    },
  };
}
