import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import { problems } from '../../http/problem';
import type { AuthGuard } from '../../http/auth-guard';
import type { AuditLog } from '../audit/audit-log';
import { conversationRoom } from '../channels/chat/chat.service';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import type { SharedState } from '../../cluster';
import type { Clock } from '../../shared/clock';
import type { EventBus } from '../../shared/domain-events';
import type { RateLimitStore } from '../rate-limit';
import type { Logger } from '../../shared/logger';
import { agentSessionRoom, registerCobrowseAgentNamespace } from './agent-namespace';
import type { CobrowseSettings } from './cobrowse-settings';
import { CobrowseService, type CobrowseSessionRecord } from './cobrowse.service';
import { registerResidentNamespace, residentRoom } from './resident-namespace';

/** The contact events after which a session may not go on: the chat or the call ended. */
const CHANNEL_END_EVENTS = new Set(['chat-ended', 'cti-ended']);
/**
 * How often the sessions this instance watches are checked against their contact (a chat or call that ended; a safety net: its domain event ends the session at once). A
 * poll of stored state on the event loop; the deadlines themselves (invite, resident away) are timers on the
 * server's clock, and their times are stored with the session for the instance that comes next.
 */
const SWEEP_MS = 1000;

export interface CobrowseModule {
  service: CobrowseService;
  close(): Promise<void>;
}

/**
 * Co-browse: two socket.io namespaces that relay the resident's recorded page to the agent who holds the
 * contact (rooms and emits only, so any socket.io adapter carries them across instances), the widget's lazy
 * recorder chunk, and a verwerkingenlog line per session. The stream is never stored.
 */
