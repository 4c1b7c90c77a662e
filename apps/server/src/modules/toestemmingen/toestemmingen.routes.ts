import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '@kcc/contracts/domain';
import { niveauMinstens, type Identificatieniveau } from '@kcc/contracts/klantbeeld';
import {
  ToestemmingRequest,
  type TerugkoppelingView,
  type ToestemmingenResponse,
} from '@kcc/contracts/toestemmingen';
import { currentUser, type AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ToestemmingenStore } from './toestemmingen.store';

const ContactParams = z.object({ id: z.string().min(1).max(100) });
const IntrekkenParams = z.object({ id: z.string().min(1).max(100), toestemmingId: z.uuid() });

/** The contact an agent holds, with the resident it is about (as the klantbeeld found them). */
export interface ContactMetPartij {
  contactId: string;
  channel: string;
  partij?: { uuid: string; naam: string; bsn?: string | undefined };
  niveau: Identificatieniveau;
}

/** One line in the verwerkingenlog (the klantbeeld's `VerwerkingenLog.log`). */
export type LogVerwerking = (v: {
  at: number;
  userId: string;
  handeling: 'inzien' | 'aanmaken';
  partijUuid: string;
  bsn?: string;
  categorieen: string[];
  doel: string;
  contactId: string;
}) => Promise<void>;

export const WIJZE_MONDELING = 'mondeling gegeven';

/**
 * `/api/contacts/:id/toestemmingen`: the toestemmingen of the resident of a contact the agent holds. Reading,
 * recording and withdrawing are each a verwerkingenlog line with the contact as purpose. Recording needs an
 * established identity (geverifieerd or geauthenticeerd): a consent on the wrong person would send their messages
 * to someone else. Withdrawing only ever means less contact, so it needs no more than a recognised resident.
 */
export function registerToestemmingenRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    store: ToestemmingenStore;
    contact: (contactId: string, user: User) => Promise<ContactMetPartij>;
    log: LogVerwerking;
    terugkoppelingen: (partijUuid: string) => Promise<TerugkoppelingView[]>;
    now: () => number;
  },
): void {
  const agent = { preHandler: deps.guard.require('medewerker') };
  const resolve = async (request: FastifyRequest) => {
    const user = currentUser(request);
    const { id } = parseOrThrow(ContactParams, request.params, 'params');
    return { user, held: await deps.contact(id, user) };
  };
  const metPartij = (held: ContactMetPartij) => {
    if (!held.partij) throw problems.conflict('Koppel eerst een klant aan dit contact.');
    return held.partij;
  };

  app.get('/api/contacts/:id/toestemmingen', agent, async (request) => {
    const { user, held } = await resolve(request);
    const vastleggenToegestaan = niveauMinstens(held.niveau, 'geverifieerd');
    if (!held.partij) {
      const leeg: ToestemmingenResponse = {
        actueel: [],
        geschiedenis: [],
        vastleggenToegestaan: false,
        terugkoppelingen: [],
      };
      return leeg;
    }
    const partij = held.partij;
    const actueel = await deps.store.actueel(partij.uuid);
    const voorkeur = actueel.find((t) => t.soort === 'voorkeurskanaal');
    const geschiedenis = await deps.store.geschiedenis(partij.uuid);
    const terugkoppelingen = await deps.terugkoppelingen(partij.uuid);
    // Logged when it shows something: "no toestemmingen, no messages" hands out nothing about this resident
    // beyond the klantbeeld read that is logged already (and would double every view in an inzageverzoek).
    if (geschiedenis.length > 0 || terugkoppelingen.length > 0) {
      await deps.log({
        at: deps.now(),
        userId: user.id,
        handeling: 'inzien',
        partijUuid: partij.uuid,
        ...(partij.bsn ? { bsn: partij.bsn } : {}),
        categorieen: ['toestemmingen', 'contactgegevens'],
        doel: `contact:${held.contactId}`,
        contactId: held.contactId,
      });
    }
    const response: ToestemmingenResponse = {
      partij: { uuid: partij.uuid, naam: partij.naam },
      actueel,
      geschiedenis,
      ...(voorkeur ? { voorkeurskanaal: { kanaal: voorkeur.kanaal, adres: voorkeur.adres } } : {}),
      vastleggenToegestaan,
      terugkoppelingen,
    };
    return response;
  });

  app.post('/api/contacts/:id/toestemmingen', agent, async (request, reply) => {
    const { user, held } = await resolve(request);
    const body = parseOrThrow(ToestemmingRequest, request.body, 'body');
    const partij = metPartij(held);
    if (!niveauMinstens(held.niveau, 'geverifieerd')) {
      throw problems.forbidden(
        'Verifieer eerst wie de inwoner is. Daarna kunt u een toestemming vastleggen.',
      );
    }
    const at = deps.now();
    const toestemming = await deps.store.vastleggen({
      partijUuid: partij.uuid,
      soort: body.soort,
      kanaal: body.kanaal,
      adres: body.adres,
      wijze: WIJZE_MONDELING,
      gegevenVia: held.channel,
      contactId: held.contactId,
      at,
      userId: user.id,
    });
    await deps.log({
      at,
      userId: user.id,
      handeling: 'aanmaken',
      partijUuid: partij.uuid,
      ...(partij.bsn ? { bsn: partij.bsn } : {}),
      categorieen: ['toestemmingen', 'contactgegevens'],
      doel: `contact:${held.contactId}`,
      contactId: held.contactId,
    });
    return reply.code(201).send(toestemming);
  });

  app.post('/api/contacts/:id/toestemmingen/:toestemmingId/intrekken', agent, async (request) => {
    const user = currentUser(request);
    const { id, toestemmingId } = parseOrThrow(IntrekkenParams, request.params, 'params');
    const held = await deps.contact(id, user);
    const partij = metPartij(held);
    const at = deps.now();
    if (!(await deps.store.intrekken(partij.uuid, toestemmingId, at, user.id))) {
      throw problems.notFound('Deze toestemming bestaat niet of is al ingetrokken.');
    }
    await deps.log({
      at,
      userId: user.id,
      handeling: 'aanmaken',
      partijUuid: partij.uuid,
      ...(partij.bsn ? { bsn: partij.bsn } : {}),
      categorieen: ['toestemmingen'],
      doel: `contact:${held.contactId}`,
      contactId: held.contactId,
    });
    return await deps.store.get(toestemmingId);
  });
}
