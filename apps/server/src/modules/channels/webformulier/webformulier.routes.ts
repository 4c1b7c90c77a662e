import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { WebformRequest } from '@kcc/contracts/channels';
import type { InboundResponse } from '@kcc/contracts/rest';
import { parseOrThrow } from '../../../http/validate';
import { inboundProblem, requireIntegrationKey } from '../../contacts/inbound.routes';
import type { ContactRecord } from '../../contacts/contacts.repository';
import { InboundError, type InboundService } from '../../contacts/inbound.service';
import type { MessagesService } from '../../messages/messages.service';
import type { Ontvangstbevestigingen } from '../email/ontvangstbevestiging';

/** The submission as the agent reads it: one "veld: waarde" line per field. */
export function formatSubmission(
  formulier: string,
  velden: Record<string, string | number | boolean>,
): string {
  const lines = Object.entries(velden).map(
    ([k, v]) => `${k}: ${typeof v === 'boolean' ? (v ? 'ja' : 'nee') : String(v)}`,
  );
  return [`Formulier: ${formulier}`, '', ...lines].join('\n');
}

/**
 * `POST /api/channels/webformulier`: a form submission becomes a `webformulier` contact with the submission as its
 * first message. Idempotent on `inzendingId` (or, without one, on the content).
 */
export function registerWebformRoutes(
  app: FastifyInstance,
  deps: {
    integrationKey: string | undefined;
    inbound: InboundService;
    messages: MessagesService;
    /** Automatic receipt to the submitter's e-mail address. */
    ontvangstbevestiging?: Ontvangstbevestigingen;
    onOntvangstbevestiging?: () => void;
  },
): void {
  app.post('/api/channels/webformulier', async (request, reply) => {
    requireIntegrationKey(request, deps.integrationKey);
    const body = parseOrThrow(WebformRequest, request.body, 'body');
    const externalId =
      body.inzendingId ??
      `inhoud:${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 40)}`;
    const text = formatSubmission(body.formulier, body.velden);
    const { indiener } = body;
    let result;
    let bevestigd = false;
    // The first message and the receipt: inside the contact's unit of work once that awaits the callback.
    const firstMessage = async (contact: ContactRecord) => {
      await deps.messages.addInbound(contact, {
        body: text,
        fromLabel: indiener.naam ?? indiener.email ?? 'Indiener',
        meta: { formulier: body.formulier, velden: body.velden, subject: body.formulier },
      });
      // A form has no Message-ID to thread to; the receipt starts the thread the resident can answer.
      if (deps.ontvangstbevestiging && indiener.email !== undefined) {
        bevestigd = await deps.ontvangstbevestiging.bevestig(contact, {
          to: indiener.email.toLowerCase(),
          subject: body.formulier,
        });
      }
    };
    let inTransaction: Promise<void> = Promise.resolve();
    try {
      result = deps.inbound.receive(
        {
          channel: 'webformulier',
          externalId,
          from: {
            ...(indiener.naam !== undefined ? { name: indiener.naam } : {}),
            ...(indiener.email !== undefined ? { email: indiener.email.toLowerCase() } : {}),
            ...(indiener.telefoon !== undefined ? { phone: indiener.telefoon } : {}),
            ...(body.bsn !== undefined ? { bsn: body.bsn } : {}),
          },
          subject: body.formulier,
          body: text,
          ...(body.queue !== undefined ? { queue: body.queue } : {}),
        },
        (contact) => (inTransaction = firstMessage(contact)),
      );
      await inTransaction;
    } catch (err) {
      if (err instanceof InboundError) throw inboundProblem(err);
      throw err;
    }
    if (bevestigd) deps.onOntvangstbevestiging?.();
    const response: InboundResponse = { contactId: result.contact.id };
    return reply.code(result.created ? 201 : 200).send(response);
  });
}
