import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AuditExportQuery,
  AuditQuery,
  type AuditExport,
  type AuditListResponse,
  type VerwerkingsactiviteitenResponse,
} from '@kcc/contracts/verwerkingen';
import type { Toestemming } from '@kcc/contracts/toestemmingen';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { AuditFilter, AuditLog, AuditSubject, VerwerktObjectInput } from './audit-log';
import { toCsv } from './csv-export';
import { periodBound } from './dates';
import { DOEL_INZAGEVERZOEK, VERWERKINGSACTIVITEITEN } from './register';

const ActieParams = z.object({ actieId: z.uuid() });
const ActiviteitParams = z.object({ id: z.uuid() });

export const BETROKKENHEID_INZAGE = 'Betrokkene bij inzageverzoek';

/** The filter of an audit query; 400 when the period is empty or reversed. */
export function auditFilter(q: { bsn?: string; partij?: string; van?: string; tot?: string }): AuditFilter {
  const subject: AuditSubject = q.bsn !== undefined ? { bsn: q.bsn } : { partijUuid: q.partij ?? '' };
  const vanMs = periodBound(q.van, 'van');
  const totMs = periodBound(q.tot, 'tot');
  if (vanMs !== undefined && totMs !== undefined && vanMs >= totMs) {
    throw problems.invalid([{ name: 'query.tot', code: 'invalid', reason: '"tot" moet na "van" liggen' }]);
  }
  return { subject, vanMs, totMs };
}

/** The verwerkt object that records the privacy officer's own read of a resident's log. */
export function inzageObject(subject: AuditSubject): VerwerktObjectInput {
  return {
    ...('bsn' in subject ? { bsn: subject.bsn } : { partijUuid: subject.partijUuid }),
    betrokkenheid: BETROKKENHEID_INZAGE,
    soortenGegevens: ['verwerkingenlog'],
  };
}

/**
 * The privacy officer's view on the verwerkingenlog: query per BSN or partij, export for an inzageverzoek,
 * chain verification. Every read of the log is itself logged (activity `privacy-inzageverzoek`).
 * The register of processing activities is readable for every signed-in user (it holds no personal data).
 */
export function registerAuditRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    audit: AuditLog;
    /** The resident's toestemmingen (with history), for the export of an inzageverzoek. */
    toestemmingenVan?: (subject: AuditSubject) => Promise<Toestemming[]>;
  },
): void {
  const { audit } = deps;
  const privacy = { preHandler: deps.guard.require('privacy') };
  const anyone = { preHandler: deps.guard.require() };

  const logRead = async (
    request: FastifyRequest,
    handeling: 'inzien' | 'exporteren',
    actieNaam: string,
    objecten: VerwerktObjectInput[],
  ) => {
    const user = currentUser(request);
    await audit.record({
      handeling,
      actieNaam,
      doel: DOEL_INZAGEVERZOEK,
      activiteit: 'privacy-inzageverzoek',
      gegevensbron: 'verwerkingenlog',
      gebruiker: { id: user.id, naam: user.name, rol: user.roles.join(',') },
      objecten,
    });
  };

  app.get('/api/audit/verwerkingsactiviteiten', anyone, async () => {
    const response: VerwerkingsactiviteitenResponse = { items: [...VERWERKINGSACTIVITEITEN] };
    return response;
  });

  app.get('/api/audit/verwerkingsactiviteiten/:id', anyone, async (request) => {
    const { id } = parseOrThrow(ActiviteitParams, request.params, 'params');
    const found = VERWERKINGSACTIVITEITEN.find((a) => a.id === id);
    if (!found) throw problems.notFound('Deze verwerkingsactiviteit bestaat niet.');
    return found;
  });

  app.get('/api/audit/verwerkingen', privacy, async (request) => {
    const q = parseOrThrow(AuditQuery, request.query, 'query');
    const filter = auditFilter(q);
    const { count, items } = await audit.list(filter, {
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    });
    await logRead(request, 'inzien', 'Verwerkingenlog inzien', [inzageObject(filter.subject)]);
    const response: AuditListResponse = { count, page: q.page, pageSize: q.pageSize, items };
    return response;
  });

  app.get('/api/audit/verwerkingen/export', privacy, async (request, reply) => {
    const q = parseOrThrow(AuditExportQuery, request.query, 'query');
    const filter = auditFilter(q);
    const acties = await audit.all(filter);
    const gegenereerdOp = new Date().toISOString();
    const object = inzageObject(filter.subject);
    await logRead(request, 'exporteren', `Verwerkingenlog exporteren (${q.format.toUpperCase()})`, [
      deps.toestemmingenVan && q.format === 'json'
        ? { ...object, soortenGegevens: [...object.soortenGegevens, 'toestemmingen'] }
        : object,
    ]);
    const name = `verwerkingen-inzageverzoek-${gegenereerdOp.slice(0, 10)}.${q.format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(acties));
    const body: AuditExport = {
      onderwerp: q.bsn !== undefined ? { bsn: q.bsn } : { partijUuid: q.partij },
      periode: { ...(q.van ? { van: q.van } : {}), ...(q.tot ? { tot: q.tot } : {}) },
      gegenereerdOp,
      aantal: acties.length,
      verwerkingsacties: acties,
      ...(deps.toestemmingenVan ? { toestemmingen: await deps.toestemmingenVan(filter.subject) } : {}),
    };
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/api/audit/verwerkingsacties/:actieId', privacy, async (request) => {
    const { actieId } = parseOrThrow(ActieParams, request.params, 'params');
    const actie = await audit.get(actieId);
    if (!actie) throw problems.notFound('Deze verwerkingsactie bestaat niet.');
    // Objects whose BSN cannot be decrypted and that have no partij identify nobody: nothing to log for them.
    const objecten = actie.verwerkteObjecten.flatMap((o) =>
      o.bsn !== undefined
        ? [inzageObject({ bsn: o.bsn })]
        : o.partijUuid !== undefined
          ? [inzageObject({ partijUuid: o.partijUuid })]
          : [],
    );
    if (objecten.length > 0) await logRead(request, 'inzien', 'Verwerkingsactie inzien', objecten);
    return actie;
  });

  app.get('/api/audit/verify', privacy, async () => audit.verify());
}
