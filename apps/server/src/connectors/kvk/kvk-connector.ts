import type { OrganisatieIdentiteit, OrganisatieZoekResultaat } from '@kcc/contracts/klantbeeld';
import { KVK_MAX_RESULTATEN, RegisterInputError, type KvkPort } from '../../modules/klantbeeld/ports';
import { assertHuisnummer, assertKvkNummer, normalisePostcode } from '../../modules/klantbeeld/validation';
import { createHttpClient, type HttpClientOptions } from '../http-client';

/**
 * KvK Handelsregister: Zoeken API v2 (`GET /v2/zoeken`) and Basisprofiel API v1
 * (`GET /v1/basisprofielen/{kvkNummer}`), API key in the `apikey` header.
 *
 * There is no openly licensed OpenAPI file for these APIs in this repository (see assets/specs/SOURCES.md):
 * this client is written from the public documentation on developers.kvk.nl (query parameters, response
 * fields), and its tests check the requests against those documented rules.
 */
export interface KvkConnectorConfig {
  /** Base URL up to `/api` (production `https://api.kvk.nl/api`, test `https://api.kvk.nl/test/api`). */
  url: string;
  apiKey: string;
  timeoutMs: number;
  retries?: number;
  fetch?: typeof fetch;
  breaker?: HttpClientOptions['breaker'];
  backoffMs?: number;
}

interface ZoekAdres {
  binnenlandsAdres?: {
    straatnaam?: string;
    huisnummer?: number;
    huisletter?: string;
    postcode?: string;
    plaats?: string;
  };
  buitenlandsAdres?: { straatHuisnummer?: string; postcodeWoonplaats?: string; land?: string };
}
interface ZoekResultaat {
  kvkNummer: string;
  vestigingsnummer?: string;
  naam: string;
  adres?: ZoekAdres;
  type: string;
  actief?: string | boolean;
}
interface ZoekAntwoord {
  totaal?: number;
  resultaten?: ZoekResultaat[];
}
interface Basisprofiel {
  kvkNummer: string;
  naam: string;
  formeleRegistratiedatum?: string;
  sbiActiviteiten?: { sbiCode: string; sbiOmschrijving: string; indHoofdactiviteit?: string }[];
  _embedded?: {
    hoofdvestiging?: {
      adressen?: {
        type?: string;
        volledigAdres?: string;
        straatnaam?: string;
        huisnummer?: number;
        postcode?: string;
        plaats?: string;
      }[];
    };
    eigenaar?: { rsin?: string; rechtsvorm?: string; uitgebreideRechtsvorm?: string };
  };
}

const TYPES = new Set(['hoofdvestiging', 'nevenvestiging', 'rechtspersoon']);

function adresregelsVan(a: ZoekAdres | undefined): string[] {
  const b = a?.binnenlandsAdres;
  if (b) {
    return [
      [b.straatnaam, [b.huisnummer, b.huisletter].filter(Boolean).join('')].filter(Boolean).join(' '),
      [b.postcode, b.plaats].filter(Boolean).join(' '),
    ].filter((s) => s !== '');
  }
  const f = a?.buitenlandsAdres;
  return f ? [f.straatHuisnummer, f.postcodeWoonplaats, f.land].filter((s): s is string => !!s) : [];
}

/** yyyymmdd → yyyy-mm-dd (the KvK writes dates without dashes). */
const kvkDatum = (d: string | undefined) =>
  d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d;

export function createKvkConnector(config: KvkConnectorConfig): KvkPort {
  const http = createHttpClient({
    register: 'kvk',
    baseUrl: config.url,
    timeoutMs: config.timeoutMs,
    retries: config.retries ?? 2,
    headers: () => ({ apikey: config.apiKey }),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.breaker ? { breaker: config.breaker } : {}),
    ...(config.backoffMs !== undefined ? { backoffMs: config.backoffMs } : {}),
  });
  return {
    bron: 'extern',
    async zoek(vraag) {
      const query: Record<string, string | number> = { resultatenPerPagina: KVK_MAX_RESULTATEN, pagina: 1 };
      if (vraag.type === 'kvkNummer') {
        assertKvkNummer(vraag.kvkNummer);
        query.kvkNummer = vraag.kvkNummer;
      } else if (vraag.type === 'naam') {
        if (vraag.naam.trim().length < 2)
          throw new RegisterInputError('naam', 'Typ minstens 2 tekens van de naam.');
        query.naam = vraag.naam.trim();
      } else {
        query.postcode = normalisePostcode(vraag.postcode);
        assertHuisnummer(vraag.huisnummer);
        query.huisnummer = vraag.huisnummer;
      }
      // The Zoeken API answers 404 with {fout:[…]} when nothing matches.
      const res = await http.request<ZoekAntwoord>({
        method: 'GET',
        path: '/v2/zoeken',
        query,
        idempotent: true,
        acceptStatus: [404],
      });
      const resultaten = res.status === 404 ? [] : (res.body.resultaten ?? []);
      const items: OrganisatieZoekResultaat[] = resultaten.map((r) => ({
        kvkNummer: r.kvkNummer,
        ...(r.vestigingsnummer ? { vestigingsnummer: r.vestigingsnummer } : {}),
        naam: r.naam,
        type: (TYPES.has(r.type) ? r.type : 'rechtspersoon') as OrganisatieZoekResultaat['type'],
        adresregels: adresregelsVan(r.adres),
        actief: r.actief === undefined || r.actief === true || r.actief === 'Ja',
      }));
      return {
        items,
        maximumBereikt: (res.status === 404 ? 0 : (res.body.totaal ?? items.length)) > KVK_MAX_RESULTATEN,
      };
    },
    async basisprofiel(kvkNummer) {
      assertKvkNummer(kvkNummer);
      const res = await http.request<Basisprofiel>({
        method: 'GET',
        path: `/v1/basisprofielen/${kvkNummer}`,
        query: { geoData: 'false' },
        idempotent: true,
        acceptStatus: [404],
      });
      if (res.status === 404) return undefined;
      const b = res.body;
      const adres =
        b._embedded?.hoofdvestiging?.adressen?.find((a) => a.type === 'bezoekadres') ??
        b._embedded?.hoofdvestiging?.adressen?.[0];
      const eigenaar = b._embedded?.eigenaar;
      const registratiedatum = kvkDatum(b.formeleRegistratiedatum);
      const profiel: OrganisatieIdentiteit = {
        soort: 'organisatie',
        kvkNummer: b.kvkNummer,
        naam: b.naam,
        ...(eigenaar?.rsin ? { rsin: eigenaar.rsin } : {}),
        ...(eigenaar?.uitgebreideRechtsvorm || eigenaar?.rechtsvorm
          ? { rechtsvorm: (eigenaar.uitgebreideRechtsvorm ?? eigenaar.rechtsvorm)! }
          : {}),
        adresregels: adres
          ? adres.straatnaam
            ? [
                `${adres.straatnaam} ${adres.huisnummer ?? ''}`.trim(),
                [adres.postcode, adres.plaats].filter(Boolean).join(' '),
              ]
            : adres.volledigAdres
              ? [adres.volledigAdres]
              : []
          : [],
        sbiActiviteiten: (b.sbiActiviteiten ?? []).map((s) => `${s.sbiCode} - ${s.sbiOmschrijving}`),
        ...(registratiedatum ? { registratiedatum } : {}),
      };
      return profiel;
    },
  };
}
