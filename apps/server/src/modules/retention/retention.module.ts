import type { FastifyInstance } from 'fastify';
import type { AuthGuard } from '../../http/auth-guard';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Store } from '../../store/store';
import { pruneVerwerkingenlog, type CheckpointSigner } from '../audit';
import { createChannelsRetention } from '../channels/channels.module';
import { createContactsRetention } from '../contacts';
import { createMessagesRetention } from '../messages';
import { createRegistrationRetention } from '../registration';
import { createReportsRetention } from '../reports/reports.module';
import { createTerugkoppelingRetention } from '../terugkoppeling';
import { createTransferRetention } from '../transfer';
import type { RetentionSettings } from './retention-settings';
import { registerRetentionRoutes } from './retention.routes';
import { createRetentionRepository } from './retention.repository';
import { createRetentionService, type RetentionService } from './retention.service';

/**
 * The retention service over this database: each module's own retention functions (each runs SQL on its own tables
 * only) composed into one job.
 */
export function createRetention(deps: {
  /** The async store (the modules that moved onto it). */
  store: Store;
  settings: RetentionSettings;
  checkpoints: CheckpointSigner;
  clock: Clock;
  log: Logger;
}): RetentionService {
  const messages = createMessagesRetention(deps.store);
  const contacts = createContactsRetention(deps.store);
  const channels = createChannelsRetention(deps.store);
  const transfer = createTransferRetention(deps.store);
  const reports = createReportsRetention(deps.store);
  const registration = createRegistrationRetention(deps.store);
  const terugkoppeling = createTerugkoppelingRetention(deps.store);
  return createRetentionService({
    repo: createRetentionRepository(deps.store),
    settings: deps.settings,
    contacts,
    purgers: {
      contacten: [
        contacts.anonymise,
        channels.anonymise,
        transfer.deleteNotesAndDrafts,
        reports.forgetPartij,
        registration.deleteNawerkNotities,
        terugkoppeling.deleteForContacts,
      ],
      transcripten: [messages.eraseTexts],
      bijlagen: [messages.deleteAttachments],
    },
    pruneLog: (opts) => pruneVerwerkingenlog(deps.store, deps.checkpoints, opts),
    clock: deps.clock,
    log: deps.log,
  });
}

/** Bewaartermijnen: the daily job and the beheerder's routes. */
export function createRetentionModule(
  app: FastifyInstance,
  deps: Parameters<typeof createRetention>[0] & { guard: AuthGuard },
): RetentionService {
  const retention = createRetention(deps);
  registerRetentionRoutes(app, { guard: deps.guard, retention });
  return retention;
}
