import { authMigrations } from '../modules/auth/auth.migrations';
import { authStoreMigrations } from '../modules/auth/auth.store-migrations';
import { usersStoreMigrations } from '../modules/auth/users.repository';
import { channelsMigrations } from '../modules/channels/channels.migrations';
import { ontvangstbevestigingMigrations } from '../modules/channels/email/ontvangstbevestiging';
import { contactsMigrations } from '../modules/contacts/contacts.migrations';
import { identificatieMigrations } from '../modules/klantbeeld/identificatie';
import { auditMigrations } from '../modules/audit';
import { kennisbankMigrations } from '../modules/kennisbank/kennisbank.migrations';
import { messagesMigrations } from '../modules/messages/messages.repository';
import { queuesMigrations } from '../modules/queues/queues.migrations';
import {
  openKlantOutboxMigrations,
  openKlantOverdrachtMigrations,
} from '../connectors/openklant/openklant-outbox';
import { idempotencyMigrations } from '../modules/registration/idempotency';
import { transferMigrations } from '../modules/transfer/transfer.repository';
import { quickRepliesMigrations } from '../modules/quick-replies/quick-replies.module';
import { onderwerpenMigrations } from '../modules/onderwerpen/onderwerpen.module';
import { nawerkMigrations } from '../modules/registration/nawerk-notities';
import { reportsMigrations } from '../modules/reports/reports.migrations';
import { retentionMigrations } from '../modules/retention/retention.migrations';
import { interneTakenMigrations } from '../modules/interne-taken/index';
import { ratingTokenMigrations } from '../modules/reports/reports.module';
import { terugkoppelingMigrations } from '../modules/terugkoppeling/index';
import { toestemmingenMigrations } from '../modules/toestemmingen/index';
import { routingLeaseMigrations } from '../cluster/routing-lease';
import { sqliteForm } from './migrate-store';
import type { Migration, StoreMigration } from './migration';
import { sharedSecretsMigrations } from './shared-secrets';

/**
 * The migrations of the modules on the async store (store/README.md), in the order they must run: on SQLite in
 * the server's data dir after `serverMigrations`, on PostgreSQL with KCC_DATABASE_URL.
 */
export const storeMigrations: readonly StoreMigration[] = [
  ...contactsMigrations,
  ...idempotencyMigrations,
  ...quickRepliesMigrations,
  ...auditMigrations,
  ...kennisbankMigrations,
  ...onderwerpenMigrations,
  ...toestemmingenMigrations,
  ...interneTakenMigrations,
  ...authStoreMigrations,
  ...terugkoppelingMigrations,
  ...openKlantOutboxMigrations,
  ...reportsMigrations,
  ...ratingTokenMigrations,
  ...identificatieMigrations,
  ...channelsMigrations,
  ...ontvangstbevestigingMigrations,
  // Identity (issue 10 §2/§3): users before queues (agent_profiles references users).
  ...usersStoreMigrations,
  ...queuesMigrations,
  ...sharedSecretsMigrations,
  ...retentionMigrations,
  ...routingLeaseMigrations,
  ...messagesMigrations,
  ...transferMigrations,
  ...nawerkMigrations,
];

/**
 * `storeMigrations` with those of the Klantinteracties provider (the embedded store's tables, or none for a fake)
 * first: what `migrateStore` runs at start.
 */
export function allStoreMigrations(klantinteractiesMigrations: readonly StoreMigration[]): StoreMigration[] {
  return [...klantinteractiesMigrations, ...storeMigrations];
}

/**
 * Every module's SQLite schema, in the order it must run: the modules still on the synchronous connection, and
 * the async store's modules in their SQLite form at their old place (so their tables also exist in the data dir
 * when the async store is on PostgreSQL, unused there).
 */
export function serverMigrations(klantinteractiesMigrations: readonly StoreMigration[]): Migration[] {
  return [
    ...authMigrations,
    ...queuesMigrations.map(sqliteForm),
    ...contactsMigrations.map(sqliteForm),
    ...messagesMigrations.map(sqliteForm),
    ...channelsMigrations.map(sqliteForm),
    ...ontvangstbevestigingMigrations.map(sqliteForm),
    ...transferMigrations.map(sqliteForm),
    ...quickRepliesMigrations.map(sqliteForm),
    ...auditMigrations.map(sqliteForm),
    ...identificatieMigrations.map(sqliteForm),
    ...idempotencyMigrations.map(sqliteForm),
    ...kennisbankMigrations.map(sqliteForm),
    ...onderwerpenMigrations.map(sqliteForm),
    ...nawerkMigrations.map(sqliteForm),
    ...reportsMigrations.map(sqliteForm),
    ...retentionMigrations.map(sqliteForm),
    ...ratingTokenMigrations.map(sqliteForm),
    ...toestemmingenMigrations.map(sqliteForm),
    ...terugkoppelingMigrations.map(sqliteForm),
    ...openKlantOutboxMigrations.map(sqliteForm),
    ...openKlantOverdrachtMigrations,
    ...klantinteractiesMigrations.map(sqliteForm),
    ...interneTakenMigrations.map(sqliteForm),
    ...sharedSecretsMigrations.map(sqliteForm),
  ];
}
