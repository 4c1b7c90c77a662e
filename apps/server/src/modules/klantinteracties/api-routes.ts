import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ActorKlantcontactInput,
  BetrokkeneInput,
  BijlageInput,
  DigitaalAdresInput,
  InterneTaakInput,
  KlantcontactInput,
  MaakKlantcontactInput,
  OnderwerpobjectInput,
  parse,
  parseActor,
  parsePartij,
  PatchedInterneTaakInput,
} from './api-schemas';
import { KiNotFoundError, KiValidationError, type InvalidParam } from './errors';
import { LISTS, pageRequest, runList, type ListDefinition } from './list-queries';
import { expandTree, type ExpandTree, type KlantinteractiesSerializer } from './serializers';
import type {
  ActorKlantcontactRow,
  ActorRow,
  BetrokkeneRow,
  BijlageRow,
  DigitaalAdresRow,
  InterneTaakRow,
  KlantcontactRow,
  KlantinteractiesStore,
  OnderwerpobjectRow,
  PartijRow,
  TableName,
} from './store';

export const API_PREFIX = '/klantinteracties/api/v1';
export const API_VERSION = '0.9.0';

/** The expand values each endpoint accepts (klantinteracties-v1.yaml `expand` enums). */
const EXPAND = {
  klantcontacten: [
    'gingOverOnderwerpobjecten',
    'hadBetrokkenen',
    'hadBetrokkenen.digitaleAdressen',
    'hadBetrokkenen.wasPartij',
    'leiddeTotInterneTaken',
    'omvatteBijlagen',
  ],
  partijen: ['betrokkenen', 'betrokkenen.hadKlantcontact', 'categorieRelaties', 'digitaleAdressen'],
  digitaleadressen: [
    'verstrektDoorBetrokkene',
    'verstrektDoorBetrokkene.hadKlantcontact',
    'verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken',
  ],
  betrokkenen: ['digitaleAdressen'],
} as const;

/** vng-api-common problem body (`Fout` / `ValidatieFout`). */
class KiProblem extends Error {
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

const notFound = (detail = 'Niet gevonden.') => new KiProblem(404, 'not_found', 'Niet gevonden.', detail);

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'ValidationError',
  401: 'NotAuthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  500: 'APIException',
};

export interface ApiDeps {
  store: KlantinteractiesStore;
  serializer: KlantinteractiesSerializer;
  publicBaseUrl: string;
  token: string;
}

