import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Bsn, type VerwerkingsactieDto, type VerwerktObjectDto } from '@kcc/contracts/verwerkingen';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { HttpProblem, zodToInvalidParams, type InvalidParam } from '../../http/problem';
import type { AuditLog } from './audit-log';
import { inzageObject } from './audit.routes';
import { startOfDayAmsterdam } from './dates';
import { DOEL_INZAGEVERZOEK } from './register';

export const INZAGE_API_VERSION = '0.9.0';
const PAGE_SIZE = 100;
const OIN_RE = /^[0-9]{20}$/;

/** Query of `GET /verwerkte-objecten` (verwerkingenlogging-inzage.yaml). The dates are optional here. */
const InzageQuery = z.object({
  objecttype: z.literal('persoon'),
  soortObjectId: z.literal('BSN', { message: 'Alleen soortObjectId BSN wordt ondersteund' }),
  objectId: Bsn,
  beginDatum: z.iso.date().optional(),
  eindDatum: z.iso.date().optional(),
  verwerkingsactiviteitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
const ObjectParams = z.object({ verwerktObjectId: z.uuid() });

/** The spec's `Fout` / `ValidatieFout` body. */
class InzageProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly invalidParams?: InvalidParam[],
  ) {
    super(detail);
  }
}

/**
 * The resident-facing view of the log, shaped as the VNG "Inzage API voor logging van verwerkingen" 0.9.0
 * (`GET /verwerkte-objecten`, `GET /verwerkte-objecten/{id}`) under `/api/audit/inzage`. Only the privacy
 * officer may call it (there is no resident login yet). As the spec asks, `systeem`, `gebruiker` and
 * `gegevensbron` are left out, and each result shows only the resident's own verwerkt object.
 * `/api/audit/inzage/verwerkingsacties` is an alias of `/verwerkte-objecten`.
 */
