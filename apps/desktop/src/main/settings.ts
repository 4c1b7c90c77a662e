import { z } from 'zod';
import type { JsonStore } from './json-file-store';
import { DEFAULT_SERVER_URL, isServerUrl, normalizeServerUrl } from './server-url';

const StoredSettings = z.object({ serverUrl: z.string().optional() }).loose();

export const SERVER_URL_FLAG = '--server-url=';

/** The `--server-url=<url>` command-line override (used by `npm start`); not persisted. */
export function serverUrlFromArgv(argv: readonly string[]): string | undefined {
  const arg = argv.find((a) => a.startsWith(SERVER_URL_FLAG));
  if (arg === undefined) return undefined;
  const value = arg.slice(SERVER_URL_FLAG.length);
  if (!isServerUrl(value)) {
    throw new Error(
      `${SERVER_URL_FLAG}: geen geldig serveradres (https, of http alleen op localhost of 127.0.0.1): ${value}`,
    );
  }
  return normalizeServerUrl(value);
}

export interface SettingsSources {
  argv: readonly string[];
  env: Record<string, string | undefined>;
}

export interface Settings {
  /** The server the window loads the workplace from. */
  serverUrl(): string;
}

/**
 * Server URL precedence: `--server-url` for this run (how `npm start` points the app at the server it started),
 * then the URL the agent saved (userData `settings.json`), then `KCC_SERVER_URL`, then http://127.0.0.1:4700.
 * A stored or env value that is not a valid server URL (https, or http on localhost/127.0.0.1) is ignored rather
 * than making the app unstartable.
 */
export function createSettings(store: JsonStore, sources: SettingsSources): Settings {
  const stored = StoredSettings.safeParse(store.read());
  const storedData: Record<string, unknown> = stored.success ? stored.data : {};
  const pick = (value: unknown) => (isServerUrl(value) ? normalizeServerUrl(value) : undefined);
  const current =
    serverUrlFromArgv(sources.argv) ??
    pick(storedData['serverUrl']) ??
    pick(sources.env['KCC_SERVER_URL']) ??
    DEFAULT_SERVER_URL;
  return {
    serverUrl: () => current,
  };
}
