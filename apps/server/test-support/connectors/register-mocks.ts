import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_ORGANISATIES,
  DEMO_PERSONEN,
  DEMO_ZAKEN,
} from '../../src/modules/klantbeeld/demo-registers-data';
import { isoDate } from '../../src/modules/klantbeeld/zaak-termijn';
import { verifyHs256 } from '../../src/connectors/openzaak/jwt';
import { loadSpec, type LoadedSpec } from './oas-spec';
import {
  startSpecMock,
  type MockContext,
  type RecordedRequest,
  type SpecMockServer,
} from './spec-mock-server';

/**
 * Mock registers for connector tests and the benchmark. Responses start from a body generated from the
 * official spec (`ctx.sample()`) and overlay the scenario's values; requests and responses are validated
 * against the spec by `startSpecMock`.
 */

let specs: { zaken: LoadedSpec; catalogi: LoadedSpec; brp: LoadedSpec; ki: LoadedSpec } | undefined;
export function registerSpecs() {
  specs ??= {
    zaken: loadSpec('zaken-v1.yaml'),
    catalogi: loadSpec('catalogi-v1.yaml'),
    brp: loadSpec('brp-personen-v2.yaml'),
    ki: loadSpec('klantinteracties-v1.yaml'),
  };
  return specs;
}

const DAY = 24 * 3600 * 1000;
const paginated = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });

export const OPENZAAK_CLIENT_ID = 'kcc-test';
export const OPENZAAK_SECRET = 'geheim-voor-tests-1234';

