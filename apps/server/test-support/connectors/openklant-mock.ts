import { randomUUID } from 'node:crypto';
import { registerSpecs } from './register-mocks';
import { startSpecMock, type MockContext, type MockReply, type SpecMockServer } from './spec-mock-server';

export const OPENKLANT_TOKEN = 'openklant-test-token';

type Row = Record<string, unknown> & { uuid: string };

export interface OpenKlantMock extends SpecMockServer {
  base: string;
  store: Record<string, Row[]>;
  /** Make the next `times` POSTs to `collection` fail with `status` (503: transient, 400: permanent). */
  failPost(collection: string, status: number, times?: number): void;
  seedPartij(input: { bsn: string; naam: { voornaam: string; achternaam: string }; telefoon?: string }): Row;
}

/**
 * A stateful Open Klant (Klantinteracties 0.9.0) for connector tests: list filters the connectors use,
 * create, read, delete (a deleted klantcontact takes its betrokkenen, bijlagen and the like with it). Bodies start from spec samples; every request and response is validated.
 */
export async function startOpenKlantMock(): Promise<OpenKlantMock> {
  const { ki } = registerSpecs();
  const store: Record<string, Row[]> = {
    partijen: [],
    digitaleadressen: [],
    klantcontacten: [],
    betrokkenen: [],
    actoren: [],
    actorklantcontacten: [],
    onderwerpobjecten: [],
    bijlagen: [],
    internetaken: [],
  };
  const failures = new Map<string, { status: number; times: number }>();
  let base = '';
  const ref = (collection: string, uuid: string) => ({ uuid, url: `${base}/${collection}/${uuid}` });
  const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
  const auth = (ctx: MockContext): MockReply | undefined =>
    ctx.headers.authorization === `Token ${OPENKLANT_TOKEN}`
      ? undefined
      : { status: 401, body: { detail: 'Ongeldige token.' } };

  const partijJson = (p: Row, expand: boolean) => {
    const adressen = store.digitaleadressen!.filter(
      (d) => (d.verstrektDoorPartij as { uuid?: string } | null)?.uuid === p.uuid,
    );
    return {
      ...p,
      digitaleAdressen: adressen.map((d) => ref('digitaleadressen', d.uuid)),
      ...(expand ? { _expand: { digitaleAdressen: adressen } } : {}),
    };
  };
  const create =
    (collection: string, make: (ctx: MockContext) => Row) =>
    (ctx: MockContext): MockReply => {
      const denied = auth(ctx);
      if (denied) return denied;
      const f = failures.get(collection);
      if (f && f.times > 0) {
        f.times--;
        return {
          status: f.status,
          body: {
            type: 'x',
            code: 'fout',
            title: 'Fout',
            status: f.status,
            detail: 'geforceerd',
            instance: `urn:uuid:${randomUUID()}`,
          },
        };
      }
      const row = make(ctx);
      store[collection]!.push(row);
      return { status: 201, body: row };
    };
  const list =
    (
      collection: string,
      filter: (row: Row, q: URLSearchParams) => boolean,
      map: (r: Row) => unknown = (r) => r,
    ) =>
    (ctx: MockContext): MockReply =>
      auth(ctx) ?? {
        status: 200,
        body: page(store[collection]!.filter((r) => filter(r, ctx.query)).map(map)),
      };
  /** Open Klant's answer to a reference that does not exist: 400 with the field in invalidParams. */
  const doesNotExist = (name: string): MockReply => ({
    status: 400,
    body: {
      type: 'http://localhost/ref/fouten/ValidationError/',
      code: 'invalid',
      title: 'Invalid input.',
      status: 400,
      detail: '',
      instance: `urn:uuid:${randomUUID()}`,
      invalidParams: [{ name, code: 'does_not_exist', reason: 'Ongeldige UUID.' }],
    },
  });
  /** A betrokkene whose partij Open Klant does not have is refused. */
  const unknownPartij = (ctx: MockContext): MockReply | undefined => {
    const partij = (ctx.body as { wasPartij?: { uuid?: string } | null }).wasPartij?.uuid;
    return partij && !store.partijen!.some((p) => p.uuid === partij) ? doesNotExist('wasPartij') : undefined;
  };
  /** A bijlage of a klantcontact Open Klant does not have is refused. */
  const unknownKlantcontact = (ctx: MockContext): MockReply | undefined => {
    const kc = (ctx.body as { wasBijlageVanKlantcontact?: { uuid?: string } | null })
      .wasBijlageVanKlantcontact?.uuid;
    return kc && !store.klantcontacten!.some((k) => k.uuid === kc)
      ? doesNotExist('wasBijlageVanKlantcontact.uuid')
      : undefined;
  };
  const eq = (a: unknown, b: string | null) => b === null || a === b;
  const uuidOf = (x: unknown) => (x as { uuid?: string } | null | undefined)?.uuid;

  const server = await startSpecMock([
    {
      basePath: '/klantinteracties/api/v1',
      spec: ki,
      handlers: {
        'GET /partijen': list(
          'partijen',
          (p, q) =>
            (p.partijIdentificatoren as { partijIdentificator: Record<string, string> }[]).some(
              (i) =>
                eq(
                  i.partijIdentificator.codeSoortObjectId,
                  q.get('partijIdentificator__codeSoortObjectId'),
                ) && eq(i.partijIdentificator.objectId, q.get('partijIdentificator__objectId')),
            ),
          (p) => partijJson(p, true),
        ),
        'GET /partijen/{uuid}': (ctx) => {
          const p = store.partijen!.find((x) => x.uuid === ctx.params.uuid);
          return (
            auth(ctx) ??
            (p
              ? {
                  status: 200,
                  body: partijJson(p, ctx.query.get('expand')?.includes('digitaleAdressen') ?? false),
                }
              : { status: 404, body: { detail: 'Niet gevonden.' } })
          );
        },
        'GET /digitaleadressen': list(
          'digitaleadressen',
          (d, q) =>
            eq(d.adres, q.get('adres')) &&
            eq(d.soortDigitaalAdres, q.get('soortDigitaalAdres')) &&
            eq(uuidOf(d.verstrektDoorBetrokkene), q.get('verstrektDoorBetrokkene__uuid')),
        ),
        'GET /klantcontacten': list('klantcontacten', (k, q) => {
          const partij = q.get('hadBetrokkene__wasPartij__uuid');
          const betrokken = store
            .betrokkenen!.filter((b) => uuidOf(b.hadKlantcontact) === k.uuid)
            .map((b) => uuidOf(b.wasPartij));
          return (
            eq(k.referentienummer, q.get('referentienummer')) &&
            (partij === null || betrokken.includes(partij))
          );
        }),
        'GET /betrokkenen': list('betrokkenen', (b, q) =>
          eq(uuidOf(b.hadKlantcontact), q.get('hadKlantcontact__uuid')),
        ),
        'GET /actoren': list(
          'actoren',
          (a, q) =>
            eq(
              (a.actoridentificator as Record<string, string> | undefined)?.objectId,
              q.get('actoridentificatorObjectId'),
            ) &&
            eq(a.soortActor, q.get('soortActor')) &&
            eq(a.naam, q.get('naam')),
        ),
        'GET /actoren/{uuid}': (ctx) => {
          const a = store.actoren!.find((x) => x.uuid === ctx.params.uuid);
          return auth(ctx) ?? (a ? { status: 200, body: a } : { status: 404, body: {} });
        },
        'GET /actorklantcontacten': list('actorklantcontacten', (a, q) =>
          eq(uuidOf(a.klantcontact), q.get('klantcontact__uuid')),
        ),
        'GET /onderwerpobjecten': list('onderwerpobjecten', (o, q) =>
          eq(uuidOf(o.klantcontact), q.get('klantcontact__uuid')),
        ),
        'GET /bijlagen': list('bijlagen', (b, q) => {
          const ident = (b.bijlageidentificator ?? {}) as Record<string, string | undefined>;
          return (
            eq(uuidOf(b.wasBijlageVanKlantcontact), q.get('klantcontact__uuid')) &&
            eq(ident.objectId, q.get('bijlageidentificatorObjectId')) &&
            eq(ident.codeObjecttype, q.get('bijlageidentificatorCodeObjecttype')) &&
            eq(ident.codeRegister, q.get('bijlageidentificatorCodeRegister')) &&
            eq(ident.codeSoortObjectId, q.get('bijlageidentificatorCodeSoortObjectId'))
          );
        }),
        'GET /internetaken': list('internetaken', (t, q) =>
          eq(uuidOf(t.aanleidinggevendKlantcontact), q.get('klantcontact__uuid')),
        ),
        'GET /internetaken/{uuid}': (ctx) => {
          const t = store.internetaken!.find((x) => x.uuid === ctx.params.uuid);
          return auth(ctx) ?? (t ? { status: 200, body: t } : { status: 404, body: {} });
        },
        'POST /klantcontacten': create('klantcontacten', (ctx) => {
          const uuid = randomUUID();
          return {
            ...ctx.sample(201),
            ...(ctx.body as object),
            ...ref('klantcontacten', uuid),
            hadBetrokkenen: [],
            hadBetrokkenActoren: [],
            gingOverOnderwerpobjecten: [],
            omvatteBijlagen: [],
            leiddeTotInterneTaken: [],
            nummer: null,
          } as Row;
        }),
        'POST /betrokkenen': (ctx) =>
          auth(ctx) ??
          unknownPartij(ctx) ??
          create('betrokkenen', (ctx) => {
            const body = ctx.body as Record<string, unknown>;
            const uuid = randomUUID();
            return {
              ...ctx.sample(201),
              ...body,
              ...ref('betrokkenen', uuid),
              hadKlantcontact: ref('klantcontacten', uuidOf(body.hadKlantcontact)!),
              wasPartij: body.wasPartij ? ref('partijen', uuidOf(body.wasPartij)!) : null,
              digitaleAdressen: [],
              volledigeNaam: '',
            } as Row;
          })(ctx),
        'POST /actoren': create(
          'actoren',
          (ctx) => ({ ...ctx.sample(201), ...(ctx.body as object), ...ref('actoren', randomUUID()) }) as Row,
        ),
        'POST /actorklantcontacten': create('actorklantcontacten', (ctx) => {
          const body = ctx.body as Record<string, unknown>;
          return {
            ...ctx.sample(201),
            ...ref('actorklantcontacten', randomUUID()),
            actor: ref('actoren', uuidOf(body.actor)!),
            klantcontact: ref('klantcontacten', uuidOf(body.klantcontact)!),
          } as Row;
        }),
        'POST /digitaleadressen': create('digitaleadressen', (ctx) => {
          const body = ctx.body as Record<string, unknown>;
          return {
            ...ctx.sample(201),
            ...body,
            ...ref('digitaleadressen', randomUUID()),
            verstrektDoorBetrokkene: body.verstrektDoorBetrokkene
              ? ref('betrokkenen', uuidOf(body.verstrektDoorBetrokkene)!)
              : null,
            verstrektDoorPartij: body.verstrektDoorPartij
              ? ref('partijen', uuidOf(body.verstrektDoorPartij)!)
              : null,
          } as Row;
        }),
        'POST /partijen': create('partijen', (ctx) => {
          const body = ctx.body as Record<string, unknown>;
          const uuid = randomUUID();
          const contactnaam = (body.partijIdentificatie as { contactnaam?: Record<string, string> })
            .contactnaam;
          const ids = (body.partijIdentificatoren ?? []) as { partijIdentificator: Record<string, string> }[];
          return {
            ...body,
            ...ref('partijen', uuid),
            betrokkenen: [],
            categorieRelaties: [],
            vertegenwoordigden: [],
            partijIdentificatie: {
              contactnaam,
              volledigeNaam: [
                contactnaam?.voornaam,
                contactnaam?.voorvoegselAchternaam,
                contactnaam?.achternaam,
              ]
                .filter(Boolean)
                .join(' '),
            },
            partijIdentificatoren: ids.map((i) => ({
              ...ref('partij-identificatoren', randomUUID()),
              identificeerdePartij: ref('partijen', uuid),
              subIdentificatorVan: null,
              partijIdentificator: i.partijIdentificator,
            })),
          } as Row;
        }),
        'DELETE /partijen/{uuid}': (ctx) => {
          const denied = auth(ctx);
          if (denied) return denied;
          const before = store.partijen!.length;
          store.partijen = store.partijen!.filter((p) => p.uuid !== ctx.params.uuid);
          store.digitaleadressen = store.digitaleadressen!.filter(
            (d) => uuidOf(d.verstrektDoorPartij) !== ctx.params.uuid,
          );
          return before === store.partijen!.length ? { status: 404, body: {} } : { status: 204 };
        },
        'POST /onderwerpobjecten': create('onderwerpobjecten', (ctx) => {
          const body = ctx.body as Record<string, unknown>;
          return {
            ...ctx.sample(201),
            ...body,
            ...ref('onderwerpobjecten', randomUUID()),
            klantcontact: ref('klantcontacten', uuidOf(body.klantcontact)!),
            wasKlantcontact: null,
          } as Row;
        }),
        'POST /bijlagen': (ctx) =>
          auth(ctx) ??
          unknownKlantcontact(ctx) ??
          create('bijlagen', (ctx) => {
            const body = ctx.body as Record<string, unknown>;
            const uuid = randomUUID();
            const kcUuid = uuidOf(body.wasBijlageVanKlantcontact);
            const kc = store.klantcontacten!.find((k) => k.uuid === kcUuid);
            if (kc) (kc.omvatteBijlagen as unknown[]).push(ref('bijlagen', uuid));
            return {
              ...ref('bijlagen', uuid),
              wasBijlageVanKlantcontact: kcUuid ? ref('klantcontacten', kcUuid) : null,
              bijlageidentificator: body.bijlageidentificator ?? null,
            } as Row;
          })(ctx),
        'POST /internetaken': create('internetaken', (ctx) => {
          const body = ctx.body as Record<string, unknown>;
          const uuid = randomUUID();
          const kc = store.klantcontacten!.find((k) => k.uuid === uuidOf(body.aanleidinggevendKlantcontact));
          if (kc) (kc.leiddeTotInterneTaken as unknown[]).push(ref('internetaken', uuid));
          return {
            ...ctx.sample(201),
            ...body,
            ...ref('internetaken', uuid),
            aanleidinggevendKlantcontact: ref('klantcontacten', uuidOf(body.aanleidinggevendKlantcontact)!),
            toegewezenAanActoren: ((body.toegewezenAanActoren as { uuid: string }[]) ?? []).map((a) =>
              ref('actoren', a.uuid),
            ),
            toegewezenOp: new Date().toISOString(),
            afgehandeldOp: null,
          } as Row;
        }),
        'DELETE /klantcontacten/{uuid}': (ctx) => {
          const denied = auth(ctx);
          if (denied) return denied;
          const before = store.klantcontacten!.length;
          store.klantcontacten = store.klantcontacten!.filter((k) => k.uuid !== ctx.params.uuid);
          for (const c of ['betrokkenen', 'actorklantcontacten', 'onderwerpobjecten']) {
            store[c] = store[c]!.filter(
              (r) => uuidOf(r.klantcontact ?? r.hadKlantcontact) !== ctx.params.uuid,
            );
          }
          store.internetaken = store.internetaken!.filter(
            (t) => uuidOf(t.aanleidinggevendKlantcontact) !== ctx.params.uuid,
          );
          store.bijlagen = store.bijlagen!.filter(
            (b) => uuidOf(b.wasBijlageVanKlantcontact) !== ctx.params.uuid,
          );
          return before === store.klantcontacten!.length ? { status: 404, body: {} } : { status: 204 };
        },
      },
    },
  ]);
  base = `${server.url}/klantinteracties/api/v1`;
  return {
    ...server,
    base,
    get store() {
      return store;
    },
    failPost(collection, status, times = 1) {
      failures.set(collection, { status, times });
    },
    seedPartij(input) {
      const uuid = randomUUID();
      const p: Row = {
        ...ref('partijen', uuid),
        soortPartij: 'persoon',
        indicatieActief: true,
        indicatieGeheimhouding: null,
        betrokkenen: [],
        categorieRelaties: [],
        vertegenwoordigden: [],
        bezoekadres: null,
        partijIdentificatie: {
          contactnaam: input.naam,
          volledigeNaam: `${input.naam.voornaam} ${input.naam.achternaam}`,
        },
        partijIdentificatoren: [
          {
            ...ref('partij-identificatoren', randomUUID()),
            identificeerdePartij: ref('partijen', uuid),
            subIdentificatorVan: null,
            partijIdentificator: {
              codeObjecttype: 'natuurlijk_persoon',
              codeSoortObjectId: 'bsn',
              objectId: input.bsn,
              codeRegister: 'brp',
            },
          },
        ],
      };
      store.partijen!.push(p);
      if (input.telefoon) {
        store.digitaleadressen!.push({
          ...ref('digitaleadressen', randomUUID()),
          adres: input.telefoon,
          soortDigitaalAdres: 'telefoonnummer',
          isStandaardAdres: true,
          verstrektDoorPartij: ref('partijen', uuid),
          verstrektDoorBetrokkene: null,
          omschrijving: 'Mobiel',
          verificatieDatum: null,
          isGeverifieerd: false,
        });
      }
      return p;
    },
  };
}
