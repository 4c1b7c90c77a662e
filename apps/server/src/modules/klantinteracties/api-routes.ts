import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ActorKlantcontactInput,
  BetrokkeneInput,
  BijlageInput,
  CategorieInput,
  CategorieRelatieInput,
  DigitaalAdresInput,
  InterneTaakInput,
  KlantcontactInput,
  MaakKlantcontactInput,
  OnderwerpobjectInput,
  parse,
  parseActor,
  parseActorPatch,
  parsePartij,
  parsePartijPatch,
  PartijIdentificatorInput,
  PatchedActorKlantcontactInput,
  PatchedBetrokkeneInput,
  PatchedDigitaalAdresInput,
  PatchedInterneTaakInput,
  PatchedKlantcontactInput,
  PatchedPartijIdentificatorInput,
  PatchedRekeningnummerInput,
  PatchedVertegenwoordigingInput,
  RekeningnummerInput,
  VertegenwoordigingInput,
} from './api-schemas';
import { isUniqueViolation } from '../../store/unique-violation';
import { KiNotFoundError, KiValidationError, type InvalidParam } from './errors';
import {
  checkKnownParameters,
  filterDrift,
  LISTS,
  pageRequest,
  queryValue,
  runList,
  type ListDefinition,
} from './list-queries';
import { expandTree, type ExpandTree, type KlantinteractiesSerializer } from './serializers';
import { HTTP_METHODS, specContract, type HttpMethod, type OperationSpec } from './spec-contract';
import {
  checkVerdereActie,
  type ActorKlantcontactRow,
  type ActorRow,
  type BetrokkeneRow,
  type BijlageRow,
  type DigitaalAdresRow,
  type InterneTaakRow,
  type KlantcontactRow,
  type KlantinteractiesStore,
  type OnderwerpobjectRow,
  type PartijIdentificatorRow,
  type PartijRow,
  type TableName,
} from './store';
import {
  KlantinteractiesChanges,
  type CategorieRelatieRow,
  type CategorieRow,
  type RekeningnummerRow,
  type VertegenwoordigingRow,
} from './store-changes';

