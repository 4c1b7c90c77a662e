import { authMigrations } from '../modules/auth/auth.migrations';
import { contactsMigrations } from '../modules/contacts/contacts.migrations';
import { verwerkingenMigrations } from '../modules/klantbeeld/verwerkingen';
import { kennisbankMigrations } from '../modules/kennisbank/kennisbank.migrations';
import { queuesMigrations } from '../modules/queues/queues.migrations';
import { openKlantOutboxMigrations } from '../connectors/openklant/openklant-outbox';
import { idempotencyMigrations } from '../modules/registration/idempotency';
import type { Migration } from './migration';

/** Every module's migrations, in the order they must run. */
export function serverMigrations(klantinteractiesMigrations: readonly Migration[]): Migration[] {
  return [
    ...authMigrations,
    ...queuesMigrations,
    ...contactsMigrations,
    ...verwerkingenMigrations,
    ...idempotencyMigrations,
    ...kennisbankMigrations,
    ...openKlantOutboxMigrations,
    ...klantinteractiesMigrations,
  ];
}
