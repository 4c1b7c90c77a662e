import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Migration } from '../store/migration';
import type { KlantinteractiesPort, MedewerkerRef } from './klantinteracties/ports';
import type { UnitOfWork } from '../shared/domain-events';

/** What `modules/klantinteracties/index.ts` provides to the rest of the server. */
export interface KlantinteractiesModule {
  port: KlantinteractiesPort;
  registerApi(app: FastifyInstance, opts: { token: string }): void;
  seedDemo(): void;
  ensureMedewerker(m: MedewerkerRef): { actorUuid: string };
  /** The partijen behind these klantcontacten, through their betrokkenen (the verwerkingenlog of API reads). */
  klantcontactPartijen?(klantcontactUuids: string[]): string[];
}

export interface KlantinteractiesProvider {
  migrations: Migration[];
  /**
   * `events`: the server's unit of work; a store that records `interne-taak-verwerkt` in it gets terugkoppelingen
   * for every interne taak that goes to `verwerkt`.
   */
  create(deps: {
    db: Database.Database;
    publicBaseUrl: string;
    now: () => Date;
    events?: UnitOfWork;
  }): KlantinteractiesModule;
  normalisePhone?: (phone: string) => string;
}
