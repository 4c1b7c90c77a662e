import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ConsultReplyRequest,
  ConsultRequest,
  DraftRequest,
  TransferRequest,
  type ContactContextResponse,
  type DraftView,
  type NoteView,
  type TransferResponse,
} from '@kcc/contracts/channels';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactsRepository } from '../contacts/contacts.repository';
import { toContactSummary } from '../contacts/contacts.repository';
import { contactFromParams, requireHolder, requireReadable } from '../messages/contact-access';
import type { AgentPush, MessagesService } from '../messages/messages.service';
import type { RoutingService } from '../routing/routing.service';
import type { Draft, Note, TransferRepository } from './transfer.repository';

const DRAFT_MAX_BYTES = 64 * 1024;
const ConsultParams = z.object({ consultId: z.string().min(1).max(100) });

/** What the channels add to a contact's context (kanaalswitch, chat, terugbelverzoek). */
export type ContextExtras = (
  contactId: string,
) => Promise<Pick<ContactContextResponse, 'kanaalswitch' | 'chat' | 'terugbelverzoek'>>;

/**
 * Warm hand-over: transfer to a queue or to a colleague (an offer to them) with a note; the receiver reads the whole
 * context (messages, notes, partij, drafts). Consult: ask a colleague without giving the contact away.
 */
