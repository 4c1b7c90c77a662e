import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root (apps/server/src → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const flag = z
  .string()
  .trim()
  .transform((v) => v !== '' && v !== '0' && v.toLowerCase() !== 'false');

const port = z.coerce.number().int().min(0).max(65_535);
const durationMs = z.coerce
  .number()
  .int()
  .min(1)
  .max(24 * 3600 * 1000);

const EnvSchema = z.object({
  KCC_HOST: z.string().trim().min(1).default('127.0.0.1'),
  KCC_PORT: port.default(4700),
  KCC_DATA_DIR: z.string().trim().min(1).default('./.kcc-data'),
  KCC_NO_DESKTOP: flag.optional(),
  KCC_DEMO: flag.default(true),
  KCC_INTEGRATION_KEY: z.string().min(8, 'moet minstens 8 tekens hebben').optional(),
  KCC_KLANTINTERACTIES_TOKEN: z.string().min(8, 'moet minstens 8 tekens hebben').optional(),
  KCC_SMTP_PORT: port.default(2525),
  KCC_SMTP_RELAY: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, 'verwacht host:poort')
    .optional(),
  /** Base URL others use to reach this server (the `url` of Klantinteracties resources). */
  KCC_PUBLIC_URL: z.url().optional(),
  KCC_TOKEN_SECRET: z.string().min(32, 'moet minstens 32 tekens hebben').optional(),
  KCC_WORKPLACE_DIR: z.string().trim().min(1).optional(),
  KCC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Overrides every queue's accept timeout (tests, demos). */
  KCC_ACCEPT_TIMEOUT_MS: durationMs.optional(),
  /** Overrides every queue's wrap-up (nawerk) time (tests, demos). */
  KCC_WRAP_UP_MS: z.coerce.number().int().min(0).max(3600_000).optional(),
  /** All sockets of an agent gone this long → offline, pending offers re-queued. */
  KCC_DISCONNECT_GRACE_MS: durationMs.default(30_000),
  /** Active contacts of a disconnected agent wait this long for a reconnect before they are re-queued. */
  KCC_RECONNECT_GRACE_MS: durationMs.default(120_000),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  noDesktop: boolean;
  demo: boolean;
  /** Undefined: no webhook key configured, every inbound call is refused. */
  integrationKey: string | undefined;
  klantinteractiesToken: string | undefined;
  smtpPort: number;
  smtpRelay: string | undefined;
  publicUrl: string | undefined;
  /** Undefined: generated once per data dir and kept there. */
  tokenSecret: string | undefined;
  workplaceDir: string;
  logLevel: z.infer<typeof EnvSchema>['KCC_LOG_LEVEL'];
  acceptTimeoutMs: number | undefined;
  wrapUpMs: number | undefined;
  disconnectGraceMs: number;
  reconnectGraceMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse the environment into one config object; throws `ConfigError` with a one-line message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('KCC_') && v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const parts = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ongeldige configuratie: ${parts.join('; ')}`);
  }
  const e = parsed.data;
  return {
    host: e.KCC_HOST,
    port: e.KCC_PORT,
    dataDir: path.resolve(e.KCC_DATA_DIR),
    noDesktop: e.KCC_NO_DESKTOP ?? false,
    demo: e.KCC_DEMO,
    integrationKey: e.KCC_INTEGRATION_KEY ?? (e.KCC_DEMO ? 'demo-integratie-sleutel' : undefined),
    klantinteractiesToken:
      e.KCC_KLANTINTERACTIES_TOKEN ?? (e.KCC_DEMO ? 'demo-klantinteracties-token' : undefined),
    smtpPort: e.KCC_SMTP_PORT,
    smtpRelay: e.KCC_SMTP_RELAY,
    publicUrl: e.KCC_PUBLIC_URL?.replace(/\/+$/, ''),
    tokenSecret: e.KCC_TOKEN_SECRET,
    workplaceDir: e.KCC_WORKPLACE_DIR
      ? path.resolve(e.KCC_WORKPLACE_DIR)
      : path.join(REPO_ROOT, 'apps/workplace/dist'),
    logLevel: e.KCC_LOG_LEVEL,
    acceptTimeoutMs: e.KCC_ACCEPT_TIMEOUT_MS,
    wrapUpMs: e.KCC_WRAP_UP_MS,
    disconnectGraceMs: e.KCC_DISCONNECT_GRACE_MS,
    reconnectGraceMs: e.KCC_RECONNECT_GRACE_MS,
  };
}
