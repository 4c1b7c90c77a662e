import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Migration } from '../store/migration';
import type { KlantinteractiesPort, MedewerkerRef } from './klantinteracties/ports';
import type { InterneTaakVerwerkt } from './klantinteracties/store';

/** What `modules/klantinteracties/index.ts` provides to the rest of the server. */
export interface KlantinteractiesModule {
  port: KlantinteractiesPort;
  registerApi(app: FastifyInstance, opts: { token: string }): void;
  seedDemo(): void;
  ensureMedewerker(m: MedewerkerRef): { actorUuid: string };
  /** Every transition of an interne taak to `verwerkt`, inside its transaction (absent: no terugkoppeling). */
  onInterneTaakVerwerkt?(listener: (e: InterneTaakVerwerkt) => void): void;
  /** The partijen behind these klantcontacten, through their betrokkenen (the verwerkingenlog of API reads). */
  klantcontactPartijen?(klantcontactUuids: string[]): string[];
}

export interface KlantinteractiesProvider {
  migrations: Migration[];
  create(deps: { db: Database.Database; publicBaseUrl: string; now: () => Date }): KlantinteractiesModule;
  normalisePhone?: (phone: string) => string;
}
