import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  OntvangstbevestigingUpdate,
  type OntvangstbevestigingenResponse,
  type OntvangstbevestigingTemplate,
} from '@kcc/contracts/channels';
import type { AuthGuard } from '../../../http/auth-guard';
import { currentUser } from '../../../http/auth-guard';
import { problems } from '../../../http/problem';
import { parseOrThrow } from '../../../http/validate';
import { onbekendePlaatshouders, PLAATSHOUDERS, type Ontvangstbevestigingen } from './ontvangstbevestiging';

const QueueParams = z.object({ queueId: z.string().min(1).max(100) });
const RECEIPT_CHANNELS = new Set(['email', 'webformulier']);

/** A queue as this screen needs it (the queue configuration lives in the queues module). */
export interface QueueRef {
  id: string;
  name: string;
  channels: readonly string[];
}

/** The beheerder's receipt texts: one per queue that takes e-mail or web forms. */
export function registerOntvangstbevestigingRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; queues: () => readonly QueueRef[]; ontvangst: Ontvangstbevestigingen },
): void {
  const beheer = { preHandler: deps.guard.require('beheerder') };
  const receiptQueues = () => deps.queues().filter((q) => q.channels.some((c) => RECEIPT_CHANNELS.has(c)));

  app.get('/api/beheer/ontvangstbevestigingen', beheer, async () => {
    const response: OntvangstbevestigingenResponse = {
      items: await Promise.all(
        receiptQueues().map(async (q) => ({ ...(await deps.ontvangst.template(q.id)), queueNaam: q.name })),
      ),
      plaatshouders: [...PLAATSHOUDERS],
    };
    return response;
  });

  app.put('/api/beheer/ontvangstbevestigingen/:queueId', beheer, async (request) => {
    const { queueId } = parseOrThrow(QueueParams, request.params, 'params');
    const body = parseOrThrow(OntvangstbevestigingUpdate, request.body, 'body');
    if (!receiptQueues().some((q) => q.id === queueId)) {
      throw problems.notFound('Deze wachtrij bestaat niet of krijgt geen e-mail of webformulieren.');
    }
    const onbekend = onbekendePlaatshouders(body.tekst);
    if (onbekend.length > 0) {
      throw problems.invalid([
        {
          name: 'body.tekst',
          code: 'unknown-placeholder',
          reason: `Onbekend: ${onbekend.map((p) => `{${p}}`).join(', ')}. Gebruik ${PLAATSHOUDERS.map((p) => `{${p}}`).join(', ')}.`,
        },
      ]);
    }
    const saved: OntvangstbevestigingTemplate = await deps.ontvangst.saveTemplate(
      queueId,
      body,
      currentUser(request).username,
    );
    return saved;
  });
}