/** Open Zaak with the demo zaken (Zaken 1.5.1 under /zaken/api/v1, Catalogi 1.3.1 under /catalogi/api/v1). */
export async function startOpenZaakMock(now: () => Date = () => new Date()): Promise<SpecMockServer> {
  const { zaken, catalogi } = registerSpecs();
  const day = (offset: number) => isoDate(new Date(now().getTime() + offset * DAY));
  const jwtCheck = async (r: RecordedRequest): Promise<string[]> => {
    const auth = String(r.headers.authorization ?? '');
    const claims = auth.startsWith('Bearer ') ? await verifyHs256(auth.slice(7), OPENZAAK_SECRET) : undefined;
    if (!claims) return [`${r.method} ${r.url}: no valid HS256 JWT`];
    const missing = ['iss', 'iat', 'client_id', 'user_id', 'user_representation'].filter(
      (k) => !(k in claims),
    );
    return missing.length > 0 || claims.client_id !== OPENZAAK_CLIENT_ID
      ? [`JWT claims wrong: ${missing.join(',')}`]
      : [];
  };
  const server = await startSpecMock(
    [
      {
        basePath: '/zaken/api/v1',
        spec: zaken,
        handlers: {
          'GET /zaken': (ctx) => {
            const bsn = ctx.query.get('rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn');
            const rsin = ctx.query.get('rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId');
            const open = ctx.query.get('einddatum__isnull') === 'true';
            const list = DEMO_ZAKEN.filter((z) =>
              bsn ? z.bsn === bsn : rsin ? z.rsin === rsin : false,
            ).filter((z) => !open || !z.afgesloten);
            const sample = [zaken.sampleComponent('Zaak')];
            return {
              status: 200,
              body: paginated(
                list.map((z) => ({
                  ...sample[0],
                  url: `${ctx.base}/zaken/${z.uuid}`,
                  uuid: z.uuid,
                  identificatie: z.identificatie,
                  omschrijving: z.omschrijving,
                  zaaktype: `${ctx.base.replace('/zaken/api/v1', '/catalogi/api/v1')}/zaaktypen/${zaaktypeUuid(z.zaaktype)}`,
                  startdatum: day(-z.startDagenGeleden),
                  einddatum: null,
                  einddatumGepland: z.einddatumGeplandOver !== undefined ? day(z.einddatumGeplandOver) : null,
                  uiterlijkeEinddatumAfdoening:
                    z.uiterlijkeEinddatumOver !== undefined ? day(z.uiterlijkeEinddatumOver) : null,
                  status: `${ctx.base}/statussen/${z.uuid}`,
                })),
              ),
            };
          },
          'GET /statussen/{uuid}': (ctx) => {
            const z = DEMO_ZAKEN.find((x) => x.uuid === ctx.params.uuid);
            if (!z) return { status: 404, body: { title: 'Niet gevonden', status: 404 } };
            return {
              status: 200,
              body: {
                ...ctx.sample(),
                url: `${ctx.base}/statussen/${z.uuid}`,
                uuid: z.uuid,
                zaak: `${ctx.base}/zaken/${z.uuid}`,
                statustype: `${ctx.base.replace('/zaken/api/v1', '/catalogi/api/v1')}/statustypen/${z.uuid}`,
                datumStatusGezet: new Date(now().getTime() - z.status.dagenGeleden * DAY).toISOString(),
              },
            };
          },
          'GET /rollen': (ctx) => {
            const zaakUrl = ctx.query.get('zaak') ?? '';
            const z = DEMO_ZAKEN.find((x) => zaakUrl.endsWith(x.uuid));
            const sample = zaken.sampleComponent('Rol');
            return {
              status: 200,
              body: paginated(
                z
                  ? [
                      {
                        ...sample,
                        uuid: randomUUID(),
                        zaak: zaakUrl,
                        betrokkeneType: 'organisatorische_eenheid',
                        omschrijvingGeneriek: 'behandelaar',
                        roltoelichting: 'Behandelaar',
                        betrokkeneIdentificatie: {
                          identificatie: 'OE1',
                          naam: z.behandelaar,
                          isGehuisvestIn: '',
                        },
                      },
                    ]
                  : [],
              ),
            };
          },
          'GET /zaakinformatieobjecten': (ctx) => {
            const zaakUrl = ctx.query.get('zaak') ?? '';
            const z = DEMO_ZAKEN.find((x) => zaakUrl.endsWith(x.uuid));
            const sample = zaken.sampleComponent('ZaakInformatieObject');
            return {
              status: 200,
              body: (z?.documenten ?? []).map((d) => ({
                ...sample,
                uuid: randomUUID(),
                zaak: zaakUrl,
                titel: d.titel,
                registratiedatum: new Date(now().getTime() - d.dagenGeleden * DAY).toISOString(),
              })),
            };
          },
          'GET /zaken/{uuid}': (ctx) => {
            const z = DEMO_ZAKEN.find((x) => x.uuid === ctx.params.uuid);
            if (!z) return { status: 404, body: { title: 'Niet gevonden', status: 404 } };
            return {
              status: 200,
              body: {
                ...ctx.sample(),
                url: `${ctx.base}/zaken/${z.uuid}`,
                uuid: z.uuid,
                identificatie: z.identificatie,
                omschrijving: z.omschrijving,
                zaaktype: `${ctx.base.replace('/zaken/api/v1', '/catalogi/api/v1')}/zaaktypen/${zaaktypeUuid(z.zaaktype)}`,
                startdatum: day(-z.startDagenGeleden),
                status: null,
              },
            };
          },
        },
      },
      {
        basePath: '/catalogi/api/v1',
        spec: catalogi,
        handlers: {
          'GET /statustypen/{uuid}': (ctx) => {
            const z = DEMO_ZAKEN.find((x) => x.uuid === ctx.params.uuid)!;
            return {
              status: 200,
              body: {
                ...ctx.sample(),
                url: `${ctx.base}/statustypen/${ctx.params.uuid}`,
                omschrijving: z.status.omschrijving,
                ...(z.status.statustekst ? { statustekst: z.status.statustekst } : {}),
                isEindstatus: z.status.isEindstatus,
              },
            };
          },
          'GET /zaaktypen/{uuid}': (ctx) => {
            const z = DEMO_ZAKEN.find((x) => zaaktypeUuid(x.zaaktype) === ctx.params.uuid)!;
            return {
              status: 200,
              body: {
                ...ctx.sample(),
                url: `${ctx.base}/zaaktypen/${ctx.params.uuid}`,
                omschrijving: z.zaaktype,
              },
            };
          },
        },
      },
    ],
    { extraValidator: jwtCheck },
  );
  return server;
}