export function registerInzageRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; audit: AuditLog; baseUrl: string },
): void {
  const { audit } = deps;
  const base = deps.baseUrl.replace(/\/+$/, '');
  const prefix = '/api/audit/inzage';

  app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => {
        const p = toInzageProblem(error);
        if (p.status >= 500) request.log.error({ err: error }, 'inzage: unhandled error');
        return send(reply, p);
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('API-version', INZAGE_API_VERSION);
        return payload;
      });
      const privacy = { preHandler: deps.guard.require('privacy') };

      const verwerktObject = (a: VerwerkingsactieDto, o: VerwerktObjectDto, bsn: string) => {
        const basis = {
          objecttype: 'persoon' as const,
          soortObjectId: 'BSN',
          objectId: bsn,
          betrokkenheid: o.betrokkenheid,
          verwerkteSoortenGegevens: o.verwerkteSoortenGegevens,
        };
        return {
          url: `${base}${prefix}/verwerkte-objecten/${o.verwerktObjectId}`,
          verwerktObjectId: o.verwerktObjectId,
          ...basis,
          verwerkingsactie: {
            url: a.url,
            actieId: a.actieId,
            actieNaam: a.actieNaam,
            handelingNaam: a.handelingNaam,
            verwerkingNaam: a.verwerkingNaam,
            verwerkingId: a.verwerkingId,
            verwerkingsactiviteitId: a.verwerkingsactiviteitId,
            verwerkingsactiviteitUrl: `${base}/api/audit/verwerkingsactiviteiten/${a.verwerkingsactiviteitId}`,
            vertrouwelijkheid: a.vertrouwelijkheid,
            bewaartermijn: a.bewaartermijn,
            ...(a.uitvoerder !== undefined && OIN_RE.test(a.uitvoerder) ? { uitvoerder: a.uitvoerder } : {}),
            tijdstip: a.tijdstip,
            tijdstipRegistratie: a.tijdstipRegistratie,
            verwerkteObjecten: [basis],
          },
        };
      };

      const logRead = async (request: FastifyRequest, bsn: string) => {
        const user = currentUser(request);
        await audit.record({
          handeling: 'inzien',
          actieNaam: 'Verwerkingenlog inzien (inzage-API)',
          doel: DOEL_INZAGEVERZOEK,
          activiteit: 'privacy-inzageverzoek',
          gegevensbron: 'verwerkingenlog',
          gebruiker: { id: user.id, naam: user.name, rol: user.roles.join(',') },
          objecten: [inzageObject({ bsn })],
        });
      };

      const list = async (request: FastifyRequest) => {
        const parsed = InzageQuery.safeParse(request.query);
        if (!parsed.success) {
          throw new InzageProblem(
            400,
            'invalid',
            'Ongeldige invoer.',
            'Een of meer parameters zijn niet goed ingevuld.',
            zodToInvalidParams(parsed.error).map((p) => ({
              ...p,
              name: p.name.replace(/^body\.?/, '') || 'query',
            })),
          );
        }
        const q = parsed.data;
        const vanMs = q.beginDatum !== undefined ? startOfDayAmsterdam(q.beginDatum) : undefined;
        // eindDatum is exclusive in the spec ("kleiner dan deze datum").
        const totMs = q.eindDatum !== undefined ? startOfDayAmsterdam(q.eindDatum) : undefined;
        const acties = await audit.all({
          subject: { bsn: q.objectId },
          vanMs,
          totMs,
          activiteitId: q.verwerkingsactiviteitId,
        });
        const results = acties.flatMap((a) =>
          a.verwerkteObjecten.map((o) => verwerktObject(a, o, q.objectId)),
        );
        const start = (q.page - 1) * PAGE_SIZE;
        if (q.page > 1 && start >= results.length) {
          throw new InzageProblem(404, 'not_found', 'Niet gevonden.', 'Ongeldige pagina.');
        }
        const pageUrl = (n: number) => {
          const u = new URL(`${base}${request.url}`);
          u.searchParams.set('page', String(n));
          return u.toString();
        };
        await logRead(request, q.objectId);
        return {
          count: results.length,
          next: start + PAGE_SIZE < results.length ? pageUrl(q.page + 1) : null,
          previous: q.page > 1 ? pageUrl(q.page - 1) : null,
          results: results.slice(start, start + PAGE_SIZE),
        };
      };

      scope.get('/verwerkte-objecten', privacy, list);
      scope.get('/verwerkingsacties', privacy, list);

      scope.get('/verwerkte-objecten/:verwerktObjectId', privacy, async (request) => {
        const params = ObjectParams.safeParse(request.params);
        if (!params.success)
          throw new InzageProblem(404, 'not_found', 'Niet gevonden.', 'Onbekend verwerkt object.');
        const actie = await audit.getObject(params.data.verwerktObjectId);
        const object = actie?.verwerkteObjecten[0];
        if (!actie || !object)
          throw new InzageProblem(404, 'not_found', 'Niet gevonden.', 'Onbekend verwerkt object.');
        const bsn = object.bsn;
        if (bsn === undefined) {
          // Logged with a partij only: not a resident's object by BSN, so not part of this API.
          throw new InzageProblem(404, 'not_found', 'Niet gevonden.', 'Onbekend verwerkt object.');
        }
        await logRead(request, bsn);
        return verwerktObject(actie, object, bsn);
      });
    },
    { prefix },
  );
}

function toInzageProblem(error: unknown): InzageProblem {
  if (error instanceof InzageProblem) return error;
  if (error instanceof HttpProblem) {
    const codes: Record<number, string> = {
      401: 'not_authenticated',
      403: 'permission_denied',
      404: 'not_found',
    };
    return new InzageProblem(
      error.status,
      codes[error.status] ?? 'invalid',
      error.title,
      error.detail ?? error.title,
      error.invalidParams,
    );
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new InzageProblem(status, 'invalid', 'Ongeldig verzoek.', 'Het verzoek is ongeldig.');
  }
  return new InzageProblem(500, 'error', 'Interne fout.', 'Er ging iets mis op de server.');
}

function send(reply: FastifyReply, p: InzageProblem): FastifyReply {
  return reply
    .code(p.status)
    .type('application/problem+json')
    .send({
      code: p.code,
      title: p.title,
      status: p.status,
      detail: p.detail,
      instance: `urn:uuid:${randomUUID()}`,
      ...(p.invalidParams ? { invalidParams: p.invalidParams } : {}),
    });
}
