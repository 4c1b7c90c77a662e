import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { KoppelingenResponse, OutboxOpnieuwResponse } from '@kcc/contracts/klantbeeld';
import type { OpenKlantOutbox } from '../../connectors/openklant/openklant-outbox';
import type { AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { Registers } from './ports';

const OutboxParams = z.object({ id: z.uuid() });

/**
 * For the beheerder: which registers are embedded or external, and the registrations the Open Klant outbox
 * has not forwarded (states and errors only, no personal data), with a retry per registration.
 */
export function registerKoppelingenRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; registers: Registers; outbox?: OpenKlantOutbox | undefined },
): void {
  const beheerder = { preHandler: deps.guard.require('beheerder') };

  app.get('/api/beheer/koppelingen', beheerder, async () => {
    const r = deps.registers;
    const response: KoppelingenResponse = {
      registers: [
        { register: 'klantinteracties', bron: r.klantinteracties.bron },
        { register: 'brp', bron: r.brp.bron },
        { register: 'kvk', bron: r.kvk.bron },
        { register: 'zaken', bron: r.zaken.bron },
      ],
      ...(deps.outbox ? { openKlantOutbox: await deps.outbox.overzicht() } : {}),
    };
    return response;
  });

  app.post('/api/beheer/koppelingen/openklant-outbox/:id/opnieuw', beheerder, async (request) => {
    const { id } = parseOrThrow(OutboxParams, request.params, 'params');
    if (!deps.outbox) throw problems.notFound('Open Klant is niet ingesteld.');
    const row = await deps.outbox.opnieuw(id);
    if (!row) throw problems.notFound('Deze registratie staat niet in de wachtrij naar Open Klant.');
    if (row.state === 'verstuurd') throw problems.conflict('Deze registratie staat al in Open Klant.');
    const response: OutboxOpnieuwResponse = { item: { id: row.id, state: row.state } };
    return response;
  });
}