/** A stable uuid per zaaktype name (the mock's catalogue). */
function zaaktypeUuid(name: string): string {
  const hex = Buffer.from(name.padEnd(16, '#')).toString('hex').slice(0, 32).padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const BRP_API_KEY = 'brp-test-sleutel';

/** Haal Centraal BRP Personen 2.7 with the demo persons; honours `fields` roughly (top-level paths). */
export async function startBrpMock(): Promise<SpecMockServer> {
  const { brp } = registerSpecs();
  const keyCheck = (r: RecordedRequest) =>
    r.headers['x-api-key'] === BRP_API_KEY ? [] : ['BRP: missing or wrong X-API-KEY'];
  const persoon = (p: (typeof DEMO_PERSONEN)[number], fields: string[], base: Record<string, unknown>) => {
    const full: Record<string, unknown> = {
      burgerservicenummer: p.bsn,
      naam: {
        voornamen: p.voornamen,
        ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
        geslachtsnaam: p.geslachtsnaam,
        volledigeNaam: [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter(Boolean).join(' '),
      },
      geboorte: { datum: { type: 'Datum', datum: p.geboortedatum, langFormaat: 'een datum' } },
      adressering: {
        adresregel1: `${p.straat} ${p.huisnummer}`,
        adresregel2: `${p.postcode.slice(0, 4)} ${p.postcode.slice(4)}  ${p.woonplaats.toUpperCase()}`,
      },
    };
    const tops = new Set(fields.map((f) => f.split('.')[0]));
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(full)) if (tops.has(k)) out[k] = v;
    if (p.geheimhouding) out.geheimhoudingPersoonsgegevens = true;
    return out;
  };
  return startSpecMock(
    [
      {
        basePath: '/haalcentraal/api/brp',
        spec: brp,
        handlers: {
          'POST /personen': (ctx: MockContext) => {
            const q = ctx.body as Record<string, unknown> & { type: string; fields: string[] };
            let found = DEMO_PERSONEN.filter((p) => !p.overleden);
            if (q.type === 'RaadpleegMetBurgerservicenummer') {
              found = found.filter((p) => (q.burgerservicenummer as string[]).includes(p.bsn));
            } else if (q.type === 'ZoekMetGeslachtsnaamEnGeboortedatum') {
              const naam = String(q.geslachtsnaam).toLowerCase();
              found = found.filter(
                (p) =>
                  (naam.endsWith('*')
                    ? p.geslachtsnaam.toLowerCase().startsWith(naam.slice(0, -1))
                    : p.geslachtsnaam.toLowerCase() === naam) && p.geboortedatum === q.geboortedatum,
              );
            } else if (q.type === 'ZoekMetPostcodeEnHuisnummer') {
              const pc = String(q.postcode).replace(/\s/g, '').toUpperCase();
              found = found.filter((p) => p.postcode === pc && p.huisnummer === q.huisnummer);
            } else found = [];
            return {
              status: 200,
              body: { type: q.type, personen: found.map((p) => persoon(p, q.fields, {})) },
            };
          },
        },
      },
    ],
    { extraValidator: keyCheck },
  );
}

export const KVK_API_KEY = 'kvk-test-sleutel';

/**
 * KvK Zoeken v2 + Basisprofiel v1. There is no openly licensed spec file: requests are checked against the
 * documented rules (apikey header; kvkNummer 8 digits, postcode+huisnummer together, resultatenPerPagina 1..100).
 */
export async function startKvkMock(): Promise<{
  url: string;
  requests: RecordedRequest[];
  violations: string[];
  setDelay(ms: number | (() => number)): void;
  setOutage(s: number | undefined): void;
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let delay: number | (() => number) = 0;
  let outage: number | undefined;
  const ALLOWED = new Set([
    'kvkNummer',
    'rsin',
    'vestigingsnummer',
    'naam',
    'straatnaam',
    'plaats',
    'postcode',
    'huisnummer',
    'huisletter',
    'postbusnummer',
    'type',
    'inclusiefInactieveRegistraties',
    'pagina',
    'resultatenPerPagina',
  ]);
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://mock.invalid');
      requests.push({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: undefined,
      });
      const wait = typeof delay === 'function' ? delay() : delay;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/hal+json' });
        res.end(JSON.stringify(body));
      };
      if (outage) return send(outage, { fout: [{ code: 'IPD9999', omschrijving: 'storing' }] });
      const problems: string[] = [];
      if (req.method !== 'GET') problems.push(`KvK: method ${req.method}`);
      if (req.headers.apikey !== KVK_API_KEY) problems.push('KvK: missing or wrong apikey header');
      if (url.pathname === '/api/v2/zoeken') {
        for (const k of url.searchParams.keys())
          if (!ALLOWED.has(k)) problems.push(`KvK: unknown parameter ${k}`);
        const kvk = url.searchParams.get('kvkNummer');
        if (kvk !== null && !/^[0-9]{8}$/.test(kvk)) problems.push('KvK: kvkNummer must be 8 digits');
        if (url.searchParams.has('huisnummer') !== url.searchParams.has('postcode'))
          problems.push('KvK: postcode and huisnummer go together');
        const rpp = Number(url.searchParams.get('resultatenPerPagina') ?? '10');
        if (!(rpp >= 1 && rpp <= 100)) problems.push('KvK: resultatenPerPagina 1..100');
        if (problems.length > 0) {
          violations.push(...problems);
          return send(400, { fout: problems.map((omschrijving) => ({ code: 'IPD1999', omschrijving })) });
        }
        const naam = url.searchParams.get('naam')?.toLowerCase();
        const pc = url.searchParams.get('postcode');
        const hn = Number(url.searchParams.get('huisnummer'));
        const found = DEMO_ORGANISATIES.filter((o) =>
          kvk !== null
            ? o.kvkNummer === kvk
            : naam
              ? o.naam.toLowerCase().includes(naam)
              : pc
                ? o.postcode === pc && o.huisnummer === hn
                : false,
        );
        if (found.length === 0)
          return send(404, { fout: [{ code: 'IPD5200', omschrijving: 'Geen resultaten gevonden.' }] });
        return send(200, {
          pagina: 1,
          resultatenPerPagina: rpp,
          totaal: found.length,
          resultaten: found.map((o) => ({
            kvkNummer: o.kvkNummer,
            vestigingsnummer: o.vestigingsnummer,
            naam: o.naam,
            adres: {
              binnenlandsAdres: {
                type: 'bezoekadres',
                straatnaam: o.straat,
                huisnummer: o.huisnummer,
                postcode: o.postcode,
                plaats: o.plaats,
              },
            },
            type: 'hoofdvestiging',
            actief: 'Ja',
            _links: {},
          })),
        });
      }
      const m = /^\/api\/v1\/basisprofielen\/([0-9]{8})$/.exec(url.pathname);
      if (m) {
        if (problems.length > 0) {
          violations.push(...problems);
          return send(400, { fout: [] });
        }
        const o = DEMO_ORGANISATIES.find((x) => x.kvkNummer === m[1]);
        if (!o)
          return send(404, { fout: [{ code: 'IPD0004', omschrijving: 'Het KvK-nummer is niet gevonden.' }] });
        return send(200, {
          kvkNummer: o.kvkNummer,
          naam: o.naam,
          formeleRegistratiedatum: o.registratiedatum.replace(/-/g, ''),
          sbiActiviteiten: o.sbi.map((s) => ({
            sbiCode: s.split(' - ')[0],
            sbiOmschrijving: s.split(' - ')[1],
            indHoofdactiviteit: 'Ja',
          })),
          _embedded: {
            hoofdvestiging: {
              vestigingsnummer: o.vestigingsnummer,
              adressen: [
                {
                  type: 'bezoekadres',
                  straatnaam: o.straat,
                  huisnummer: o.huisnummer,
                  postcode: o.postcode,
                  plaats: o.plaats,
                },
              ],
            },
            eigenaar: { rsin: o.rsin, rechtsvorm: o.rechtsvorm },
          },
        });
      }
      violations.push(`KvK: unknown path ${url.pathname}`);
      send(404, { fout: [] });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    violations,
    setDelay: (ms) => {
      delay = ms;
    },
    setOutage: (s) => {
      outage = s;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let notifySpec: LoadedSpec | undefined;
export const NOTIFY_SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
export const NOTIFY_SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
/** A key shaped like NotifyNL's: `{naam}-{service_id}-{secret}`. */
export const NOTIFY_API_KEY = `kcc_test-${NOTIFY_SERVICE_ID}-${NOTIFY_SECRET}`;

export interface NotifyMock extends SpecMockServer {
  /** The SMS messages NotifyNL accepted, oldest first. */
  sms: {
    id: string;
    phone_number: string;
    template_id: string;
    personalisation: Record<string, string>;
    reference?: string;
  }[];
}

/**
 * NotifyNL API v2 (assets/specs/notifynl-v2.yaml): accepts SMS, answers their status. Every request must carry an
 * HS256 JWT with `iss` = the service id and an `iat` within 30 s of `now` (as NotifyNL checks it).
 */
export async function startNotifyMock(now: () => number = Date.now): Promise<NotifyMock> {
  notifySpec ??= loadSpec('notifynl-v2.yaml');
  const sms: NotifyMock['sms'] = [];
  const jwtCheck = async (r: RecordedRequest): Promise<string[]> => {
    const auth = String(r.headers.authorization ?? '');
    const claims = auth.startsWith('Bearer ') ? await verifyHs256(auth.slice(7), NOTIFY_SECRET) : undefined;
    if (!claims) return [`${r.method} ${r.url}: no valid HS256 JWT`];
    if (claims.iss !== NOTIFY_SERVICE_ID) return [`JWT iss is not the service id`];
    if (typeof claims.iat !== 'number' || Math.abs(claims.iat - now() / 1000) > 30)
      return ['JWT iat expired'];
    return [];
  };
  const server = await startSpecMock(
    [
      {
        basePath: '',
        spec: notifySpec,
        handlers: {
          'POST /v2/notifications/sms': (ctx) => {
            const body = ctx.body as NotifyMock['sms'][number];
            const id = randomUUID();
            sms.push({ ...body, id });
            return {
              status: 201,
              body: {
                id,
                reference: body.reference ?? null,
                content: {
                  body: Object.values(body.personalisation ?? {}).join(' '),
                  from_number: 'Gemeente',
                },
                uri: `${ctx.base}/v2/notifications/${id}`,
                template: {
                  id: body.template_id,
                  version: 1,
                  uri: `${ctx.base}/v2/template/${body.template_id}`,
                },
              },
            };
          },
          'GET /v2/notifications/{notification_id}': (ctx) => {
            const found = sms.find((s) => s.id === ctx.params.notification_id);
            if (!found) {
              return {
                status: 404,
                body: { status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] },
              };
            }
            return {
              status: 200,
              body: {
                id: found.id,
                reference: found.reference ?? null,
                email_address: null,
                phone_number: found.phone_number,
                type: 'sms',
                status: 'delivered',
                template: {
                  id: found.template_id,
                  version: 1,
                  uri: `${ctx.base}/v2/template/${found.template_id}`,
                },
                body: Object.values(found.personalisation ?? {}).join(' '),
                subject: null,
                created_at: new Date(now()).toISOString(),
                sent_at: new Date(now()).toISOString(),
                completed_at: new Date(now()).toISOString(),
              },
            };
          },
        },
      },
    ],
    { extraValidator: jwtCheck },
  );
  return Object.assign(server, { sms });
}
