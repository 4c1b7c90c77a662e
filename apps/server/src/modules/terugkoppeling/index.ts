import { ConnectorError } from '../../connectors/errors';
import { createNotifyClient } from '../../connectors/notifynl/notifynl-connector';
import type { Clock } from '../../shared/clock';
import type { EventBus, RegisteredEvent } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';
import type { Store } from '../../store/store';
import type { TerugkoppelingSettings } from './terugkoppeling-settings';
import {
  TerugkoppelingOutbox,
  VerzendFout,
  type Gebeurtenis,
  type TerugkoppelingDeps,
} from './terugkoppeling.outbox';
import { createTerugkoppelingRepository } from './terugkoppeling.repository';

export { terugkoppelingMigrations } from './terugkoppeling.repository';
export { createTerugkoppelingRetention } from './terugkoppeling-retention';
export { terugkoppelingSettingsFromEnv, type TerugkoppelingSettings } from './terugkoppeling-settings';
export type { TerugkoppelingOutbox } from './terugkoppeling.outbox';

/** Why a send failed; retried only when the message certainly did not go out (never twice). */
export function classifySendError(err: unknown): VerzendFout {
  if (err instanceof ConnectorError) {
    // A timeout or an unreadable answer: NotifyNL may have accepted it. Answered errors and refused connections
    // did not send anything; a 4xx other than 429 will not get better by trying again.
    if (err.kind === 'timeout' || err.kind === 'invalid_response')
      return new VerzendFout(
        'Onbekend of de sms is aangekomen (geen geldig antwoord). Niet opnieuw verstuurd.',
        false,
      );
    const opnieuw =
      err.kind === 'network' ||
      err.kind === 'circuit_open' ||
      err.kind === 'server' ||
      err.kind === 'rate_limited';
    return new VerzendFout(`NotifyNL: ${err.message}`, opnieuw);
  }
  const e = err as { responseCode?: number; code?: string; message?: string };
  // SMTP: a 5xx answer is permanent (RFC 5321); 4xx and a connection that never got there are worth a retry.
  if (typeof e.responseCode === 'number')
    return new VerzendFout(`Mailserver: ${e.message ?? e.responseCode}`, e.responseCode < 500);
  return new VerzendFout(`Mailserver niet bereikbaar: ${e.message ?? String(err)}`, true);
}

export interface TerugkoppelingModule {
  outbox: TerugkoppelingOutbox;
  /** An interne taak went to `verwerkt` (`interne-taak-verwerkt`). */
  interneTaakVerwerkt(e: {
    taakUuid: string;
    onderwerp: string;
    afdeling?: string;
    partijUuid?: string;
    contactId?: string;
  }): void;
  /** A terugbelverzoek got its last outcome (`terugbelverzoek-afgesloten`). */
  terugbelverzoekAfgesloten(e: {
    contactId: string;
    uitkomst: 'gelukt' | 'niet-bereikt';
    pogingen: number;
    partijUuid?: string;
  }): void;
  /** A klantcontact was registered (`contact-registered`). */
  geregistreerd(e: {
    contactId: string;
    klantcontactUuid: string;
    channel: string;
    onderwerp: string;
    partijUuid?: string;
    /** Set when the registration made an interne taak (a follow-up). */
    vervolg?: { afdeling?: string };
  }): void;
  start(): void;
  stop(): void;
}

