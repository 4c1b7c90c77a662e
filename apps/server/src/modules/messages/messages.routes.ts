import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PostMessageRequest, type MessagesResponse, type PostMessageResponse } from '@kcc/contracts/channels';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { RoutingService } from '../routing/routing.service';
import { contactFromParams, requireHolder, requireReadable } from './contact-access';
import type { MessagesRepository } from './messages.repository';
import { MessageNotFound, MessageRefused, type MessagesService } from './messages.service';

const RetryParams = z.object({ id: z.string().min(1).max(100), messageId: z.string().min(1).max(100) });
const AttachmentParams = z.object({ id: z.string().min(1).max(100), attId: z.string().min(1).max(100) });

/** Types a browser could execute or render as a page: always downloaded as bytes. */
const ACTIVE_TYPES =
  /^(text\/html|application\/xhtml|image\/svg|text\/javascript|application\/javascript|text\/xml|application\/xml)/i;

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** CONTRACT "Messages in a contact" plus attachment downloads. */
export function registerMessagesRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    routing: RoutingService;
    messages: MessagesService;
    repo: MessagesRepository;
  },
): void {
  const agent = { preHandler: deps.guard.require('medewerker') };

  app.get('/api/contacts/:id/messages', agent, async (request) => {
    const contact = await contactFromParams(request, deps.contacts);
    await requireReadable(request, contact, deps.routing, ['berichten'], deps.contacts);
    const response: MessagesResponse = { items: await deps.messages.views(contact.id) };
    return response;
  });

  app.post(
    '/api/contacts/:id/messages',
    { preHandler: deps.guard.require('medewerker') },
    async (request, reply) => {
      const user = currentUser(request);
      const contact = await contactFromParams(request, deps.contacts);
      requireHolder(user, contact);
      const { body } = parseOrThrow(PostMessageRequest, request.body, 'body');
      let stored;
      try {
        stored = await deps.messages.send(contact, { id: user.id, name: user.name }, body);
      } catch (err) {
        if (err instanceof MessageRefused) throw problems.conflict(err.message);
        throw err;
      }
      const view = deps.messages.view(stored, []);
      const response: PostMessageResponse = {
        message: {
          id: view.id,
          direction: 'uit',
          body: view.body,
          at: view.at,
          ...(view.delivery !== undefined ? { delivery: view.delivery } : {}),
          ...(view.revision !== undefined ? { revision: view.revision } : {}),
          ...(view.agentName !== undefined ? { agentName: view.agentName } : {}),
        },
      };
      return reply.code(201).send(response);
    },
  );

  app.post('/api/contacts/:id/messages/:messageId/retry', agent, async (request) => {
    const { id, messageId } = parseOrThrow(RetryParams, request.params, 'params');
    const user = currentUser(request);
    const contact = await deps.contacts.get(id);
    if (!contact) throw problems.notFound('Dit contact bestaat niet.');
    if (contact.assignedAgentId !== user.id || !['assigned', 'nawerk'].includes(contact.status))
      throw problems.forbidden('U behandelt dit contact niet.');
    try {
      const response: PostMessageResponse = {
        message: await deps.messages.viewOf(await deps.messages.retry(contact, messageId)),
      };
      return response;
    } catch (err) {
      if (err instanceof MessageNotFound) throw problems.notFound(err.message);
      if (err instanceof MessageRefused) throw problems.conflict(err.message);
      throw err;
    }
  });

  app.get('/api/contacts/:id/attachments/:attId', agent, async (request, reply) => {
    const { id, attId } = parseOrThrow(AttachmentParams, request.params, 'params');
    const contact = await deps.contacts.get(id);
    if (!contact) throw problems.notFound('Dit contact bestaat niet.');
    await requireReadable(request, contact, deps.routing, ['bijlagen'], deps.contacts);
    const att = await deps.repo.attachment(contact.id, attId);
    if (!att || !fs.existsSync(att.storedPath)) throw problems.notFound('Deze bijlage bestaat niet.');
    const type = ACTIVE_TYPES.test(att.contentType) ? 'application/octet-stream' : att.contentType;
    return reply
      .header('content-type', type)
      .header('content-length', String(att.size))
      .header('content-disposition', contentDisposition(att.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(fs.createReadStream(att.storedPath));
  });
}
