import type Database from 'better-sqlite3';
import type { Register } from '@kcc/contracts/klantbeeld';
import type { Config } from '../config';
import type { Store } from '../store/store';
import type { KlantinteractiesPort } from '../modules/klantinteracties/ports';
import { createEmbeddedBrp } from '../modules/klantbeeld/embedded-brp';
import { createEmbeddedKlantregister } from '../modules/klantbeeld/embedded-klantregister';
import { createEmbeddedKvk } from '../modules/klantbeeld/embedded-kvk';
import { createEmbeddedZaken } from '../modules/klantbeeld/embedded-zaken';
import type { Klantregister, Registers } from '../modules/klantbeeld/ports';
import { createBrpConnector } from './brp/brp-connector';
import { createKvkConnector } from './kvk/kvk-connector';
import { createOpenKlantClient } from './openklant/openklant-client';
import {
  createOpenKlantOutboxRepository,
  createOpenKlantOverdracht,
  OpenKlantOutbox,
  withOpenKlantOutbox,
} from './openklant/openklant-outbox';
import { createOpenKlantReader } from './openklant/openklant-reader';
import { createOpenKlantRegister } from './openklant/openklant-register';
import { createOpenZaakConnector } from './openzaak/openzaak-connector';

export type RegistersConfig = Config['registers'];

export interface ConnectedRegisters {
  registers: Registers;
  /** The klantregister of the contact panel (recognition, search, new partijen): embedded or Open Klant. */
  klantregister: Klantregister;
  /** Per-register time budget of a klantbeeld section. */
  timeoutsMs: Record<Register, number>;
  /** Wraps the embedded Klantinteracties port so registrations also go to Open Klant (when configured). */
  wrapPort(port: KlantinteractiesPort): KlantinteractiesPort;
  outbox?: OpenKlantOutbox;
  close(): Promise<void>;
}

/**
 * The registers the klantbeeld reads: each one external when its URL and credentials are configured,
 * otherwise the embedded demo register.
 */
export function connectRegisters(
  config: RegistersConfig,
  deps: {
    /** The registration's synchronous connection (the hand-over to the outbox). */
    db: Database.Database;
    /** The async store the outbox lives on. */
    store: Store;
    port: () => KlantinteractiesPort;
    now?: () => Date;
    log?: (msg: string, data?: Record<string, unknown>) => void;
  },
): ConnectedRegisters {
  const t = config.timeoutMs;
  const zaken = config.openZaak
    ? createOpenZaakConnector({ ...config.openZaak, timeoutMs: t })
    : createEmbeddedZaken(deps.now);
  const brp = config.brp ? createBrpConnector({ ...config.brp, timeoutMs: t }) : createEmbeddedBrp();
  const kvk = config.kvk ? createKvkConnector({ ...config.kvk, timeoutMs: t }) : createEmbeddedKvk();
  let outbox: OpenKlantOutbox | undefined;
  let klantinteracties = createEmbeddedKlantregister(deps.port);
  if (config.openKlant) {
    const http = createOpenKlantClient({ ...config.openKlant, timeoutMs: t });
    outbox = new OpenKlantOutbox(
      {
        repository: createOpenKlantOutboxRepository(deps.store),
        overdracht: createOpenKlantOverdracht(deps.db),
      },
      http,
      { ...(deps.log ? { log: deps.log } : {}) },
    );
    klantinteracties = createOpenKlantRegister({
      http,
      reader: createOpenKlantReader(http),
      outbox,
      gespreksresultaatNamen: async () =>
        new Map((await deps.port().gespreksresultaten()).map((g) => [g.code, g.naam])),
    });
    outbox.start();
  }
  // The section budget covers the connector's retries: three attempts plus backoff.
  const budget = (external: boolean) => (external ? t * 3 + 500 : t);
  return {
    registers: { zaken, brp, kvk, klantinteracties },
    klantregister: klantinteracties,
    timeoutsMs: {
      zaken: budget(zaken.bron === 'extern'),
      brp: budget(brp.bron === 'extern'),
      kvk: budget(kvk.bron === 'extern'),
      klantinteracties: budget(klantinteracties.bron === 'extern'),
    },
    wrapPort: (port) => (outbox ? withOpenKlantOutbox(port, outbox) : port),
    ...(outbox ? { outbox } : {}),
    close: async () => {
      await outbox?.stop();
    },
  };
}
