import type { ZaakView } from '@kcc/contracts/klantbeeld';
import type { Namens, OrganisatieIdentificatie, ZakenPort } from '../../modules/klantbeeld/ports';
import { RegisterInputError, SYSTEEM } from '../../modules/klantbeeld/ports';
import {
  assertBsn,
  assertKvkNummer,
  assertRsin,
  assertVestigingsnummer,
} from '../../modules/klantbeeld/validation';
import { sortZaken, termijnVerstreken } from '../../modules/klantbeeld/zaak-termijn';
import { createHttpClient, type HttpClientOptions } from '../http-client';
import { mintZgwJwt } from './jwt';

export interface OpenZaakConnectorConfig {
  /** Root URL of Open Zaak; the APIs are under `/zaken/api/v1` and `/catalogi/api/v1`. */
  url: string;
  clientId: string;
  secret: string;
  timeoutMs: number;
  retries?: number;
  /** Send the non-standard `…nietNatuurlijkPersoon__kvkNummer` filter (Open Zaak ≥ 1.x with experimental queries). */
  kvkFilter?: boolean;
  /** At most this many zaken are detailed (status, behandelaar, documents). */
  maxZaken?: number;
  now?: () => Date;
  fetch?: typeof fetch;
  breaker?: HttpClientOptions['breaker'];
  backoffMs?: number;
}

interface Paginated<T> {
  count: number;
  next?: string | null;
  results: T[];
}
interface Zaak {
  url: string;
  uuid: string;
  identificatie?: string;
  omschrijving?: string;
  zaaktype: string;
  startdatum: string;
  einddatum?: string | null;
  einddatumGepland?: string | null;
  uiterlijkeEinddatumAfdoening?: string | null;
  status?: string | null;
}
interface Status {
  statustype: string;
  datumStatusGezet: string;
  statustoelichting?: string;
}
interface StatusType {
  omschrijving: string;
  statustekst?: string;
  isEindstatus?: boolean;
}
interface ZaakType {
  omschrijving: string;
}
interface Rol {
  betrokkeneType: string;
  omschrijvingGeneriek: string;
  roltoelichting?: string;
  afwijkendeNaamBetrokkene?: string;
  betrokkeneIdentificatie?: Record<string, unknown> | null;
}
interface ZaakInformatieObject {
  titel?: string;
  registratiedatum?: string;
}

const ZAKEN = '/zaken/api/v1';
const MAX_PAGES = 3;

/** Name of a behandelaar rol: medewerker name, organisatorische eenheid, or the free-text fields. */
function rolNaam(rol: Rol): string | undefined {
  const id = rol.betrokkeneIdentificatie ?? {};
  const parts = [id.voorletters, id.voorvoegselAchternaam, id.achternaam].filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );
  if (parts.length > 0) return parts.join(' ');
  if (typeof id.naam === 'string' && id.naam !== '') return id.naam;
  if (rol.afwijkendeNaamBetrokkene) return rol.afwijkendeNaamBetrokkene;
  if (typeof id.identificatie === 'string' && id.identificatie !== '') return id.identificatie;
  return rol.roltoelichting || undefined;
}

/**
 * Open Zaak (ZGW Zaken 1.5.1 + Catalogi 1.3.1), read-only. Each call carries a fresh HS256 JWT and
 * `Accept-Crs: EPSG:4326` (required by the spec even on GET). Lopende zaken are found with the rol filter
 * and `einddatum__isnull=true`; status, statustype text, zaaktype, behandelaar and documents are fetched in
 * parallel per zaak (Catalogi URLs come from the zaak itself). Catalogi answers (statustypen, zaaktypen) are cached: they do not change per zaak.
 */