export function createCobrowseModule(
  app: FastifyInstance,
  io: Server,
  deps: {
    contacts: ContactsRepository;
    /** The open chat conversation of a contact (the channels module's). */
    openConversationOf: (contactId: string) => Promise<string | undefined>;
    guard: AuthGuard;
    isAgent: (userId: string) => boolean;
    userName: (id: string) => string | undefined;
    audit: AuditLog;
    /** The partij a contact's caller or chatter is recognised as, when the contact is not linked to one. */
    recognisedPartij?: (contact: ContactRecord) => Promise<string | undefined>;
    originAllowed: (origin: string | undefined) => boolean;
    maxConnectionsPerIp: number;
    widgetDir: string;
    settings: CobrowseSettings;
    clock: Clock;
    /** Sessions, codes and wrong-code counts: this process, or Redis shared by every instance. */
    state: SharedState;
    /** Codes per IP (default: this process's memory; in a cluster: Redis). */
    rateLimitStore?: RateLimitStore;
    log: Logger;
    /** `contact-changed` (a transfer or the end of the contact) and an ended chat or call end the session. */
    events: EventBus;
  },
): CobrowseModule {
  const { contacts, log } = deps;

  const service = new CobrowseService({
    clock: deps.clock,
    state: deps.state,
    contact: (id) => contacts.get(id),
    openConversationOf: deps.openConversationOf,
    channelEndedSince: async (contactId, since) =>
      (await contacts.events(contactId)).some((e) => CHANNEL_END_EVENTS.has(e.type) && e.at >= since),
    agentName: (id) => firstName(deps.userName(id)),
    onEnded: (record) =>
      void logSession(record).catch((err: unknown) =>
        log.error({ err, sessionId: record.sessionId }, 'co-browse: verwerkingenlog schrijven mislukt'),
      ),
    resumeGraceMs: deps.settings.resumeGraceMs,
  });

  const agentNsp = registerCobrowseAgentNamespace(io, {
    service,
    guard: deps.guard,
    isAgent: deps.isAgent,
    log,
    toResident: {
      pointer: (sessionId, pointer) =>
        residentNsp.to(residentRoom(sessionId)).emit('cobrowse:pointer', pointer),
      input: (sessionId, action) => residentNsp.to(residentRoom(sessionId)).emit('cobrowse:input', action),
      resync: (sessionId) => residentNsp.to(residentRoom(sessionId)).emit('cobrowse:resync'),
    },
  });
  const residentNsp = registerResidentNamespace(io, {
    service,
    originAllowed: deps.originAllowed,
    maxConnectionsPerIp: deps.maxConnectionsPerIp,
    ...(deps.rateLimitStore ? { rateLimitStore: deps.rateLimitStore } : {}),
    log,
    toAgents: (sessionId, payload) =>
      agentNsp.to(agentSessionRoom(sessionId)).emit('cobrowse:events', payload),
  });
  const citizenNsp = io.of('/citizen');
  service.bindRelay({
    toAgent: (sessionId, view) => agentNsp.to(agentSessionRoom(sessionId)).emit('cobrowse:state', view),
    toResident: (sessionId, state) => residentNsp.to(residentRoom(sessionId)).emit('cobrowse:state', state),
    inviteChat: (conversationId, invite) =>
      citizenNsp.to(conversationRoom(conversationId)).emit('cobrowse:invite', invite),
    inviteCode: (room, invite) => residentNsp.to(room).emit('cobrowse:invite', invite),
  });

  /**
   * One verwerkingenlog line per session, metadata only: who, which contact, start and end, consent for view and
   * control. Filed under the resident's partij or BSN when known; a resident who was not identified (an anonymous
   * chat, an unknown caller) is named by the klantcontact.
   */
  async function logSession(r: CobrowseSessionRecord): Promise<void> {
    const contact = await contacts.get(r.contactId);
    let partijUuid = contact?.partijUuid;
    try {
      if (partijUuid === undefined && contact) partijUuid = await deps.recognisedPartij?.(contact);
    } catch {
      // Recognition only finds whom to file the entry under; without it the klantcontact names the resident.
    }
    const bsn = partijUuid === undefined ? contact?.from.bsn : undefined;
    const period = `van ${new Date(r.startedAt).toISOString()} tot ${new Date(r.endedAt).toISOString()}`;
    const consent = r.viewConsent
      ? `bekijken toegestaan, bediening ${r.controlConsent ? 'toegestaan' : 'niet toegestaan'}`
      : `bekijken niet toegestaan (${r.endedReason === 'refused' ? 'geweigerd' : 'niet beantwoord'}), niets gedeeld`;
    try {
      await deps.audit.record({
        tijdstip: r.startedAt,
        handeling: 'inzien',
        actieNaam: `Meekijken op de website (co-browse) ${period}; ${consent}`,
        doel: `contact:${r.contactId}`,
        contactId: r.contactId,
        gegevensbron: 'klantinteracties',
        gebruiker: { id: r.agentId },
        objecten: [
          {
            ...(partijUuid !== undefined ? { partijUuid } : {}),
            ...(bsn !== undefined ? { bsn } : {}),
            soortenGegevens: r.viewConsent
              ? ['websitepagina (gemaskeerd)', ...(r.controlConsent ? ['bediening namens inwoner'] : [])]
              : ['verzoek om mee te kijken'],
          },
        ],
      });
    } catch (err) {
      log.error({ err, sessionId: r.sessionId }, 'co-browse: verwerkingenlog schrijven mislukt');
    }
  }

  // The recorder chunk the widget loads only when a session starts (apps/widget: `widget-cobrowse.js`).
  const chunk = path.join(deps.widgetDir, 'widget-cobrowse.js');
  app.get('/widget-cobrowse.js', async (_request, reply) => {
    if (!fs.existsSync(chunk)) throw problems.notFound('De meekijkmodule is nog niet gebouwd.');
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300, must-revalidate')
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(await fs.promises.readFile(chunk));
  });

  const timer = setInterval(() => {
    service.sweep().catch((err: unknown) => log.error({ err }, 'co-browse sweep failed'));
  }, SWEEP_MS);
  timer.unref();

  const failed = (err: unknown) => log.error({ err }, 'co-browse: ending a session failed');
  deps.events.on('contact-changed', (e) => service.contactChanged(e.contact).catch(failed));
  deps.events.on('contact-logged', (e) => {
    if (CHANNEL_END_EVENTS.has(e.event.type)) service.channelEnded(e.event.contactId).catch(failed);
  });

  return {
    service,
    async close() {
      clearInterval(timer);
      await service.close();
    },
  };
}

function firstName(name: string | undefined): string {
  return name?.trim().split(/\s+/)[0] || 'Een medewerker';
}
