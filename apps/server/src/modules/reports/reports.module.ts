import type { FastifyInstance } from 'fastify';
import type { RateLimitStore } from '../rate-limit';
import type { AuthGuard } from '../../http/auth-guard';
import type { EventBus, RegisteredEvent } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';
import type { Store } from '../../store/store';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { RoutingService } from '../routing/routing.service';
import { createRatingLinks, type RatingLinks } from './rating-link';
import { registerRatingRoutes } from './rating.routes';
import { RatingTokens } from './rating-tokens';
import { ReportRegistrations } from './report-registrations';
import { ReportService, type Belofte, type ReportDeps } from './report.service';
import { registerReportRoutes } from './reports.routes';

export { createReportsRetention } from './reports-retention';
export { ratingTokenMigrations } from './rating-tokens';

export interface ReportsModule {
  service: ReportService;
  /** For e-mail replies: `ratingLinks.linkFor(contactId)` → `{publicBaseUrl}/beoordeling/{token}`. */
  ratingLinks: RatingLinks;
  /** Single-use rating links for phone contacts: `phoneRatingLink(contactId)` → `{publicBaseUrl}/beoordeling/{token}`. */
  phoneRatingLink(contactId: string): Promise<string>;
  /** After a registration committed (`contact-registered`): keeps the facts FCR needs. */
  recordRegistration(event: RegisteredEvent): Promise<void>;
}

export function createReportsModule(
  app: FastifyInstance,
  deps: {
    /** The async store (rating tokens, registration facts). */
    store: Store;
    guard: AuthGuard;
    contacts: ContactsRepository;
    routing: RoutingService;
    /** The current names of the onderwerpen of the managed list, by id (rows of the onderwerp breakdown). */
    onderwerpNamen: () => Promise<ReadonlyMap<string, string>>;
    /** Server secret the rating tokens are signed with. */
    secret: string;
    publicBaseUrl: string;
    /** Answers promised to residents (the channels module's ontvangstbevestigingen). */
    beloften: (from: number, to: number) => Promise<Belofte[]>;
    /** The kanaalsturing records in a range (the kennisbank's port). */
    kanaalsturing: ReportDeps['kanaalsturing'];
    now?: () => number;
    log: Logger;
    /** `contact-registered` is recorded for the reports. */
    events: EventBus;
    /** Where the rating page's limit counts (default: this process's memory; in a cluster: Redis). */
    rateLimitStore?: RateLimitStore;
  },
): ReportsModule {
  const registrations = new ReportRegistrations(deps.store);
  const service = new ReportService({
    contacts: deps.contacts,
    registrations,
    beloften: deps.beloften,
    kanaalsturing: deps.kanaalsturing,
    queues: () =>
      deps.routing.queueIds().flatMap((id) => {
        const q = deps.routing.queueConfig(id);
        return q ? [{ id, name: q.name, withinSeconds: q.servicenorm.withinSeconds }] : [];
      }),
  });
  const ratingLinks = createRatingLinks(deps.secret, deps.publicBaseUrl);
  registerReportRoutes(app, { guard: deps.guard, reports: service, onderwerpNamen: deps.onderwerpNamen });
  const now = deps.now ?? Date.now;
  const ratingTokens = new RatingTokens(deps.store, deps.publicBaseUrl, now);
  registerRatingRoutes(app, {
    links: ratingLinks,
    tokens: ratingTokens,
    contacts: deps.contacts,
    now,
    ...(deps.rateLimitStore ? { rateLimitStore: deps.rateLimitStore } : {}),
  });
  const recordRegistration = async (event: RegisteredEvent): Promise<void> => {
    const partij = event.request.partij?.uuid ?? (await deps.contacts.get(event.contactId))?.partijUuid;
    return registrations.record({
      klantcontactUuid: event.klantcontactUuid,
      contactId: event.contactId,
      at: event.at,
      ...(partij !== undefined ? { partijUuid: partij } : {}),
      onderwerp: event.request.onderwerp,
      ...(event.request.onderwerpId !== undefined ? { onderwerpId: event.request.onderwerpId } : {}),
      gespreksresultaat: event.request.gespreksresultaat,
    });
  };
  // Subscribers hear committed events; the facts are written on the async store right after, a failure is logged.
  deps.events.on('contact-registered', (event) => {
    recordRegistration(event).catch((err: unknown) =>
      deps.log.error({ err, contactId: event.contactId }, 'reports: registratie vastleggen mislukt'),
    );
  });
  return {
    service,
    ratingLinks,
    phoneRatingLink: (contactId) => ratingTokens.issue(contactId, 'telefoon'),
    recordRegistration,
  };
}