export function createOpenZaakConnector(config: OpenZaakConnectorConfig): ZakenPort {
  const now = config.now ?? (() => new Date());
  const http = createHttpClient({
    register: 'zaken',
    baseUrl: config.url,
    timeoutMs: config.timeoutMs,
    retries: config.retries ?? 2,
    headers: () => ({ 'accept-crs': 'EPSG:4326' }),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.breaker ? { breaker: config.breaker } : {}),
    ...(config.backoffMs !== undefined ? { backoffMs: config.backoffMs } : {}),
  });
  // Open Zaak's audit trail names who asked: the employee (their identifier and name), else the system.
  const authorization = async (namens: Namens) => ({
    authorization: `Bearer ${await mintZgwJwt({
      clientId: config.clientId,
      secret: config.secret,
      userId: namens.id,
      userRepresentation: namens.naam,
    })}`,
  });
  const get = async <T>(namens: Namens, path: string, query?: Record<string, string>) =>
    (
      await http.request<T>({
        method: 'GET',
        path,
        ...(query ? { query } : {}),
        idempotent: true,
        headers: await authorization(namens),
      })
    ).body;

  const catalogiCache = new Map<string, Promise<unknown>>();
  const cached = <T>(namens: Namens, url: string): Promise<T> => {
    let p = catalogiCache.get(url);
    if (!p) {
      p = get<T>(namens, url);
      catalogiCache.set(url, p);
      p.catch(() => catalogiCache.delete(url));
    }
    return p as Promise<T>;
  };

  const list = async (namens: Namens, filter: Record<string, string>): Promise<Zaak[]> => {
    const out: Zaak[] = [];
    let page = await get<Paginated<Zaak>>(namens, `${ZAKEN}/zaken`, {
      ...filter,
      einddatum__isnull: 'true',
      ordering: '-startdatum',
    });
    out.push(...page.results);
    for (let i = 1; i < MAX_PAGES && page.next; i++) {
      page = await get<Paginated<Zaak>>(namens, page.next);
      out.push(...page.results);
    }
    return out.filter((z) => !z.einddatum);
  };

  const detail = async (namens: Namens, z: Zaak): Promise<ZaakView> => {
    const [zaaktype, status, rollen, documenten] = await Promise.all([
      cached<ZaakType>(namens, z.zaaktype).catch(() => undefined),
      z.status
        ? get<Status>(namens, z.status).then(async (s) => ({
            s,
            t: await cached<StatusType>(namens, s.statustype),
          }))
        : Promise.resolve(undefined),
      get<Paginated<Rol>>(namens, `${ZAKEN}/rollen`, { zaak: z.url, omschrijvingGeneriek: 'behandelaar' }),
      get<ZaakInformatieObject[]>(namens, `${ZAKEN}/zaakinformatieobjecten`, { zaak: z.url }),
    ]);
    const behandelaar = rollen.results.map(rolNaam).find((n) => n !== undefined);
    const view: ZaakView = {
      uuid: z.uuid,
      identificatie: z.identificatie ?? z.uuid,
      omschrijving: z.omschrijving || zaaktype?.omschrijving || 'Zaak',
      zaaktype: zaaktype?.omschrijving ?? 'Onbekend zaaktype',
      startdatum: z.startdatum,
      ...(z.einddatumGepland ? { einddatumGepland: z.einddatumGepland } : {}),
      ...(z.uiterlijkeEinddatumAfdoening
        ? { uiterlijkeEinddatumAfdoening: z.uiterlijkeEinddatumAfdoening }
        : {}),
      ...(status
        ? {
            status: {
              omschrijving: status.t.omschrijving,
              ...(status.t.statustekst ? { statustekst: status.t.statustekst } : {}),
              datumStatusGezet: status.s.datumStatusGezet,
              isEindstatus: status.t.isEindstatus === true,
            },
          }
        : {}),
      ...(behandelaar ? { behandelaar } : {}),
      documenten: documenten.map((d) => ({
        titel: d.titel || 'Document',
        ...(d.registratiedatum ? { registratiedatum: d.registratiedatum.slice(0, 10) } : {}),
      })),
      termijnVerstreken: false,
    };
    view.termijnVerstreken = termijnVerstreken(view, now());
    return view;
  };

  const detailAll = async (namens: Namens, zaken: Zaak[]) =>
    sortZaken(await Promise.all(zaken.slice(0, config.maxZaken ?? 20).map((z) => detail(namens, z))));

  return {
    bron: 'extern',
    async zakenVanPersoon(bsn, namens = SYSTEEM) {
      assertBsn(bsn);
      return detailAll(
        namens,
        await list(namens, { rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: bsn }),
      );
    },
    async zakenVanOrganisatie(id: OrganisatieIdentificatie, namens = SYSTEEM) {
      let filter: Record<string, string>;
      if (id.rsin !== undefined) {
        assertRsin(id.rsin);
        filter = { rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId: id.rsin };
      } else if (id.vestigingsnummer !== undefined) {
        assertVestigingsnummer(id.vestigingsnummer);
        filter = { rol__betrokkeneIdentificatie__vestiging__vestigingsNummer: id.vestigingsnummer };
      } else if (id.kvkNummer !== undefined && config.kvkFilter) {
        assertKvkNummer(id.kvkNummer);
        filter = { rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__kvkNummer: id.kvkNummer };
      } else {
        throw new RegisterInputError(
          'rsin',
          'Zaken van een organisatie zoeken kan alleen met RSIN of vestigingsnummer.',
        );
      }
      return detailAll(namens, await list(namens, filter));
    },
    async getZaak(uuid, namens = SYSTEEM) {
      const res = await http.request<Zaak>({
        method: 'GET',
        path: `${ZAKEN}/zaken/${encodeURIComponent(uuid)}`,
        idempotent: true,
        acceptStatus: [404],
        headers: await authorization(namens),
      });
      return res.status === 404 ? undefined : detail(namens, res.body);
    },
  };
}
