import path from 'node:path';

export interface LauncherConfig {
  host: string;
  port: number;
  /** Where the launcher and Electron reach the server (a wildcard host becomes loopback). */
  serverUrl: string;
  noDesktop: boolean;
  demo: boolean;
  /** The built workplace the server serves. */
  workplaceIndex: string;
}

export class LauncherConfigError extends Error {
  override name = 'LauncherConfigError';
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  return v !== '0' && v !== 'false';
}

/** Reads the same KCC_* variables, with the same defaults, as the server (CONTRACT.md, "Starting"). */
export function readLauncherConfig(
  env: Record<string, string | undefined>,
  repoRoot: string,
): LauncherConfig {
  const host = env['KCC_HOST']?.trim() || '127.0.0.1';
  const portText = env['KCC_PORT']?.trim() || '4700';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535) {
    throw new LauncherConfigError(
      `KCC_PORT moet een poortnummer van 1 tot en met 65535 zijn (nu: ${portText})`,
    );
  }
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const urlHost = reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost;
  const workplaceDir = env['KCC_WORKPLACE_DIR']?.trim()
    ? path.resolve(env['KCC_WORKPLACE_DIR'].trim())
    : path.join(repoRoot, 'apps/workplace/dist');
  return {
    host,
    port,
    serverUrl: `http://${urlHost}:${port}`,
    noDesktop: flag(env['KCC_NO_DESKTOP'], false),
    demo: flag(env['KCC_DEMO'], true),
    workplaceIndex: path.join(workplaceDir, 'index.html'),
  };
}
