import net from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { REPO_ROOT, type Config } from './config';
import { createAuthGuard } from './http/auth-guard';
import { frameworkErrors, registerErrorHandlers } from './http/error-handlers';
import { registerJsonBodyParser } from './http/json-body';
import { collectRoutes, type RouteEntry } from './http/route-list';
import { registerSecurityHeaders } from './http/security-headers';
import { registerWidgetStatic, widgetDirFromEnv } from './http/widget-static';
import { registerWorkplaceStatic } from './http/workplace-static';
import { createAuditLog } from './modules/audit/audit-log';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { createCheckpointSigner } from './modules/audit/checkpoints';
import { createBsnProtection, loadOrCreateAuditKey, parseAuditKey } from './modules/audit/bsn-protection';
import { registerInzageRoutes } from './modules/audit/inzage.routes';
import { registerKlantinteractiesApiLogging } from './modules/audit/ki-api-logging';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { seedDemoUsers } from './modules/auth/demo-users';
import { loginResponse } from './modules/auth/login-response';
import { createOidcClient } from './modules/auth/oidc-client';
import { OidcFlowStore } from './modules/auth/oidc-flows';
import { OidcLogin } from './modules/auth/oidc-login';
import { registerOidcRoutes } from './modules/auth/oidc.routes';
import { SessionStore } from './modules/auth/sessions';
import { TokenService } from './modules/auth/tokens';
import { createUsersRepository } from './modules/auth/users.repository';
import { contactsUnitOfWork } from './modules/contacts/index';
import { createOriginCheck } from './modules/channels/chat/citizen-namespace';
import { createCobrowseModule } from './modules/cobrowse/cobrowse.module';
import { createChannelsModule } from './modules/channels/channels.module';
import { registerDemoContactFormRoute } from './modules/channels/webformulier/demo-contact-form.routes';
import { createInboundService } from './modules/contacts/inbound.service';
import { registerInboundRoutes } from './modules/contacts/inbound.routes';
import { createKennisbankService, shareIndexChanges } from './modules/kennisbank/kennisbank.module';
import { registerKennisbankRoutes } from './modules/kennisbank/kennisbank.routes';
import { registerPublicKennisbankRoutes } from './modules/kennisbank/kennisbank-public.routes';
import { connectRegisters } from './connectors/index';
import { registerDemoDigidRoutes } from './modules/klantbeeld/demo-digid.routes';
import { createDemoDigidIssuer, createDigidVerifier, digidConfigFromEnv } from './modules/klantbeeld/digid';
import { createIdentificatieStore } from './modules/klantbeeld/identificatie';
import { heldContactPartij } from './modules/klantbeeld/contact-partij';
import { registerKlantbeeldRoutes } from './modules/klantbeeld/klantbeeld.routes';
import { verwerkingenLogFor } from './modules/audit';
import { useContentReadLog } from './modules/messages/contact-access';
import type { KlantinteractiesProvider } from './modules/klantinteracties-module';
import { ConnectionTracker } from './modules/presence/connection-tracker';
import { DEMO_QUEUES, demoAgentProfile } from './modules/queues/demo-queues';
import { KlantbeeldService } from './modules/klantbeeld/klantbeeld.service';
import { registerKoppelingenRoutes } from './modules/klantbeeld/koppelingen.routes';
import { registerKlantbeeldRegisterRoutes } from './modules/klantbeeld/registers.routes';
import { createQueuesRepository, type QueuesRepository } from './modules/queues/queues.repository';
import { createIdempotencyStore } from './modules/registration/idempotency';
import { registerRegistrationRoutes } from './modules/registration/registration.routes';
import { createNawerkNotities, registerNawerkRoutes, withNawerkNotities } from './modules/registration';
import { createOnderwerpenModule } from './modules/onderwerpen/onderwerpen.module';
import { RoutingService } from './modules/routing/routing.service';
import { registerWorkplaceRoutes } from './modules/workplace/workplace.routes';
import { createInterneTakenModule } from './modules/interne-taken/index';
import { createRetentionModule } from './modules/retention/retention.module';
import { createTerugkoppelingModule } from './modules/terugkoppeling/index';
import { createToestemmingenModule } from './modules/toestemmingen/index';
import { createDashboardModule } from './modules/dashboard/dashboard.module';
import { createQuickRepliesModule } from './modules/quick-replies/quick-replies.module';
import { seedSimAgents } from './modules/dashboard/sim-agents';
import { createReportsModule } from './modules/reports/reports.module';
import { pushToAgents, registerAgentNamespace } from './realtime/agent-namespace';
import { startCheckpointer } from './store/checkpointer';
import { createCommitSync } from './store/commit-sync';
import { openDatabase, type Db } from './store/db';
import { migrate } from './store/migrate';
import { migrateStore } from './store/migrate-store';
import { allStoreMigrations, serverMigrations } from './store/migrations';
import { openStore, type Store } from './store/store';
import { loadOrCreateTokenSecret } from './store/token-secret';
import { registerTestClockRoute } from './http/test-clock.routes';
import type { AdjustableClock } from './shared/adjustable-clock';
import { systemClock, type Clock } from './shared/clock';
import { createCluster, createRoutingLease, type RoutingLease } from './cluster';

