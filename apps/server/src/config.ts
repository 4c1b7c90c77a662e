import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { authSettingsFromEnv, type AuthSettings } from './modules/auth/oidc-settings';
import { parseChannelsEnv, type ChannelsConfig } from './modules/channels/channels.config';
import { cobrowseSettingsFromEnv, type CobrowseSettings } from './modules/cobrowse/cobrowse-settings';
import { retentionSettingsFromEnv, type RetentionSettings } from './modules/retention/retention-settings';
import {
  terugkoppelingSettingsFromEnv,
  type TerugkoppelingSettings,
} from './modules/terugkoppeling/terugkoppeling-settings';

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

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  KCC_HOST: z.string().trim().min(1).default('127.0.0.1'),
  KCC_PORT: port.default(4700),
  KCC_DATA_DIR: z.string().trim().min(1).default('./.kcc-data'),
  /**
   * `full`: an answer waits until its writes are fsynced (survives a power cut); `normal`: until they are
   * written to the OS (survives `kill -9` of the server, not a power cut). docs/decisions.md.
   */
  KCC_DB_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  /** PostgreSQL for the modules on the async store (store/README.md); without it, SQLite in KCC_DATA_DIR. */
  KCC_DATABASE_URL: z
    .string()
    .trim()
    .refine(isPostgresUrl, 'verwacht een PostgreSQL-URL, zoals postgres://gebruiker@host:5432/database')
    .optional(),
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
  /** The audit key (BSN pseudonyms, checkpoint signatures): at least 32 bytes, base64url. */
  KCC_AUDIT_KEY: z
    .string()
    .trim()
    .refine((v) => Buffer.from(v, 'base64url').length >= 32, 'moet minstens 32 bytes zijn, in base64url')
    .optional(),
  KCC_WORKPLACE_DIR: z.string().trim().min(1).optional(),
  KCC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Overrides every queue's accept timeout (tests, demos). */
  KCC_ACCEPT_TIMEOUT_MS: durationMs.optional(),
  /** Overrides every queue's wrap-up (nawerk) time (tests, demos). */
  KCC_WRAP_UP_MS: z.coerce.number().int().min(0).max(3600_000).optional(),
  /** Registers (connectors). Without URL + credentials the embedded demo registers are used. */
  KCC_OPENKLANT_URL: z.url().optional(),
  KCC_OPENKLANT_TOKEN: z.string().min(8, 'moet minstens 8 tekens hebben').optional(),
  KCC_OPENZAAK_URL: z.url().optional(),
  KCC_OPENZAAK_CLIENT_ID: z.string().trim().min(1).optional(),
  KCC_OPENZAAK_SECRET: z.string().min(8, 'moet minstens 8 tekens hebben').optional(),
  KCC_OPENZAAK_KVK_FILTER: flag.optional(),
  KCC_BRP_URL: z.url().optional(),
  KCC_BRP_API_KEY: z.string().min(8, 'moet minstens 8 tekens hebben').optional(),
  KCC_KVK_URL: z.url().optional(),
  KCC_KVK_API_KEY: z.string().min(8, 'moet minstens 8 tekens hebben').optional(),
  /** Timeout of one HTTP call to a register (each attempt). */
  KCC_REGISTER_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** All sockets of an agent gone this long → offline, pending offers re-queued. */
  KCC_DISCONNECT_GRACE_MS: durationMs.default(30_000),
  /** Active contacts of a disconnected agent wait this long for a reconnect before they are re-queued. */
  KCC_RECONNECT_GRACE_MS: durationMs.default(120_000),
  /** Redis for what several instances share (sockets, codes, limits); unset: all of it stays in this process. */
  KCC_REDIS_URL: z
    .string()
    .trim()
    .refine((v) => redisUrl(v), 'verwacht een adres als redis://host:6379 of rediss://host:6380')
    .optional(),
  /** The name of this instance in `/health` (default `hostname:port`). */
  KCC_INSTANCE_ID: z.string().trim().min(1).max(100).optional(),
});

function redisUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** KCC_DB_SYNCHRONOUS: what an acknowledged write survives (`full`: a power cut, `normal`: `kill -9`). */
  dbSynchronous: 'full' | 'normal';
  /** KCC_DATABASE_URL: PostgreSQL for the async store; undefined: SQLite in the data dir. */
  databaseUrl: string | undefined;
  noDesktop: boolean;
  demo: boolean;
  /** Undefined: no webhook key configured, every inbound call is refused. */
  integrationKey: string | undefined;
  klantinteractiesToken: string | undefined;
  smtpPort: number;
  smtpRelay: string | undefined;
  publicUrl: string | undefined;
  /** Undefined: generated once and kept in the store, shared by every instance. */
  tokenSecret: string | undefined;
  /** KCC_AUDIT_KEY (base64url); undefined: generated once and kept in the store, shared by every instance. */
  auditKey: string | undefined;
  workplaceDir: string;
  logLevel: z.infer<typeof EnvSchema>['KCC_LOG_LEVEL'];
  acceptTimeoutMs: number | undefined;
  wrapUpMs: number | undefined;
  disconnectGraceMs: number;
  reconnectGraceMs: number;
  /** KCC_REDIS_URL: the Redis that the instances of a cluster share; undefined: one process. */
  redisUrl: string | undefined;
  /** KCC_INSTANCE_ID; undefined: `hostname:port`. */
  instanceId: string | undefined;
  registers: {
    timeoutMs: number;
    openKlant?: { url: string; token: string };
    openZaak?: { url: string; clientId: string; secret: string; kvkFilter: boolean };
    brp?: { url: string; apiKey: string };
    kvk?: { url: string; apiKey: string };
  };
  /** Chat, e-mail, CTI and callback settings (modules/channels/README.md). */
  channels: ChannelsConfig;
  /** Co-browse settings (modules/cobrowse/README.md). */
  cobrowse: CobrowseSettings;
  /** Bewaartermijnen per kind of data and the hour of the daily run (modules/retention/README.md). */
  retention: RetentionSettings;
  /** Terugkoppeling to residents: NotifyNL for SMS, the KCC's number in the texts (modules/terugkoppeling/README.md). */
  terugkoppeling: TerugkoppelingSettings;
  /** Login: the municipality's identity provider (OIDC) and/or local accounts (modules/auth/README.md). */
  auth: AuthSettings;
}

type Env = z.infer<typeof EnvSchema>;

/** A register is external only with its URL and its credentials; half a configuration is an error. */
function registersConfig(e: Env): Config['registers'] {
  const pair = <T>(
    name: string,
    url: string | undefined,
    secrets: (string | undefined)[],
    make: () => T,
  ): T | undefined => {
    const given = [url, ...secrets].filter((v) => v !== undefined).length;
    if (given === 0) return undefined;
    if (given < secrets.length + 1)
      throw new ConfigError(
        `Ongeldige configuratie: ${name} is maar half ingesteld (URL en sleutel zijn allebei nodig)`,
      );
    return make();
  };
  const openKlant = pair(
    'Open Klant (KCC_OPENKLANT_URL/TOKEN)',
    e.KCC_OPENKLANT_URL,
    [e.KCC_OPENKLANT_TOKEN],
    () => ({
      url: e.KCC_OPENKLANT_URL!.replace(/\/+$/, ''),
      token: e.KCC_OPENKLANT_TOKEN!,
    }),
  );
  const openZaak = pair(
    'Open Zaak (KCC_OPENZAAK_URL/CLIENT_ID/SECRET)',
    e.KCC_OPENZAAK_URL,
    [e.KCC_OPENZAAK_CLIENT_ID, e.KCC_OPENZAAK_SECRET],
    () => ({
      url: e.KCC_OPENZAAK_URL!.replace(/\/+$/, ''),
      clientId: e.KCC_OPENZAAK_CLIENT_ID!,
      secret: e.KCC_OPENZAAK_SECRET!,
      kvkFilter: e.KCC_OPENZAAK_KVK_FILTER ?? false,
    }),
  );
  const brp = pair('BRP (KCC_BRP_URL/API_KEY)', e.KCC_BRP_URL, [e.KCC_BRP_API_KEY], () => ({
    url: e.KCC_BRP_URL!.replace(/\/+$/, ''),
    apiKey: e.KCC_BRP_API_KEY!,
  }));
  const kvk = pair('KvK (KCC_KVK_URL/API_KEY)', e.KCC_KVK_URL, [e.KCC_KVK_API_KEY], () => ({
    url: e.KCC_KVK_URL!.replace(/\/+$/, ''),
    apiKey: e.KCC_KVK_API_KEY!,
  }));
  return {
    timeoutMs: e.KCC_REGISTER_TIMEOUT_MS,
    ...(openKlant ? { openKlant } : {}),
    ...(openZaak ? { openZaak } : {}),
    ...(brp ? { brp } : {}),
    ...(kvk ? { kvk } : {}),
  };
}

