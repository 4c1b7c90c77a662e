import type { PersoonIdentiteit, PersoonZoekResultaat } from '@kcc/contracts/klantbeeld';
import {
  BRP_FIELDS,
  BRP_MAX_RESULTATEN,
  BRP_MAX_RESULTATEN_ADRES,
  type BrpPort,
  type BrpZoekVraag,
} from '../../modules/klantbeeld/ports';
import {
  assertBsn,
  assertDatum,
  assertGeslachtsnaam,
  assertHuisnummer,
  normalisePostcode,
} from '../../modules/klantbeeld/validation';
import { ConnectorError } from '../errors';
import { createHttpClient, type HttpClientOptions } from '../http-client';

export interface BrpConnectorConfig {
  /** Base URL up to and including `/haalcentraal/api/brp` (the path before `/personen`). */
  url: string;
  apiKey: string;
  timeoutMs: number;
  retries?: number;
  fetch?: typeof fetch;
  breaker?: HttpClientOptions['breaker'];
  backoffMs?: number;
}

interface BrpDatum {
  type?: string;
  datum?: string;
  langFormaat?: string;
}
interface BrpPersoon {
  burgerservicenummer?: string;
  naam?: { voornamen?: string; voorvoegsel?: string; geslachtsnaam?: string; volledigeNaam?: string };
  geboorte?: { datum?: BrpDatum };
  adressering?: { adresregel1?: string; adresregel2?: string };
  geheimhoudingPersoonsgegevens?: boolean;
  opschortingBijhouding?: { reden?: { code?: string } };
}
interface PersonenQueryResponse {
  type: string;
  personen?: BrpPersoon[];
}

const datum = (d: BrpDatum | undefined) => (d?.type === 'Datum' ? d.datum : d?.langFormaat);
const adresregels = (p: BrpPersoon) =>
  [p.adressering?.adresregel1, p.adressering?.adresregel2].filter((s): s is string => !!s);
const naam = (p: BrpPersoon) =>
  p.naam?.volledigeNaam ??
  [p.naam?.voornamen, p.naam?.voorvoegsel, p.naam?.geslachtsnaam].filter(Boolean).join(' ');

/**
 * Haal Centraal BRP Personen 2.x: one operation, `POST /personen`, discriminated by `type`, with mandatory
 * `fields` chosen per purpose (BRP_FIELDS). Authentication with the `X-API-KEY` header (proefomgeving; in
 * production a gateway adds OAuth). The POST is a read, so it is retried like a GET.
 */
export function createBrpConnector(config: BrpConnectorConfig): BrpPort {
  const http = createHttpClient({
    register: 'brp',
    baseUrl: config.url,
    timeoutMs: config.timeoutMs,
    retries: config.retries ?? 2,
    headers: () => ({ 'x-api-key': config.apiKey }),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.breaker ? { breaker: config.breaker } : {}),
    ...(config.backoffMs !== undefined ? { backoffMs: config.backoffMs } : {}),
  });
  const personen = async (query: Record<string, unknown>): Promise<BrpPersoon[]> => {
    const res = await http.request<PersonenQueryResponse>({
      method: 'POST',
      path: '/personen',
      body: query,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      idempotent: true,
    });
    if (!res.body || (!Array.isArray(res.body.personen) && res.body.personen !== undefined)) {
      throw new ConnectorError('brp', 'invalid_response', 'antwoord zonder personen');
    }
    return res.body.personen ?? [];
  };
  const beperkt = (p: BrpPersoon): PersoonZoekResultaat => {
    const geboortedatum = datum(p.geboorte?.datum);
    return {
      bsn: p.burgerservicenummer ?? '',
      volledigeNaam: naam(p),
      ...(geboortedatum ? { geboortedatum } : {}),
      adresregels: adresregels(p),
      geheimhouding: p.geheimhoudingPersoonsgegevens === true,
    };
  };

  return {
    bron: 'extern',
    async zoek(vraag: BrpZoekVraag) {
      const fields = [...BRP_FIELDS.zoeken];
      let found: BrpPersoon[];
      let cap = BRP_MAX_RESULTATEN;
      if (vraag.type === 'bsn') {
        assertBsn(vraag.bsn);
        found = await personen({
          type: 'RaadpleegMetBurgerservicenummer',
          burgerservicenummer: [vraag.bsn],
          fields,
        });
      } else if (vraag.type === 'naam') {
        assertGeslachtsnaam(vraag.geslachtsnaam);
        assertDatum(vraag.geboortedatum);
        found = await personen({
          type: 'ZoekMetGeslachtsnaamEnGeboortedatum',
          geslachtsnaam: vraag.geslachtsnaam,
          geboortedatum: vraag.geboortedatum,
          fields,
        });
      } else {
        const postcode = normalisePostcode(vraag.postcode);
        assertHuisnummer(vraag.huisnummer);
        cap = BRP_MAX_RESULTATEN_ADRES;
        found = await personen({
          type: 'ZoekMetPostcodeEnHuisnummer',
          postcode,
          huisnummer: vraag.huisnummer,
          fields,
        });
      }
      return {
        items: found
          .slice(0, cap)
          .map(beperkt)
          .filter((p) => p.bsn !== ''),
        maximumBereikt: found.length >= cap,
      };
    },
    async raadpleeg(bsn) {
      assertBsn(bsn);
      const [p] = await personen({
        type: 'RaadpleegMetBurgerservicenummer',
        burgerservicenummer: [bsn],
        fields: [...BRP_FIELDS.verificatie],
      });
      if (!p) return undefined;
      const geboortedatum = datum(p.geboorte?.datum);
      const identiteit: PersoonIdentiteit = {
        soort: 'persoon',
        bsn: p.burgerservicenummer ?? bsn,
        naam: {
          ...(p.naam?.voornamen ? { voornamen: p.naam.voornamen } : {}),
          ...(p.naam?.voorvoegsel ? { voorvoegsel: p.naam.voorvoegsel } : {}),
          ...(p.naam?.geslachtsnaam ? { geslachtsnaam: p.naam.geslachtsnaam } : {}),
          volledigeNaam: naam(p),
        },
        ...(geboortedatum ? { geboortedatum } : {}),
        adresregels: adresregels(p),
        geheimhouding: p.geheimhoudingPersoonsgegevens === true,
        opgeschort: p.opschortingBijhouding !== undefined,
        gebruik: 'alleen ter verificatie',
      };
      return identiteit;
    },
  };
}