export function registerKlantinteractiesApi(app: FastifyInstance, deps: ApiDeps): void {
  const { store, serializer } = deps;
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const expectedToken = createHash('sha256').update(deps.token).digest();

  const sendProblem = (request: FastifyRequest, reply: FastifyReply, p: KiProblem) => {
    const body = {
      type: `${base}${API_PREFIX}/ref/fouten/${TYPE_BY_STATUS[p.status] ?? 'APIException'}/`,
      code: p.code,
      title: p.title,
      status: p.status,
      detail: p.detail,
      instance: `urn:uuid:${randomUUID()}`,
      ...(p.invalidParams ? { invalidParams: p.invalidParams } : {}),
    };
    if (p.status === 401) reply.header('www-authenticate', 'Token');
    request.log.debug({ status: p.status, code: p.code }, 'klantinteracties problem');
    return reply.code(p.status).type('application/problem+json').send(body);
  };

  const toProblem = (error: unknown): KiProblem => {
    if (error instanceof KiProblem) return error;
    if (error instanceof KiValidationError) {
      return new KiProblem(
        400,
        'invalid',
        'Ongeldige invoer.',
        'Een of meer velden zijn niet goed ingevuld.',
        error.invalidParams,
      );
    }
    if (error instanceof KiNotFoundError) return notFound();
    const e = error as FastifyError;
    const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
    if (status === 415)
      return new KiProblem(
        415,
        'unsupported_media_type',
        'Verkeerd inhoudstype.',
        'Stuur de gegevens als application/json.',
      );
    if (status === 413)
      return new KiProblem(413, 'request_too_large', 'Verzoek te groot.', 'Het verzoek is te groot.');
    if (status >= 400 && status < 500) {
      return new KiProblem(400, 'parse_error', 'Ongeldig verzoek.', 'De JSON in het verzoek is niet geldig.');
    }
    return new KiProblem(500, 'error', 'Interne fout.', 'Er ging iets mis op de server.');
  };

  app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => {
        const p = toProblem(error);
        if (p.status >= 500) request.log.error({ err: error }, 'klantinteracties: unhandled error');
        return sendProblem(request, reply, p);
      });
      scope.setNotFoundHandler((request, reply) => sendProblem(request, reply, notFound()));

      scope.addHook('onRequest', async (request) => {
        const header = request.headers.authorization;
        if (!header) {
          throw new KiProblem(
            401,
            'not_authenticated',
            'Authenticatiegegevens zijn niet opgegeven.',
            'Stuur Authorization: Token <sleutel>.',
          );
        }
        const match = /^Token\s+(\S+)\s*$/.exec(header);
        const given = match?.[1] !== undefined ? createHash('sha256').update(match[1]).digest() : undefined;
        if (!given || !timingSafeEqual(given, expectedToken)) {
          throw new KiProblem(401, 'authentication_failed', 'Ongeldige token.', 'De token is onjuist.');
        }
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('API-version', API_VERSION);
        return payload;
      });

      // ------------------------------------------------------------ helpers
      const expandOf = (request: FastifyRequest, allowed: readonly string[]): ExpandTree => {
        const query = request.query as Record<string, unknown>;
        const raw = query.expand;
        const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
          .flatMap((v) => String(v).split(','))
          .map((v) => v.trim())
          .filter((v) => v !== '');
        const wrong = values.filter((v) => !allowed.includes(v));
        if (wrong.length > 0) {
          throw new KiValidationError(
            wrong.map((v) => ({
              name: 'expand',
              code: 'invalid_choice',
              reason: `"${v}" is een ongeldige keuze.`,
            })),
          );
        }
        return expandTree(values);
      };

      const list = <T>(
        request: FastifyRequest,
        def: ListDefinition,
        serialize: (row: T) => unknown,
      ): { count: number; next: string | null; previous: string | null; results: unknown[] } => {
        const query = request.query as Record<string, unknown>;
        const page = pageRequest(query);
        if (page === 'invalid-page') throw notFound('Ongeldige pagina.');
        const { count, rows } = runList<T>(store.db, def, query, page);
        if (page.page > 1 && rows.length === 0) throw notFound('Ongeldige pagina.');
        const pageUrl = (n: number) => {
          const u = new URL(request.url, `${base}/`);
          const out = new URL(`${base}${u.pathname}`);
          u.searchParams.forEach((v, k) => {
            if (k !== 'page') out.searchParams.append(k, v);
          });
          if (n > 1) out.searchParams.set('page', String(n));
          return out.toString();
        };
        const hasNext = page.page * page.pageSize < count;
        return {
          count,
          next: hasNext ? pageUrl(page.page + 1) : null,
          previous: page.page > 1 ? pageUrl(page.page - 1) : null,
          results: rows.map(serialize),
        };
      };

      const byUuid = <T>(table: TableName, request: FastifyRequest): T => {
        const { uuid } = request.params as { uuid: string };
        const row = /^[0-9a-f-]{36}$/i.test(uuid) ? store.get<T>(table, uuid.toLowerCase()) : undefined;
        if (!row) throw notFound();
        return row;
      };

      const created = (reply: FastifyReply, body: unknown) => reply.code(201).send(body);

      // ------------------------------------------------------------ klantcontacten
      scope.get('/klantcontacten', async (request) => {
        const expand = expandOf(request, EXPAND.klantcontacten);
        return list<KlantcontactRow>(request, LISTS.klantcontacten, (r) =>
          serializer.klantcontact(r, expand),
        );
      });
      scope.get('/klantcontacten/:uuid', async (request) => {
        const expand = expandOf(request, EXPAND.klantcontacten);
        return serializer.klantcontact(byUuid<KlantcontactRow>('ki_klantcontacten', request), expand);
      });
      scope.post('/klantcontacten', async (request, reply) => {
        const input = parse(KlantcontactInput, request.body);
        return created(reply, serializer.klantcontact(store.createKlantcontact(input)));
      });
      scope.post('/maak-klantcontact', async (request, reply) => {
        const input = parse(MaakKlantcontactInput, request.body);
        const result = store.db.transaction(() => {
          const kc = store.createKlantcontact(input.klantcontact);
          const b = input.betrokkene
            ? store.createBetrokkene({ ...input.betrokkene, hadKlantcontact: { uuid: kc.uuid } })
            : undefined;
          const o = input.onderwerpobject
            ? store.createOnderwerpobject({ ...input.onderwerpobject, klantcontact: { uuid: kc.uuid } })
            : undefined;
          return { kc: kc.uuid, b, o };
        })();
        const kc = store.mustGet<KlantcontactRow>('ki_klantcontacten', result.kc, 'Klantcontact');
        return created(reply, {
          klantcontact: serializer.klantcontact(kc),
          ...(result.b ? { betrokkene: serializer.betrokkene(result.b) } : {}),
          ...(result.o ? { onderwerpobject: serializer.onderwerpobject(result.o) } : {}),
        });
      });

      // ------------------------------------------------------------ partijen
      scope.get('/partijen', async (request) => {
        const expand = expandOf(request, EXPAND.partijen);
        return list<PartijRow>(request, LISTS.partijen, (r) => serializer.partij(r, expand));
      });
      scope.get('/partijen/:uuid', async (request) => {
        const expand = expandOf(request, EXPAND.partijen);
        return serializer.partij(byUuid<PartijRow>('ki_partijen', request), expand);
      });
      scope.post('/partijen', async (request, reply) => {
        return created(reply, serializer.partij(store.createPartij(parsePartij(request.body))));
      });

      // ------------------------------------------------------------ digitale adressen
      scope.get('/digitaleadressen', async (request) => {
        const expand = expandOf(request, EXPAND.digitaleadressen);
        return list<DigitaalAdresRow>(request, LISTS.digitaleadressen, (r) =>
          serializer.digitaalAdres(r, expand),
        );
      });
      scope.get('/digitaleadressen/:uuid', async (request) => {
        const expand = expandOf(request, EXPAND.digitaleadressen);
        return serializer.digitaalAdres(byUuid<DigitaalAdresRow>('ki_digitale_adressen', request), expand);
      });
      scope.post('/digitaleadressen', async (request, reply) => {
        return created(
          reply,
          serializer.digitaalAdres(store.createDigitaalAdres(parse(DigitaalAdresInput, request.body))),
        );
      });

      // ------------------------------------------------------------ betrokkenen
      scope.get('/betrokkenen', async (request) => {
        const expand = expandOf(request, EXPAND.betrokkenen);
        return list<BetrokkeneRow>(request, LISTS.betrokkenen, (r) => serializer.betrokkene(r, expand));
      });
      scope.get('/betrokkenen/:uuid', async (request) => {
        const expand = expandOf(request, EXPAND.betrokkenen);
        return serializer.betrokkene(byUuid<BetrokkeneRow>('ki_betrokkenen', request), expand);
      });
      scope.post('/betrokkenen', async (request, reply) => {
        return created(
          reply,
          serializer.betrokkene(store.createBetrokkene(parse(BetrokkeneInput, request.body))),
        );
      });

      // ------------------------------------------------------------ onderwerpobjecten
      scope.get('/onderwerpobjecten', async (request) =>
        list<OnderwerpobjectRow>(request, LISTS.onderwerpobjecten, (r) => serializer.onderwerpobject(r)),
      );
      scope.get('/onderwerpobjecten/:uuid', async (request) =>
        serializer.onderwerpobject(byUuid<OnderwerpobjectRow>('ki_onderwerpobjecten', request)),
      );
      scope.post('/onderwerpobjecten', async (request, reply) => {
        return created(
          reply,
          serializer.onderwerpobject(store.createOnderwerpobject(parse(OnderwerpobjectInput, request.body))),
        );
      });

      // ------------------------------------------------------------ bijlagen
      scope.get('/bijlagen', async (request) =>
        list<BijlageRow>(request, LISTS.bijlagen, (r) => serializer.bijlage(r)),
      );
      scope.get('/bijlagen/:uuid', async (request) =>
        serializer.bijlage(byUuid<BijlageRow>('ki_bijlagen', request)),
      );
      scope.post('/bijlagen', async (request, reply) => {
        return created(reply, serializer.bijlage(store.createBijlage(parse(BijlageInput, request.body))));
      });
      // PUT (Bijlage) and PATCH (PatchedBijlage) take the same fields: none is write-required.
      const updateBijlage = async (request: FastifyRequest) => {
        const row = byUuid<BijlageRow>('ki_bijlagen', request);
        const input = parse(BijlageInput, request.body ?? {});
        return serializer.bijlage(store.updateBijlage(row.uuid, input));
      };
      scope.put('/bijlagen/:uuid', updateBijlage);
      scope.patch('/bijlagen/:uuid', updateBijlage);
      scope.delete('/bijlagen/:uuid', async (request, reply) => {
        store.deleteBijlage(byUuid<BijlageRow>('ki_bijlagen', request).uuid);
        return reply.code(204).send();
      });

      // ------------------------------------------------------------ interne taken
      scope.get('/internetaken', async (request) =>
        list<InterneTaakRow>(request, LISTS.internetaken, (r) => serializer.interneTaak(r)),
      );
      scope.get('/internetaken/:uuid', async (request) =>
        serializer.interneTaak(byUuid<InterneTaakRow>('ki_interne_taken', request)),
      );
      scope.post('/internetaken', async (request, reply) => {
        return created(
          reply,
          serializer.interneTaak(store.createInterneTaak(parse(InterneTaakInput, request.body))),
        );
      });
      scope.patch('/internetaken/:uuid', async (request) => {
        const row = byUuid<InterneTaakRow>('ki_interne_taken', request);
        const patch = parse(PatchedInterneTaakInput, request.body ?? {});
        return serializer.interneTaak(store.patchInterneTaak(row.uuid, patch));
      });

      // ------------------------------------------------------------ actoren
      scope.get('/actoren', async (request) =>
        list<ActorRow>(request, LISTS.actoren, (r) => serializer.actor(r)),
      );
      scope.get('/actoren/:uuid', async (request) =>
        serializer.actor(byUuid<ActorRow>('ki_actoren', request)),
      );
      scope.post('/actoren', async (request, reply) => {
        return created(reply, serializer.actor(store.createActor(parseActor(request.body))));
      });

      // ------------------------------------------------------------ actorklantcontacten
      scope.get('/actorklantcontacten', async (request) =>
        list<ActorKlantcontactRow>(request, LISTS.actorklantcontacten, (r) =>
          serializer.actorKlantcontact(r),
        ),
      );
      scope.get('/actorklantcontacten/:uuid', async (request) =>
        serializer.actorKlantcontact(byUuid<ActorKlantcontactRow>('ki_actorklantcontacten', request)),
      );
      scope.post('/actorklantcontacten', async (request, reply) => {
        const input = parse(ActorKlantcontactInput, request.body);
        return created(reply, serializer.actorKlantcontact(store.createActorKlantcontact(input)));
      });
    },
    { prefix: API_PREFIX },
  );
}