/** The secrets demo mode uses by default; published in the README, so never valid in production. */
export const DEMO_INTEGRATION_KEY = 'demo-integratie-sleutel';
export const DEMO_KLANTINTERACTIES_TOKEN = 'demo-klantinteracties-token';

/** Without demo mode the published demo secrets are refused: whoever read the README could use them. */
function refuseDemoSecrets(e: Env): void {
  const published = [
    e.KCC_INTEGRATION_KEY === DEMO_INTEGRATION_KEY ? 'KCC_INTEGRATION_KEY' : undefined,
    e.KCC_KLANTINTERACTIES_TOKEN === DEMO_KLANTINTERACTIES_TOKEN ? 'KCC_KLANTINTERACTIES_TOKEN' : undefined,
  ].filter((name) => name !== undefined);
  if (published.length > 0) {
    throw new ConfigError(
      `Ongeldige configuratie: ${published.join(' en ')} is de openbare demowaarde; kies een eigen geheim (KCC_DEMO=0)`,
    );
  }
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
  if (!e.KCC_DEMO) refuseDemoSecrets(e);
  const channels = parseChannelsEnv(relevant, e.KCC_DEMO);
  if (!channels.ok) throw new ConfigError(`Ongeldige configuratie: ${channels.problems.join('; ')}`);
  const auth = authSettingsFromEnv(relevant, e.KCC_DEMO);
  if (!auth.ok) throw new ConfigError(`Ongeldige configuratie: ${auth.problems.join('; ')}`);
  const retention = retentionSettingsFromEnv(relevant);
  if (!retention.ok) throw new ConfigError(`Ongeldige configuratie: ${retention.problems.join('; ')}`);
  const terugkoppeling = terugkoppelingSettingsFromEnv(relevant);
  if (!terugkoppeling.ok)
    throw new ConfigError(`Ongeldige configuratie: ${terugkoppeling.problems.join('; ')}`);
  return {
    host: e.KCC_HOST,
    port: e.KCC_PORT,
    dataDir: path.resolve(e.KCC_DATA_DIR),
    dbSynchronous: e.KCC_DB_SYNCHRONOUS,
    databaseUrl: e.KCC_DATABASE_URL,
    noDesktop: e.KCC_NO_DESKTOP ?? false,
    demo: e.KCC_DEMO,
    integrationKey: e.KCC_INTEGRATION_KEY ?? (e.KCC_DEMO ? DEMO_INTEGRATION_KEY : undefined),
    klantinteractiesToken:
      e.KCC_KLANTINTERACTIES_TOKEN ?? (e.KCC_DEMO ? DEMO_KLANTINTERACTIES_TOKEN : undefined),
    smtpPort: e.KCC_SMTP_PORT,
    smtpRelay: e.KCC_SMTP_RELAY,
    publicUrl: e.KCC_PUBLIC_URL?.replace(/\/+$/, ''),
    tokenSecret: e.KCC_TOKEN_SECRET,
    auditKey: e.KCC_AUDIT_KEY,
    workplaceDir: e.KCC_WORKPLACE_DIR
      ? path.resolve(e.KCC_WORKPLACE_DIR)
      : path.join(REPO_ROOT, 'apps/workplace/dist'),
    logLevel: e.KCC_LOG_LEVEL,
    acceptTimeoutMs: e.KCC_ACCEPT_TIMEOUT_MS,
    wrapUpMs: e.KCC_WRAP_UP_MS,
    disconnectGraceMs: e.KCC_DISCONNECT_GRACE_MS,
    reconnectGraceMs: e.KCC_RECONNECT_GRACE_MS,
    redisUrl: e.KCC_REDIS_URL,
    instanceId: e.KCC_INSTANCE_ID,
    registers: registersConfig(e),
    channels: channels.config,
    cobrowse: cobrowseSettingsFromEnv(relevant),
    retention: retention.settings,
    terugkoppeling: terugkoppeling.settings,
    auth: auth.settings,
  };
}
