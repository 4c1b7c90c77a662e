import type { FastifyInstance } from 'fastify';
import type { StoreMigration } from '../store/migration';
import type { Store } from '../store/store';
import type { KlantinteractiesPort, MedewerkerRef } from './klantinteracties/ports';
import type { UnitOfWork } from '../shared/domain-events';

/** What `modules/klantinteracties/index.ts` provides to the rest of the server. */
export interface KlantinteractiesModule {
  port: KlantinteractiesPort;
  registerApi(app: FastifyInstance, opts: { token: string }): void;
  seedDemo(): Promise<void>;
  ensureMedewerker(m: MedewerkerRef): Promise<{ actorUuid: string }>;
  /** The partijen behind these klantcontacten, through their betrokkenen (the verwerkingenlog of API reads). */
  klantcontactPartijen?(klantcontactUuids: string[]): Promise<string[]>;
}

export interface KlantinteractiesProvider {
  /** On the async store: SQLite by default, PostgreSQL with `KCC_DATABASE_URL`. */
  migrations: readonly StoreMigration[];
  /**
   * `events`: the server's unit of work; a store that records `interne-taak-verwerkt` in it gets terugkoppelingen
   * for every interne taak that goes to `verwerkt`.
   */
  create(deps: {
    store: Store;
    publicBaseUrl: string;
    now: () => Date;
    events?: UnitOfWork;
  }): KlantinteractiesModule;
  normalisePhone?: (phone: string) => string;
}
