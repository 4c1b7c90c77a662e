import type { FastifyInstance } from 'fastify';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import { registerKlantinteractiesApi } from './api-routes';
import { klantinteractiesMigrations as migrations } from './klantinteracties.migrations';
import type { KlantinteractiesPort, MedewerkerRef } from './ports';
import { seedDemo } from './seed-demo';
import { KlantinteractiesSerializer } from './serializers';
import { SqliteKlantinteracties } from './sqlite-klantinteracties';
import type { UnitOfWork } from '../../shared/domain-events';
import { KlantinteractiesStore } from './store';

export const klantinteractiesMigrations: readonly StoreMigration[] = migrations;

/** The embedded Klantinteracties store: the port the server uses, the compatible REST API and the demo seed. */
export function createKlantinteracties(deps: {
  store: Store;
  publicBaseUrl: string;
  now: () => Date;
  /** Changes of interne taken run in the server's unit of work; `interne-taak-verwerkt` is dispatched after. */
  events?: UnitOfWork;
}): {
  port: KlantinteractiesPort;
  registerApi(app: FastifyInstance, opts: { token: string }): void;
  seedDemo(): Promise<void>;
  ensureMedewerker(m: MedewerkerRef): Promise<{ actorUuid: string }>;
  klantcontactPartijen(klantcontactUuids: string[]): Promise<string[]>;
} {
  const store = new KlantinteractiesStore(deps.store, deps.now, deps.events);
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
    klantcontactPartijen: async (uuids) => {
      const partijen = new Set<string>();
      for (const uuid of uuids) {
        for (const b of await store.betrokkenenVanKlantcontact(uuid)) {
          if (b.partij_uuid !== null) partijen.add(b.partij_uuid);
        }
      }
      return [...partijen];
    },
  };
}

export { canonicalPhone } from './phone';
export * from './ports';
