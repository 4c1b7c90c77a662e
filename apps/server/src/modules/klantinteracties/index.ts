import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Migration } from '../../store/migration';
import { registerKlantinteractiesApi } from './api-routes';
import { klantinteractiesMigrations as migrations } from './klantinteracties.migrations';
import type { KlantinteractiesPort, MedewerkerRef } from './ports';
import { seedDemo } from './seed-demo';
import { KlantinteractiesSerializer } from './serializers';
import { SqliteKlantinteracties } from './sqlite-klantinteracties';
import type { UnitOfWork } from '../../shared/domain-events';
import { KlantinteractiesStore } from './store';

export const klantinteractiesMigrations: Migration[] = migrations;

/** The embedded Klantinteracties store: the port the server uses, the compatible REST API and the demo seed. */
export function createKlantinteracties(deps: {
  db: Database.Database;
  publicBaseUrl: string;
  now: () => Date;
  /** Changes of interne taken run in the server's unit of work; `interne-taak-verwerkt` is dispatched after. */
  events?: UnitOfWork;
}): {
  port: KlantinteractiesPort;
  registerApi(app: FastifyInstance, opts: { token: string }): void;
  seedDemo(): void;
  ensureMedewerker(m: MedewerkerRef): { actorUuid: string };
  klantcontactPartijen(klantcontactUuids: string[]): string[];
} {
  const store = new KlantinteractiesStore(deps.db, deps.now, deps.events);
  const serializer = new KlantinteractiesSerializer(store, deps.publicBaseUrl);
  const port = new SqliteKlantinteracties(store, serializer);
  return {
    port,
    registerApi: (app, opts) =>
      registerKlantinteractiesApi(app, {
        store,
        serializer,
        publicBaseUrl: deps.publicBaseUrl,
        token: opts.token,
      }),
    seedDemo: () => seedDemo(store, port, deps.now),
    ensureMedewerker: (m) => port.ensureMedewerker(m),
    klantcontactPartijen: (uuids) => [
      ...new Set(
        uuids.flatMap((uuid) =>
          store
            .betrokkenenVanKlantcontact(uuid)
            .flatMap((b) => (b.partij_uuid !== null ? [b.partij_uuid] : [])),
        ),
      ),
    ],
  };
}

export { canonicalPhone } from './phone';
export * from './ports';