export interface ServerOptions {
  /** Replace the embedded Klantinteracties store (tests). */
  klantinteracties?: KlantinteractiesProvider;
  /** The widget build with `widget.js` and `demo/` (default: env KCC_WIDGET_DIR, else apps/widget/dist). */
  widgetDir?: string;
  /** Demo only: seed this many simulator agents `sim001`… (default: env KCC_SIM_AGENTS, else 0). */
  simAgents?: number;
  /** Time and domain timers (default: the system clock); tests pass a `TestClock` and advance it. */
  clock?: Clock;
  /** End-to-end tests only (KCC_TEST_CLOCK=1, demo): this clock, movable over `POST /api/test/clock`. */
  testClock?: AdjustableClock;
  /**
   * Time of access tokens and sessions (default: the system clock, not `clock`, so simulations that advance the
   * domain clock by hours keep their logins); tests of token expiry pass a `TestClock`.
   */
  authClock?: Clock;
}

export interface RunningServer {
  app: FastifyInstance;
  io: Server;
  db: Db;
  /** The async store: PostgreSQL with KCC_DATABASE_URL, else SQLite on `db`. */
  store: Store;
  url: string;
  /** The inbound SMTP port (KCC_SMTP_PORT, or the random one when it is 0); undefined when e-mail in is off. */
  smtpPort: number | undefined;
  /** Every HTTP route (method and URL pattern), for tests that walk them all. */
  routes: readonly RouteEntry[];
  close(): Promise<void>;
}

/** Demo agents and their level in the skilled queue (belastingen needs ≥ 2). */
const DEMO_AGENT_SKILLS: Record<string, number> = { 'user-anna': 3, 'user-bram': 2 };

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function seedDemoQueues(queues: QueuesRepository): Promise<void> {
  const existing = new Set((await queues.list()).map((q) => q.config.id));
  for (const [i, q] of DEMO_QUEUES.entries()) {
    if (!existing.has(q.config.id)) await queues.upsert(q, i);
  }
  for (const [userId, level] of Object.entries(DEMO_AGENT_SKILLS)) {
    if (!(await queues.agentProfile(userId)))
      await queues.upsertAgentProfile(demoAgentProfile(userId, level));
  }
}

/**
 * Build and start the sync server: store migrated, demo seeded (KCC_DEMO), modules started, HTTP and
 * socket.io listening on one port. `config.port` 0 picks a free port (tests).
 */