export const API_PREFIX = '/klantinteracties/api/v1';
export const API_VERSION = '0.9.0';

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
  const changes = new KlantinteractiesChanges(store);
  const contract = specContract();
  const drift = filterDrift(contract.operations);
  if (drift.unimplemented.length > 0 || drift.unspecified.length > 0) {
    throw new Error(`Klantinteracties filters differ from the spec: ${JSON.stringify(drift)}`);
  }
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  /** The spec operation of the matched route (`/partijen/:uuid` → `/partijen/{uuid}`). */
  const operationOf = (request: FastifyRequest): OperationSpec | undefined => {
    const url = request.routeOptions.url ?? '';
    const template = url.slice(API_PREFIX.length).replace(/:([A-Za-z]+)/g, '{$1}');
    return contract.operation(request.method as HttpMethod, template);
  };
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
    // The checks before a write name the field; a concurrent write that passed the same check meets the UNIQUE
    // constraint instead (on both stores), and gets the same kind of answer.
    if (isUniqueViolation(error)) {
      return new KiProblem(400, 'invalid', 'Ongeldige invoer.', 'Dit object bestaat al.', [
        { name: 'nonFieldErrors', code: 'unique', reason: 'Dit object bestaat al.' },
      ]);
    }
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
      // Only JSON bodies: Fastify's text/plain parser would hand a string to the handlers (Open Klant: 415).
      scope.removeContentTypeParser('text/plain');
      // An empty JSON body is no body (clients send Content-Type: application/json on DELETE too, which DRF accepts);
      // anything else goes through Fastify's own parser (prototype-poisoning checks included).
      const jsonParser = scope.getDefaultJsonParser('error', 'error');
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
        if (body === '') {
          done(null, undefined);
          return;
        }
        jsonParser(request, String(body), done);
      });
      scope.addHook('preHandler', async (request) => {
        const op = request.method === 'GET' ? operationOf(request) : undefined;
        if (op) checkKnownParameters(op, request.query as Record<string, unknown>);
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('API-version', API_VERSION);
        return payload;
      });

      // ------------------------------------------------------------ helpers
      const expandOf = (request: FastifyRequest): ExpandTree => {
        const allowed = operationOf(request)?.query.get('expand')?.itemEnum ?? [];
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
              reason: `Selecteer een geldige keuze. ${v} is geen beschikbare keuze.`,
            })),
          );
        }
        return expandTree(values);
      };

      const list = async <T>(
        request: FastifyRequest,
        def: ListDefinition,
        serialize: (row: T) => Promise<unknown>,
      ): Promise<{ count: number; next: string | null; previous: string | null; results: unknown[] }> => {
        const query = request.query as Record<string, unknown>;
        const page = pageRequest(query);
        if (page === 'invalid-page') throw notFound('Ongeldige pagina.');
        const op = operationOf(request)!;
        const { count, rows } = await runList<T>(store.sql, op, def, query, page);
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
          results: await Promise.all(rows.map(serialize)),
        };
      };

      const byUuid = async <T>(table: TableName, request: FastifyRequest): Promise<T> => {
        const { uuid } = request.params as { uuid: string };
        const row = /^[0-9a-f-]{36}$/i.test(uuid) ? await store.get<T>(table, uuid.toLowerCase()) : undefined;
        if (!row) throw notFound();
        return row;
      };

      const created = (reply: FastifyReply, body: unknown) => reply.code(201).send(body);
      const noContent = (reply: FastifyReply) => reply.code(204).send();
      const body = (request: FastifyRequest): unknown => request.body ?? {};

      /**
       * One resource: list and read (with `expand` where the spec has it), create, PUT, PATCH and DELETE.
       * PUT and PATCH parse with the resource's own schemas (PUT: the spec's write-required fields).
       */
      const resource = <T extends { uuid: string }>(r: {
        path: string;
        table: TableName;
        list: ListDefinition;
        serialize: (row: T, expand: ExpandTree) => Promise<unknown>;
        create: (body: unknown) => Promise<T>;
        put: (row: T, body: unknown) => Promise<T>;
        patch: (row: T, body: unknown) => Promise<T>;
        remove: (row: T, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
      }) => {
        scope.get(`/${r.path}`, async (request) => {
          const expand = expandOf(request);
          return list<T>(request, r.list, (row) => r.serialize(row, expand));
        });
        scope.get(`/${r.path}/:uuid`, async (request) => {
          const expand = expandOf(request);
          return r.serialize(await byUuid<T>(r.table, request), expand);
        });
        scope.post(`/${r.path}`, async (request, reply) =>
          created(reply, await r.serialize(await r.create(request.body), {})),
        );
        scope.put(`/${r.path}/:uuid`, async (request) =>
          r.serialize(await r.put(await byUuid<T>(r.table, request), body(request)), {}),
        );
        scope.patch(`/${r.path}/:uuid`, async (request) =>
          r.serialize(await r.patch(await byUuid<T>(r.table, request), body(request)), {}),
        );
        scope.delete(`/${r.path}/:uuid`, async (request, reply) =>
          r.remove(await byUuid<T>(r.table, request), request, reply),
        );
      };

      // ------------------------------------------------------------ klantcontacten
      resource<KlantcontactRow>({
        path: 'klantcontacten',
        table: 'ki_klantcontacten',
        list: LISTS.klantcontacten,
        serialize: (row, expand) => serializer.klantcontact(row, expand),
        create: (b) => store.createKlantcontact(parse(KlantcontactInput, b)),
        put: (row, b) => changes.updateKlantcontact(row.uuid, parse(KlantcontactInput, b)),
        patch: (row, b) => changes.updateKlantcontact(row.uuid, parse(PatchedKlantcontactInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteKlantcontact(row.uuid);
          return noContent(reply);
        },
      });
      scope.post('/maak-klantcontact', async (request, reply) => {
        const input = parse(MaakKlantcontactInput, request.body);
        checkVerdereActie(input.klantcontact, 'klantcontact.');
        const result = await store.sql.tx(async () => {
          const kc = await store.createKlantcontact(input.klantcontact);
          const b = input.betrokkene
            ? await store.createBetrokkene({ ...input.betrokkene, hadKlantcontact: { uuid: kc.uuid } })
            : undefined;
          const o = input.onderwerpobject
            ? await store.createOnderwerpobject({ ...input.onderwerpobject, klantcontact: { uuid: kc.uuid } })
            : undefined;
          return { kc: kc.uuid, b, o };
        });
        const kc = await store.mustGet<KlantcontactRow>('ki_klantcontacten', result.kc, 'Klantcontact');
        return created(reply, {
          klantcontact: await serializer.klantcontact(kc),
          betrokkene: result.b ? await serializer.betrokkene(result.b) : null,
          onderwerpobject: result.o ? await serializer.onderwerpobject(result.o) : null,
        });
      });

      // ------------------------------------------------------------ partijen
      resource<PartijRow>({
        path: 'partijen',
        table: 'ki_partijen',
        list: LISTS.partijen,
        serialize: (row, expand) => serializer.partij(row, expand),
        create: (b) => store.createPartij(parsePartij(b)),
        put: async (row, b) => {
          // DRF keeps what is not sent: without partijIdentificatie the name stays as it is.
          const { partijIdentificatie, ...rest } = parsePartij(b);
          const sent = typeof b === 'object' && b !== null && 'partijIdentificatie' in b;
          return changes.updatePartij(row.uuid, sent ? { ...rest, partijIdentificatie } : rest);
        },
        patch: (row, b) => changes.updatePartij(row.uuid, parsePartijPatch(b, row.soort_partij)),
        remove: async (row, _request, reply) => {
          await changes.deletePartij(row.uuid);
          return noContent(reply);
        },
      });
      resource<PartijIdentificatorRow>({
        path: 'partij-identificatoren',
        table: 'ki_partij_identificatoren',
        list: LISTS['partij-identificatoren'],
        serialize: (row) => serializer.partijIdentificator(row),
        create: (b) => changes.createIdentificator(parse(PartijIdentificatorInput, b)),
        put: (row, b) => changes.updateIdentificator(row.uuid, parse(PartijIdentificatorInput, b)),
        patch: (row, b) => changes.updateIdentificator(row.uuid, parse(PatchedPartijIdentificatorInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteIdentificator(row.uuid);
          return noContent(reply);
        },
      });

      // ------------------------------------------------------------ digitale adressen
      resource<DigitaalAdresRow>({
        path: 'digitaleadressen',
        table: 'ki_digitale_adressen',
        list: LISTS.digitaleadressen,
        serialize: (row, expand) => serializer.digitaalAdres(row, expand),
        create: (b) => store.createDigitaalAdres(parse(DigitaalAdresInput, b)),
        put: (row, b) => changes.updateDigitaalAdres(row.uuid, parse(DigitaalAdresInput, b)),
        patch: (row, b) => changes.updateDigitaalAdres(row.uuid, parse(PatchedDigitaalAdresInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteDigitaalAdres(row.uuid);
          return noContent(reply);
        },
      });

      // ------------------------------------------------------------ betrokkenen
      resource<BetrokkeneRow>({
        path: 'betrokkenen',
        table: 'ki_betrokkenen',
        list: LISTS.betrokkenen,
        serialize: (row, expand) => serializer.betrokkene(row, expand),
        create: (b) => store.createBetrokkene(parse(BetrokkeneInput, b)),
        put: (row, b) => changes.updateBetrokkene(row.uuid, parse(BetrokkeneInput, b)),
        patch: (row, b) => changes.updateBetrokkene(row.uuid, parse(PatchedBetrokkeneInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteBetrokkene(row.uuid);
          return noContent(reply);
        },
      });

      // ------------------------------------------------------------ onderwerpobjecten
      resource<OnderwerpobjectRow>({
        path: 'onderwerpobjecten',
        table: 'ki_onderwerpobjecten',
        list: LISTS.onderwerpobjecten,
        serialize: (row) => serializer.onderwerpobject(row),
        create: (b) => store.createOnderwerpobject(parse(OnderwerpobjectInput, b)),
        put: (row, b) => changes.updateOnderwerpobject(row.uuid, parse(OnderwerpobjectInput, b)),
        patch: (row, b) => changes.updateOnderwerpobject(row.uuid, parse(OnderwerpobjectInput, b)),
        remove: async (row, request, reply) => {
          const raw = queryValue(request.query as Record<string, unknown>, 'cascade') ?? 'false';
          const cascade = raw.toLowerCase() === 'true';
          const { behouden } = await changes.deleteOnderwerpobject(row.uuid, cascade);
          if (!cascade) return noContent(reply);
          return reply.code(200).send({ behouden: behouden.map((u) => serializer.url('klantcontacten', u)) });
        },
      });

      // ------------------------------------------------------------ bijlagen
      // PUT (Bijlage) and PATCH (PatchedBijlage) take the same fields: none is write-required.
      resource<BijlageRow>({
        path: 'bijlagen',
        table: 'ki_bijlagen',
        list: LISTS.bijlagen,
        serialize: (row) => serializer.bijlage(row),
        create: (b) => store.createBijlage(parse(BijlageInput, b)),
        put: (row, b) => store.updateBijlage(row.uuid, parse(BijlageInput, b)),
        patch: (row, b) => store.updateBijlage(row.uuid, parse(BijlageInput, b)),
        remove: async (row, _request, reply) => {
          await store.deleteBijlage(row.uuid);
          return noContent(reply);
        },
      });

      // ------------------------------------------------------------ interne taken
      resource<InterneTaakRow>({
        path: 'internetaken',
        table: 'ki_interne_taken',
        list: LISTS.internetaken,
        serialize: (row) => serializer.interneTaak(row),
        create: (b) => store.createInterneTaak(parse(InterneTaakInput, b)),
        put: (row, b) => store.patchInterneTaak(row.uuid, parse(InterneTaakInput, b), true),
        patch: (row, b) => store.patchInterneTaak(row.uuid, parse(PatchedInterneTaakInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteInterneTaak(row.uuid);
          return noContent(reply);
        },
      });

      // ------------------------------------------------------------ actoren
      resource<ActorRow>({
        path: 'actoren',
        table: 'ki_actoren',
        list: LISTS.actoren,
        serialize: (row) => serializer.actor(row),
        create: (b) => store.createActor(parseActor(b)),
        put: (row, b) => changes.updateActor(row.uuid, parseActor(b)),
        patch: (row, b) => changes.updateActor(row.uuid, parseActorPatch(b, row.soort_actor)),
        remove: async (row, _request, reply) => {
          await changes.deleteActor(row.uuid);
          return noContent(reply);
        },
      });
      resource<ActorKlantcontactRow>({
        path: 'actorklantcontacten',
        table: 'ki_actorklantcontacten',
        list: LISTS.actorklantcontacten,
        serialize: (row) => serializer.actorKlantcontact(row),
        create: (b) => store.createActorKlantcontact(parse(ActorKlantcontactInput, b)),
        put: (row, b) => changes.updateActorKlantcontact(row.uuid, parse(ActorKlantcontactInput, b)),
        patch: (row, b) => changes.updateActorKlantcontact(row.uuid, parse(PatchedActorKlantcontactInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteActorKlantcontact(row.uuid);
          return noContent(reply);
        },
      });

      // ------------------------------------------------------------ rekeningnummers, categorieën, vertegenwoordigingen
      resource<RekeningnummerRow>({
        path: 'rekeningnummers',
        table: 'ki_rekeningnummers',
        list: LISTS.rekeningnummers,
        serialize: (row) => serializer.rekeningnummer(row),
        create: (b) => changes.saveRekeningnummer(undefined, parse(RekeningnummerInput, b)),
        put: (row, b) => changes.saveRekeningnummer(row.uuid, parse(RekeningnummerInput, b)),
        patch: (row, b) => changes.saveRekeningnummer(row.uuid, parse(PatchedRekeningnummerInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteRekeningnummer(row.uuid);
          return noContent(reply);
        },
      });
      resource<CategorieRow>({
        path: 'categorieen',
        table: 'ki_categorieen',
        list: LISTS.categorieen,
        serialize: (row) => serializer.categorie(row),
        create: (b) => changes.saveCategorie(undefined, parse(CategorieInput, b)),
        put: (row, b) => changes.saveCategorie(row.uuid, parse(CategorieInput, b)),
        patch: (row, b) => changes.saveCategorie(row.uuid, parse(CategorieInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteCategorie(row.uuid);
          return noContent(reply);
        },
      });
      resource<CategorieRelatieRow>({
        path: 'categorie-relaties',
        table: 'ki_categorie_relaties',
        list: LISTS['categorie-relaties'],
        serialize: (row) => serializer.categorieRelatie(row),
        create: (b) => changes.saveCategorieRelatie(undefined, parse(CategorieRelatieInput, b)),
        put: (row, b) => changes.saveCategorieRelatie(row.uuid, parse(CategorieRelatieInput, b)),
        patch: (row, b) => changes.saveCategorieRelatie(row.uuid, parse(CategorieRelatieInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteCategorieRelatie(row.uuid);
          return noContent(reply);
        },
      });
      resource<VertegenwoordigingRow>({
        path: 'vertegenwoordigingen',
        table: 'ki_vertegenwoordigingen',
        list: LISTS.vertegenwoordigingen,
        serialize: (row) => serializer.vertegenwoordiging(row),
        create: (b) => changes.saveVertegenwoordiging(undefined, parse(VertegenwoordigingInput, b)),
        put: (row, b) => changes.saveVertegenwoordiging(row.uuid, parse(VertegenwoordigingInput, b)),
        patch: (row, b) => changes.saveVertegenwoordiging(row.uuid, parse(PatchedVertegenwoordigingInput, b)),
        remove: async (row, _request, reply) => {
          await changes.deleteVertegenwoordiging(row.uuid);
          return noContent(reply);
        },
      });

      // ------------------------------------------------------------ methods the spec does not have → 405
      for (const template of contract.templates()) {
        const allowed = contract.methodsOf(template);
        const missing = HTTP_METHODS.filter((m) => !allowed.includes(m));
        if (missing.length === 0) continue;
        scope.route({
          method: missing,
          url: template.replace(/\{([^}]+)\}/g, ':$1'),
          handler: async (request, reply) => {
            reply.header('allow', allowed.join(', '));
            throw new KiProblem(
              405,
              'method_not_allowed',
              'Methode niet toegestaan.',
              `Methode "${request.method}" niet toegestaan.`,
            );
          },
        });
      }
    },
    { prefix: API_PREFIX },
  );
}