export function registerTransferRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    routing: RoutingService;
    messages: MessagesService;
    repo: TransferRepository;
    push: AgentPush;
    userName: (id: string) => string | undefined;
    extras: ContextExtras;
  },
): void {
  const { contacts, routing, repo } = deps;
  const medewerker = { preHandler: deps.guard.require('medewerker') };
  const iso = (ms: number) => new Date(ms).toISOString();

  const noteView = (n: Note): NoteView => {
    const fromName = deps.userName(n.fromAgentId);
    return {
      id: n.id,
      kind: n.kind,
      fromAgentId: n.fromAgentId,
      ...(fromName !== undefined ? { fromName } : {}),
      ...(n.toAgentId !== undefined ? { toAgentId: n.toAgentId } : {}),
      ...(n.toQueue !== undefined ? { toQueue: n.toQueue } : {}),
      text: n.text,
      at: iso(n.at),
    };
  };
  const draftView = (d: Draft): DraftView => {
    const agentName = deps.userName(d.agentId);
    return {
      agentId: d.agentId,
      ...(agentName !== undefined ? { agentName } : {}),
      draft: d.draft,
      savedAt: iso(d.savedAt),
    };
  };
  const requireColleague = (toAgentId: string, self: string) => {
    if (toAgentId === self)
      throw problems.invalid([{ name: 'toAgentId', code: 'self', reason: 'Kies een collega, niet uzelf.' }]);
    if (!routing.isAgent(toAgentId))
      throw problems.invalid([{ name: 'toAgentId', code: 'unknown', reason: 'Deze collega bestaat niet.' }]);
  };

  app.put('/api/contacts/:id/draft', medewerker, async (request) => {
    const user = currentUser(request);
    const contact = await contactFromParams(request, contacts);
    requireHolder(user, contact);
    const { draft } = parseOrThrow(DraftRequest, request.body, 'body');
    if (Buffer.byteLength(JSON.stringify(draft)) > DRAFT_MAX_BYTES) {
      throw problems.invalid([
        { name: 'draft', code: 'too_big', reason: 'Het concept is groter dan 64 kB.' },
      ]);
    }
    const saved: Draft = { contactId: contact.id, agentId: user.id, draft, savedAt: Date.now() };
    await repo.saveDraft(saved);
    return draftView(saved);
  });

  app.get('/api/contacts/:id/draft', medewerker, async (request) => {
    const contact = await contactFromParams(request, contacts);
    await requireReadable(request, contact, routing, ['registratieconcept'], contacts);
    return { items: (await repo.drafts(contact.id)).map(draftView) };
  });

  app.get('/api/contacts/:id/context', medewerker, async (request) => {
    const contact = await contactFromParams(request, contacts);
    await requireReadable(
      request,
      contact,
      routing,
      ['berichten', 'notities', 'registratieconcept'],
      contacts,
    );
    const response: ContactContextResponse = {
      contactId: contact.id,
      channel: contact.channel,
      ...(contact.partijUuid !== undefined ? { partijUuid: contact.partijUuid } : {}),
      messages: await deps.messages.views(contact.id),
      notes: (await repo.notes(contact.id)).map(noteView),
      drafts: (await repo.drafts(contact.id)).map(draftView),
      events: (await contacts.events(contact.id)).map((e) => ({
        type: e.type,
        at: iso(e.at),
        ...(e.agentId !== undefined ? { agentId: e.agentId } : {}),
        ...(e.data !== undefined ? { data: e.data } : {}),
      })),
      ...(await deps.extras(contact.id)),
    };
    return response;
  });

  app.post('/api/contacts/:id/transfer', medewerker, async (request) => {
    const user = currentUser(request);
    const contact = await contactFromParams(request, contacts);
    requireHolder(user, contact);
    const body = parseOrThrow(TransferRequest, request.body, 'body');
    const now = Date.now();
    let offerId: string | undefined;
    if (body.toQueue !== undefined) {
      if (!routing.hasQueue(body.toQueue)) {
        throw problems.invalid([
          { name: 'toQueue', code: 'unknown', reason: `Wachtrij '${body.toQueue}' bestaat niet.` },
        ]);
      }
      if (!routing.queueServes(body.toQueue, contact.channel)) {
        throw problems.invalid([
          {
            name: 'toQueue',
            code: 'channel',
            reason: `Wachtrij '${body.toQueue}' behandelt geen kanaal ${contact.channel}.`,
          },
        ]);
      }
      await routing.transferToQueue(contact.id, body.toQueue);
    } else if (body.toAgentId !== undefined) {
      requireColleague(body.toAgentId, user.id);
      const result = await routing.offerTo(contact.id, body.toAgentId);
      if (!result.ok) {
        throw problems.conflict(
          result.error === 'agent_not_ready'
            ? 'Deze collega is nu niet beschikbaar of heeft geen ruimte voor dit kanaal.'
            : 'Dit contact kan niet naar deze collega.',
        );
      }
      offerId = result.offerId;
    }
    const note: Note = {
      id: randomUUID(),
      contactId: contact.id,
      kind: 'overdracht',
      fromAgentId: user.id,
      ...(body.toAgentId !== undefined ? { toAgentId: body.toAgentId } : {}),
      ...(body.toQueue !== undefined ? { toQueue: body.toQueue } : {}),
      text: body.note,
      at: now,
    };
    await contacts.transaction(async () => {
      await repo.addNote(note);
      await contacts.appendEvent({
        contactId: contact.id,
        type: 'transferred',
        at: now,
        agentId: user.id,
        data: {
          ...(body.toQueue !== undefined ? { toQueue: body.toQueue } : {}),
          ...(body.toAgentId !== undefined ? { toAgentId: body.toAgentId } : {}),
          hasNote: body.note !== '',
        },
      });
    });
    if (body.toAgentId !== undefined) {
      const fresh = (await contacts.get(contact.id)) ?? contact;
      deps.push(body.toAgentId, 'contact:transferred', {
        contactId: contact.id,
        contact: toContactSummary(fresh),
        fromAgentId: user.id,
        fromName: user.name,
        note: body.note,
        ...(offerId !== undefined ? { offerId } : {}),
      });
    }
    const response: TransferResponse = {
      contactId: contact.id,
      ...(body.toQueue !== undefined ? { toQueue: body.toQueue } : {}),
      ...(body.toAgentId !== undefined ? { toAgentId: body.toAgentId } : {}),
      ...(offerId !== undefined ? { offerId } : {}),
    };
    return response;
  });

  app.post('/api/contacts/:id/consult', medewerker, async (request, reply) => {
    const user = currentUser(request);
    const contact = await contactFromParams(request, contacts);
    if (
      contact.assignedAgentId !== user.id ||
      (contact.status !== 'assigned' && contact.status !== 'nawerk')
    ) {
      throw problems.forbidden('U behandelt dit contact niet.');
    }
    const body = parseOrThrow(ConsultRequest, request.body, 'body');
    requireColleague(body.toAgentId, user.id);
    const note: Note = {
      id: randomUUID(),
      contactId: contact.id,
      kind: 'consult',
      fromAgentId: user.id,
      toAgentId: body.toAgentId,
      text: body.text,
      at: Date.now(),
    };
    await repo.addNote(note);
    deps.push(body.toAgentId, 'consult:received', {
      consultId: note.id,
      contactId: contact.id,
      contact: toContactSummary(contact),
      fromAgentId: user.id,
      fromName: user.name,
      text: body.text,
      at: iso(note.at),
    });
    return reply.code(201).send({ consultId: note.id, note: noteView(note) });
  });

  app.post('/api/consults/:consultId/reply', medewerker, async (request, reply) => {
    const user = currentUser(request);
    const { consultId } = parseOrThrow(ConsultParams, request.params, 'params');
    const consult = await repo.note(consultId);
    if (!consult || consult.kind !== 'consult') throw problems.notFound('Deze vraag bestaat niet.');
    if (consult.toAgentId !== user.id) throw problems.forbidden('Deze vraag is niet aan u gesteld.');
    const body = parseOrThrow(ConsultReplyRequest, request.body, 'body');
    const note: Note = {
      id: randomUUID(),
      contactId: consult.contactId,
      kind: 'consult-antwoord',
      fromAgentId: user.id,
      toAgentId: consult.fromAgentId,
      replyTo: consult.id,
      text: body.text,
      at: Date.now(),
    };
    await repo.addNote(note);
    deps.push(consult.fromAgentId, 'consult:replied', {
      consultId: consult.id,
      contactId: consult.contactId,
      fromAgentId: user.id,
      fromName: user.name,
      text: body.text,
      at: iso(note.at),
    });
    return reply.code(201).send({ note: noteView(note) });
  });
}