export async function createServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const provider =
    options.klantinteracties ??
    (await import('./modules/klantinteracties-provider')).embeddedKlantinteracties;
  const port = config.port === 0 ? await freePort(config.host) : config.port;
  const displayHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;
  const publicBaseUrl = config.publicUrl ?? url;
  const clock = options.testClock ?? options.clock ?? systemClock;

  let ready = false;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers["x-integration-key"]', 'req.headers.cookie'],
      // Query strings can carry a BSN or phone number (searches, Klantinteracties filters): log the path only.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: req.url.split('?')[0],
          remoteAddress: req.ip,
        }),
      },
    },
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    frameworkErrors,
  });
  registerErrorHandlers(app);
  registerJsonBodyParser(app);
  const routes = collectRoutes(app);
  await registerSecurityHeaders(app);
  // What the instances of a cluster share (KCC_REDIS_URL); without it, this process keeps it in memory.
  const cluster = await createCluster({
    redisUrl: config.redisUrl,
    instanceId: config.instanceId,
    port,
    clock,
    log: app.log,
  });
  // Which instance runs the routing engine (issue 10 §3); set once the store is migrated.
  let lease: RoutingLease | undefined;
  app.get('/health', async (_request, reply) =>
    ready
      ? reply.send({ status: 'ok', instance: cluster.instanceId, routingLeader: lease?.isLeader() ?? false })
      : reply.code(503).type('application/problem+json').send({ title: 'Niet gereed', status: 503 }),
  );

  // Commits go to the OS without an fsync (they survive kill -9); with KCC_DB_SYNCHRONOUS=full an answer also
  // waits for an off-loop fsync of the WAL that many commits share (docs/decisions.md: durable commits).
  const db = openDatabase(config.dataDir, undefined, { synchronous: 'NORMAL' });
  const commitSync = config.dbSynchronous === 'full' ? createCommitSync(db) : undefined;
  // WAL checkpoints (copying pages into the database file, with fsyncs) run in a worker, not in a request.
  const checkpointer = startCheckpointer(db, app.log);
  // Modules on the async store use PostgreSQL when KCC_DATABASE_URL is set; the others still use `db`.
  const store = openStore(config.databaseUrl ? { postgresUrl: config.databaseUrl } : { sqlite: db });
  // Transition (issue 10 §2): with PostgreSQL the contacts live there, so the SQLite tables that still reference
  // contacts(id) (messages, chats, callbacks, …) cannot be checked against them until those modules move too.
  if (config.databaseUrl) db.pragma('foreign_keys = OFF');
  if (commitSync) {
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') await commitSync.durable();
      return payload;
    });
  }
  try {
    migrate(db, serverMigrations(provider.migrations));
    // On SQLite already applied by the line above; on PostgreSQL under an advisory lock.
    await migrateStore(store, allStoreMigrations(provider.migrations));
    // Without PostgreSQL this process always leads; with it, one instance of the cluster does.
    // Liveness is real time: a test that moves its clock an hour ahead must not expire the lease.
    lease = createRoutingLease({
      store,
      instanceId: cluster.instanceId,
      clock: systemClock,
      log: app.log,
      state: cluster.state,
    });
    await lease.start();

    const users = createUsersRepository(store, { demoAccounts: config.demo });
    await users.loadKnown();
    // Shared by every instance on this store (issue 10 §3); configuration wins when given.
    const warn = (msg: string) => app.log.warn(msg);
    const tokenSecret = config.tokenSecret ?? (await loadOrCreateTokenSecret(store, config.dataDir, warn));
    const authClock = options.authClock ?? systemClock;
    const tokens = new TokenService(tokenSecret, () => authClock.now());
    const sessions = new SessionStore(store, () => authClock.now());
    const guard = createAuthGuard(tokens, users, sessions, authClock);
    const queues = createQueuesRepository(store);
    // One unit of work per command: its domain events are appended to the event log in its transaction and
    // dispatched to the modules' subscribers after the commit (docs/ARCHITECTURE.md, "One path of a contact").
    const { events, contacts } = contactsUnitOfWork(store, app.log);
    const idempotency = createIdempotencyStore(store);
    const nawerk = createNawerkNotities(store);
    const ki = provider.create({ store, publicBaseUrl, now: () => new Date(), events });
    const connected = connectRegisters(config.registers, {
      db,
      store,
      port: () => ki.port,
      log: (msg, data) => app.log.warn(data ?? {}, msg),
    });
    const wrappedPort = connected.wrapPort(ki.port);
    const port_ = () => wrappedPort;
    // The history shows each klantcontact with the nawerk notes of the contact it was registered from.
    const historyReader = new Proxy(connected.registers.klantinteracties, {
      get(target, prop, receiver) {
        if (prop === 'klantcontactenVan') {
          return async (partijUuid: string, limit: number) =>
            await withNawerkNotities(await target.klantcontactenVan(partijUuid, limit), nawerk);
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const klantbeeld = new KlantbeeldService(
      { ...connected.registers, klantinteracties: historyReader },
      {
        timeoutsMs: connected.timeoutsMs,
        onRegisterError: (register, err) =>
          app.log.warn({ register, err: String(err) }, 'register niet beschikbaar'),
      },
    );
    const auditKey =
      config.auditKey !== undefined
        ? parseAuditKey(config.auditKey, 'KCC_AUDIT_KEY')
        : await loadOrCreateAuditKey(store, config.dataDir, warn);
    const checkpoints = createCheckpointSigner(auditKey);
    const audit = createAuditLog(store, {
      protection: createBsnProtection(auditKey),
      checkpoints,
      baseUrl: publicBaseUrl,
      bsnOfPartij: async (uuid) => (await ki.port.getPartij(uuid))?.bsn,
      partijenMetBsn: async (bsn) => {
        const r = await ki.port.recognise({ bsn });
        return [r.partij, ...r.kandidaten].flatMap((p) => (p?.bsn === bsn ? [p.uuid] : []));
      },
      gebruiker: (id) => {
        const u = users.known(id);
        return u ? { naam: u.name, rol: u.roles.join(',') } : undefined;
      },
    });
    await audit.importLegacy();
    const verwerkingen = verwerkingenLogFor(audit);
    /** The partij of a contact: linked, or the one partij its phone, e-mail or BSN matches. */
    const partijVanContact = async (contact: {
      partijUuid?: string | undefined;
      from: Parameters<typeof ki.port.recognise>[0];
    }): Promise<{ partijUuid?: string }> => {
      const uuid = contact.partijUuid ?? (await ki.port.recognise(contact.from)).partij?.uuid;
      return uuid !== undefined ? { partijUuid: uuid } : {};
    };
    // Reads of a contact's messages, drafts and transcripts are logged like klantbeeld reads.
    useContentReadLog(app, verwerkingen);

    if (config.demo) {
      await seedDemoUsers(users);
      await seedDemoQueues(queues);
      await seedSimAgents(users, queues, options.simAgents ?? (Number(process.env.KCC_SIM_AGENTS ?? 0) || 0));
      await ki.seedDemo();
    }
    const kennisbank = await createKennisbankService({ store, demo: config.demo, log: app.log, events });
    const stopSharingKennisbank = await shareIndexChanges(kennisbank, {
      state: cluster.state,
      instanceId: cluster.instanceId,
      log: app.log,
    });
    const onderwerpen = await createOnderwerpenModule(app, {
      store,
      guard,
      clock,
      log: app.log,
      products: () => kennisbank.products(),
    });
    for (const profile of await queues.agentProfiles()) {
      const user = users.known(profile.id);
      if (user) await ki.ensureMedewerker({ userId: user.id, username: user.username, name: user.name });
    }

    const routing = new RoutingService(contacts, queues, app.log, events, {
      ...(config.acceptTimeoutMs !== undefined ? { acceptTimeoutMs: config.acceptTimeoutMs } : {}),
      ...(config.wrapUpMs !== undefined ? { wrapUpMs: config.wrapUpMs } : {}),
      clock,
    });

    // Login through the municipality's identity provider (KCC_OIDC_*); its logins end in our own session.
    const oidcSettings = config.auth.oidc;
    const oidcClient = oidcSettings
      ? createOidcClient(oidcSettings, { now: () => authClock.now() })
      : undefined;
    const oidcFlows = oidcSettings ? new OidcFlowStore(store, () => authClock.now()) : undefined;
    if (oidcClient) {
      void oidcClient.warmUp().catch((err: unknown) => app.log.error(String(err)));
    }
    const postLogoutUri = `${publicBaseUrl}/`;
    registerAuthRoutes(app, {
      rateLimitStore: cluster.rateLimits,
      users,
      tokens,
      sessions,
      guard,
      localLogin: config.auth.localLogin,
      ...(oidcClient
        ? {
            endSessionUrl: async (sessionId: string) => {
              const idToken = await sessions.idToken(sessionId);
              return idToken ? oidcClient.endSessionUrl(idToken, postLogoutUri) : undefined;
            },
          }
        : {}),
    });
    registerOidcRoutes(app, {
      rateLimitStore: cluster.rateLimits,
      login:
        oidcSettings && oidcClient && oidcFlows
          ? new OidcLogin({
              client: oidcClient,
              flows: oidcFlows,
              users,
              settings: oidcSettings,
              log: app.log,
              // A medewerker can take contacts from the first login on; the Klantinteracties actor carries
              // the employee identifier (their username).
              onLogin: async (user) => {
                if (!user.roles.includes('medewerker')) return;
                await routing.enrolAgent(user.id);
                await ki
                  .ensureMedewerker({ userId: user.id, username: user.username, name: user.name })
                  .catch((err: unknown) =>
                    app.log.error({ err }, 'klantinteracties: medewerker-actor niet vastgelegd'),
                  );
              },
            })
          : undefined,
      flows: oidcFlows,
      localLogin: config.auth.localLogin,
      publicBaseUrl,
      users,
      sessions,
      answer: (user, sessionId, refreshToken) => loginResponse(tokens, user, sessionId, refreshToken),
    });
    const inbound = createInboundService({
      contacts,
      routing,
      unitOfWork: events,
      log: app.log,
      calendar: config.channels.calendar,
      ...(provider.normalisePhone ? { normalisePhone: provider.normalisePhone } : {}),
      clock,
    });
    registerInboundRoutes(app, { inbound, integrationKey: config.integrationKey });
    registerWorkplaceRoutes(app, { guard, contacts, routing, port: port_ });
    const identificatie = createIdentificatieStore(store);
    // DigiD tokens from the municipality's site (KCC_DIGID_*), or in demo mode the demo site's test issuer.
    const digidConfig = digidConfigFromEnv();
    const demoDigid =
      digidConfig === undefined && config.demo ? await createDemoDigidIssuer(() => clock.now()) : undefined;
    const digidSettings = digidConfig ?? demoDigid?.config;
    const digid = digidSettings ? await createDigidVerifier(digidSettings, () => clock.now()) : undefined;
    if (demoDigid) registerDemoDigidRoutes(app, { issuer: demoDigid, rateLimitStore: cluster.rateLimits });
    registerKlantbeeldRoutes(app, {
      guard,
      contacts,
      klantregister: connected.klantregister,
      verwerkingen,
      routing,
      klantbeeld,
      identificatie,
      brp: connected.registers.brp,
      now: () => clock.now(),
    });
    registerKlantbeeldRegisterRoutes(app, {
      guard,
      contacts,
      registers: connected.registers,
      klantbeeld,
      verwerkingen,
      identificatie,
    });
    registerKoppelingenRoutes(app, { guard, registers: connected.registers, outbox: connected.outbox });
    registerKennisbankRoutes(app, { guard, service: kennisbank });
    await createQuickRepliesModule(app, {
      store,
      guard,
      routing,
      userName: (id) => users.known(id)?.name,
      demo: config.demo,
    });

    const widgetOrigin = createOriginCheck(config.channels, [url, publicBaseUrl]);
    registerPublicKennisbankRoutes(app, {
      service: kennisbank,
      originAllowed: widgetOrigin,
      rateLimitStore: cluster.rateLimits,
    });
    const io = new Server(app.server, {
      serveClient: false,
      // Long-polling from the widget on a municipality's website (allow-list: KCC_WIDGET_ORIGINS).
      cors: { origin: (origin, callback) => callback(null, widgetOrigin(origin)) },
      maxHttpBufferSize: 100_000,
      connectionStateRecovery: { maxDisconnectionDuration: config.reconnectGraceMs, skipMiddlewares: false },
      // In a cluster: the Redis Streams adapter, which also keeps connection state recovery across instances.
      ...(cluster.socketAdapter ? { adapter: cluster.socketAdapter } : {}),
    });
    const tracker = new ConnectionTracker(
      {
        // Nobody sees an offer now: pause (pending offers are re-offered at once) and resume on a reconnect.
        // Each a routing command: its check runs in command order, after the commands queued before it.
        unreachable: (agentId) =>
          events.run(async () => {
            if (routing.agentState(agentId).presence !== 'beschikbaar') return false;
            await routing.setPresence(agentId, 'pauze');
            return true;
          }),
        reachable: (agentId) =>
          events.run(async () => {
            if (routing.agentState(agentId).presence === 'pauze')
              await routing.setPresence(agentId, 'beschikbaar');
          }),
        goOffline: async (agentId) => {
          await routing.setPresence(agentId, 'offline');
        },
        requeueActive: (agentId) => routing.requeueActive(agentId, 'agent-disconnected'),
      },
      { disconnectMs: config.disconnectGraceMs, reconnectMs: config.reconnectGraceMs },
      app.log,
      clock,
    );
    const channels = createChannelsModule(app, io, {
      rateLimitStore: cluster.rateLimits,
      config: config.channels,
      host: config.host,
      smtpPort: config.smtpPort,
      smtpRelay: config.smtpRelay,
      dataDir: config.dataDir,
      integrationKey: config.integrationKey,
      store,
      contacts,
      routing,
      inbound,
      guard,
      userName: (id) => users.known(id)?.name,
      port: port_,
      recogniseOnArrival: connected.klantregister.bron === 'embedded',
      ownOrigins: [url, publicBaseUrl],
      log: app.log,
      // `reports` is created below; replies are only composed after start-up.
      ratingLinkFor: (contactId) => reports.ratingLinks.linkFor(contactId),
      clock,
      digid,
      onAuthenticated: (contactId, at) => identificatie.recordAuthenticated(contactId, at),
      // As routing loaded them at start.
      queues: () => routing.queueIds().flatMap((id) => routing.queueConfig(id) ?? []),
      events,
    });
    const agentNsp = registerAgentNamespace(io, {
      guard,
      routing,
      tracker,
      log: app.log,
      extend: (socket) => channels.onAgentSocket(socket),
    });
    channels.bindAgentNamespace(agentNsp as never);
    pushToAgents(agentNsp, events);
    const cobrowse = createCobrowseModule(app, io, {
      contacts,
      openConversationOf: (contactId) => channels.openConversationOf(contactId),
      guard,
      isAgent: (id) => routing.isAgent(id),
      userName: (id) => users.known(id)?.name,
      audit,
      recognisedPartij: async (contact) => (await ki.port.recognise(contact.from)).partij?.uuid,
      originAllowed: widgetOrigin,
      maxConnectionsPerIp: config.channels.chatMaxConnectionsPerIp,
      widgetDir: options.widgetDir ?? widgetDirFromEnv(REPO_ROOT),
      settings: config.cobrowse,
      clock,
      state: cluster.state,
      rateLimitStore: cluster.rateLimits,
      log: app.log,
      events,
    });

    const reports = createReportsModule(app, {
      rateLimitStore: cluster.rateLimits,
      store,
      guard,
      contacts,
      routing,
      secret: tokenSecret,
      publicBaseUrl,
      beloften: (from, to) => channels.beloften(from, to),
      kanaalsturing: (from, to) => kennisbank.kanaalsturingInRange(from, to),
      onderwerpNamen: async () =>
        new Map((await onderwerpen.repo.list({ alleenActief: false })).map((o) => [o.id, o.naam])),
      now: () => clock.now(),
      log: app.log,
      events,
    });
    // Issue 15 §3–4: toestemmingen, and messages to the resident about what happened with their question.
    const toestemmingen = createToestemmingenModule(app, {
      store,
      guard,
      userName: (id) => users.known(id)?.name,
      contact: heldContactPartij({ contacts, klantregister: connected.klantregister, identificatie }),
      log: (v) => verwerkingen.log(v),
      terugkoppelingen: (partijUuid) => terugkoppeling.outbox.vanPartij(partijUuid),
      now: () => clock.now(),
    });
    const terugkoppeling = createTerugkoppelingModule({
      store,
      clock,
      log: app.log,
      settings: config.terugkoppeling,
      toestemming: async (partijUuid, soort) => {
        const t = await toestemmingen.store.geldig(partijUuid, soort);
        return t ? { kanaal: t.kanaal, adres: t.adres } : undefined;
      },
      contact: async (id) => {
        const c = await contacts.get(id);
        return c ? { channel: c.channel, email: c.from.email } : undefined;
      },
      mail: channels.mailer,
      mailFrom: config.channels.mailFrom,
      signature: config.channels.reply.signature,
      beoordelingslink: (contactId) => reports.phoneRatingLink(contactId),
      events,
      partijVan: async (contactId) => {
        const contact = await contacts.get(contactId);
        return contact ? (await partijVanContact(contact)).partijUuid : undefined;
      },
      afdelingNaam: async (actorUuid) => {
        const actor = await port_().getActor(actorUuid);
        return actor?.soortActor === 'organisatorische_eenheid' ? actor.naam : undefined;
      },
      logVerzending: (v) =>
        audit.record({
          tijdstip: v.at,
          handeling: 'exporteren',
          actieNaam: `Terugkoppeling versturen (${v.kanaal === 'sms' ? 'sms via NotifyNL' : 'e-mail'})`,
          doel: v.contactId !== undefined ? `contact:${v.contactId}` : 'terugkoppeling',
          activiteit: 'kcc-terugkoppeling',
          contactId: v.contactId,
          gegevensbron: 'klantinteracties',
          systeem: 'kcc-terugkoppeling',
          objecten: [
            {
              partijUuid: v.partijUuid,
              soortenGegevens: ['contactgegevens', `terugkoppeling:${v.aanleiding}`],
            },
          ],
        }),
    });
    registerRegistrationRoutes(app, {
      guard,
      contacts,
      idempotency,
      port: port_,
      routing,
      unitOfWork: events,
      clock,
      check: (contactId, request) => channels.checkRegistration(contactId, request),
      identificatieniveau: async (contact, partijUuid) =>
        (
          await identificatie.identificatie(
            contact,
            partijUuid !== undefined
              ? { uuid: partijUuid, bsn: (await port_().getPartij(partijUuid))?.bsn }
              : contact.from.bsn !== undefined
                ? { bsn: contact.from.bsn }
                : undefined,
          )
        ).niveau,
      onderwerp: (id) => onderwerpen.repo.get(id),
    });
    await createInterneTakenModule(app, {
      store,
      guard,
      port: port_,
      log: verwerkingen,
      clock,
      userExists: async (id) => (await users.findById(id)) !== undefined,
      events,
      demo: config.demo,
    });
    registerNawerkRoutes(app, { guard, contacts, notities: nawerk, clock });
    const dashboard = createDashboardModule(app, io, {
      guard,
      routing,
      contacts,
      userName: (id) => users.known(id)?.name,
      events,
      log: app.log,
      clock,
    });
    registerAuditRoutes(app, {
      guard,
      audit,
      toestemmingenVan: async (subject) => {
        const partijen =
          'partijUuid' in subject
            ? [subject.partijUuid]
            : [(await ki.port.recognise({ bsn: subject.bsn })).partij?.uuid].filter((u) => u !== undefined);
        return (await Promise.all(partijen.map((uuid) => toestemmingen.store.geschiedenis(uuid)))).flat();
      },
    });
    const retention = createRetentionModule(app, {
      store,
      guard,
      settings: config.retention,
      checkpoints,
      clock,
      log: app.log,
    });
    registerInzageRoutes(app, { guard, audit, baseUrl: publicBaseUrl });
    if (config.klantinteractiesToken !== undefined) {
      registerKlantinteractiesApiLogging(app, {
        audit,
        klantcontactPartijen: async (uuids) => (await ki.klantcontactPartijen?.(uuids)) ?? [],
      });
      ki.registerApi(app, { token: config.klantinteractiesToken });
    }
    registerDemoContactFormRoute(app, {
      rateLimitStore: cluster.rateLimits,
      integrationKey: config.integrationKey,
      ownOrigins: [url, publicBaseUrl],
    });
    if (options.testClock) {
      if (!config.demo)
        throw new Error('KCC_TEST_CLOCK is for end-to-end tests of a demo server only (KCC_DEMO=1)');
      registerTestClockRoute(app, { clock: options.testClock, integrationKey: config.integrationKey });
    }
    await registerWidgetStatic(app, options.widgetDir ?? widgetDirFromEnv(REPO_ROOT));
    await registerWorkplaceStatic(app, config.workplaceDir);

    const { agentsWithActiveContacts } = await routing.start();
    await dashboard.start();
    retention.start();
    terugkoppeling.start();
    for (const agentId of agentsWithActiveContacts) tracker.startReconnectGrace(agentId);

    const { smtpPort } = await channels.start();
    await app.listen({ host: config.host, port });
    ready = true;

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        ready = false;
        tracker.stop();
        await cobrowse.close();
        await stopSharingKennisbank();
        dashboard.stop();
        retention.stop();
        terugkoppeling.stop();
        routing.stop();
        await channels.close();
        await connected.close();
        await new Promise<void>((resolve) => {
          void io.close(() => resolve());
        });
        await app.close().catch(() => undefined);
        await lease?.stop();
        await cluster.close();
        await checkpointer.stop();
        await store.close();
        commitSync?.close();
        db.close();
      })();
      return closing;
    };
    return { app, io, db, store, url, smtpPort, routes, close };
  } catch (err) {
    await app.close().catch(() => undefined);
    await lease?.stop().catch(() => undefined);
    await cluster.close();
    await store.close().catch(() => undefined);
    await checkpointer.stop();
    commitSync?.close();
    if (db.open) db.close();
    throw err;
  }
}