export function createTerugkoppelingModule(
  deps: Omit<TerugkoppelingDeps, 'sms' | 'classify' | 'telefoon' | 'repository'> & {
    store: Store;
    clock: Clock;
    log: Logger;
    settings: TerugkoppelingSettings;
    /** Tests: a fetch for the NotifyNL client. */
    fetch?: typeof fetch;
    /** `contact-registered`, `interne-taak-verwerkt` and `terugbelverzoek-afgesloten` become terugkoppelingen. */
    events?: EventBus;
    /** The partij of a contact: linked, or the one its phone, e-mail or BSN matches. */
    partijVan?: (contactId: string) => Promise<string | undefined>;
    /** The name of an afdeling by its actor uuid; undefined for a medewerker or an unknown actor. */
    afdelingNaam?: (actorUuid: string) => Promise<string | undefined>;
  },
): TerugkoppelingModule {
  const notify = deps.settings.notify;
  const outbox = new TerugkoppelingOutbox({
    ...deps,
    repository: createTerugkoppelingRepository(deps.store, () => deps.clock.now()),
    telefoon: deps.settings.telefoon,
    classify: classifySendError,
    ...(notify
      ? {
          sms: {
            client: createNotifyClient({
              url: notify.url,
              apiKey: notify.apiKey,
              timeoutMs: 10_000,
              ...(deps.fetch ? { fetch: deps.fetch } : {}),
            }),
            templateTerugkoppeling: notify.templateTerugkoppeling,
            templateBeoordeling: notify.templateBeoordeling,
          },
        }
      : {}),
  });
  // Subscribers hear committed events; the row is written on the async store right after, a failure is logged.
  const record = (g: Gebeurtenis) => {
    outbox
      .record(g)
      .catch((err: unknown) =>
        deps.log.error({ err, sleutel: g.sleutel }, 'terugkoppeling: vastleggen mislukt'),
      );
  };
  const module: TerugkoppelingModule = {
    outbox,
    interneTaakVerwerkt(e) {
      record({
        sleutel: `interne-taak:${e.taakUuid}`,
        aanleiding: {
          soort: 'interne_taak_verwerkt',
          onderwerp: e.onderwerp,
          ...(e.afdeling ? { afdeling: e.afdeling } : {}),
        },
        partijUuid: e.partijUuid,
        contactId: e.contactId,
      });
    },
    terugbelverzoekAfgesloten(e) {
      record({
        sleutel: `terugbelverzoek:${e.contactId}`,
        aanleiding: { soort: 'terugbelverzoek_afgesloten', uitkomst: e.uitkomst, pogingen: e.pogingen },
        partijUuid: e.partijUuid,
        contactId: e.contactId,
      });
    },
    geregistreerd(e) {
      if (e.vervolg) {
        record({
          sleutel: `vervolg:${e.klantcontactUuid}`,
          aanleiding: {
            soort: 'vervolg_geregistreerd',
            onderwerp: e.onderwerp,
            ...(e.vervolg.afdeling ? { afdeling: e.vervolg.afdeling } : {}),
          },
          partijUuid: e.partijUuid,
          contactId: e.contactId,
        });
      }
      // One rating request per phone contact, however many questions it registered.
      if (e.channel === 'telefoon') {
        record({
          sleutel: `beoordeling:${e.contactId}`,
          aanleiding: { soort: 'beoordeling' },
          partijUuid: e.partijUuid,
          contactId: e.contactId,
        });
      }
    },
    start: () => outbox.start(),
    stop: () => outbox.stop(),
  };
  const partijVan = async (contactId: string) => {
    const uuid = await deps.partijVan?.(contactId);
    return uuid !== undefined ? { partijUuid: uuid } : {};
  };
  /** The lookups (partij, afdeling) are async: a failure is logged like a failed record. */
  const later = (what: string, work: () => Promise<void>) => {
    work().catch((err: unknown) => deps.log.error({ err }, `terugkoppeling: ${what} mislukt`));
  };
  deps.events?.on('interne-taak-verwerkt', (e) => module.interneTaakVerwerkt(e));
  deps.events?.on('terugbelverzoek-afgesloten', (e) =>
    later('terugbelverzoek', async () =>
      module.terugbelverzoekAfgesloten({
        contactId: e.contactId,
        uitkomst: e.uitkomst,
        pogingen: e.pogingen,
        ...(await partijVan(e.contactId)),
      }),
    ),
  );
  deps.events?.on('contact-registered', (e: RegisteredEvent) =>
    later('registratie', async () => {
      const actor = e.request.interneTaak?.actor?.uuid;
      const afdeling = actor !== undefined ? await deps.afdelingNaam?.(actor) : undefined;
      const partij = e.request.partij?.uuid;
      module.geregistreerd({
        contactId: e.contactId,
        klantcontactUuid: e.klantcontactUuid,
        channel: e.channel,
        onderwerp: e.request.onderwerp,
        ...(partij !== undefined ? { partijUuid: partij } : await partijVan(e.contactId)),
        ...(e.request.interneTaak ? { vervolg: afdeling !== undefined ? { afdeling } : {} } : {}),
      });
    }),
  );
  return module;
}
