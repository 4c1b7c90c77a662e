import type { ContactFrom } from '@kcc/contracts/domain';
import type { InterneTaakView, KlantcontactView, PartijView } from '@kcc/contracts/rest';
import { canonicalPhone } from '../../modules/klantinteracties/phone';
import type { RecognitionResult } from '../../modules/klantinteracties/ports';
import type { KlantinteractiesReader } from '../../modules/klantbeeld/ports';
import type { HttpClient } from '../http-client';
import type { Paginated } from './openklant-client';

interface Ref {
  uuid: string;
  url?: string;
}
interface OkDigitaalAdres {
  uuid: string;
  adres: string;
  soortDigitaalAdres: 'email' | 'telefoonnummer' | 'overig';
  isStandaardAdres?: boolean;
  verstrektDoorPartij?: Ref | null;
}
interface OkPartij {
  uuid: string;
  soortPartij: 'persoon' | 'organisatie' | 'contactpersoon';
  partijIdentificatie?: {
    volledigeNaam?: string;
    naam?: string;
    contactnaam?: Record<string, string | undefined> | null;
  } | null;
  partijIdentificatoren?: { partijIdentificator?: { codeSoortObjectId?: string; objectId?: string } }[];
  _expand?: { digitaleAdressen?: OkDigitaalAdres[] };
}
interface OkKlantcontact {
  uuid: string;
  kanaal: string;
  onderwerp: string;
  inhoud?: string;
  reactie?: string | null;
  plaatsgevondenOp: string;
  metadata?: Record<string, string> | null;
  hadBetrokkenActoren?: { naam?: string }[];
  leiddeTotInterneTaken?: Ref[];
}
interface OkInterneTaak {
  uuid: string;
  gevraagdeHandeling: string;
  toelichting?: string;
  status: 'te_verwerken' | 'verwerkt';
  toegewezenOp: string;
  toegewezenAanActoren?: Ref[];
  aanleidinggevendKlantcontact: Ref;
}

export function toPartijView(p: OkPartij): PartijView {
  const id = p.partijIdentificatie ?? {};
  const cn = id.contactnaam ?? {};
  const naam =
    id.volledigeNaam ||
    id.naam ||
    [cn.voornaam, cn.voorvoegselAchternaam, cn.achternaam].filter(Boolean).join(' ') ||
    'Onbekend';
  const ident = (soort: string) =>
    p.partijIdentificatoren?.find((i) => i.partijIdentificator?.codeSoortObjectId === soort)
      ?.partijIdentificator?.objectId;
  const bsn = ident('bsn');
  const kvk = ident('kvk_nummer');
  return {
    uuid: p.uuid,
    soortPartij: p.soortPartij,
    naam,
    ...(bsn ? { bsn } : {}),
    ...(kvk ? { kvkNummer: kvk } : {}),
    digitaleAdressen: (p._expand?.digitaleAdressen ?? []).map((d) => ({
      uuid: d.uuid,
      soortDigitaalAdres: d.soortDigitaalAdres,
      adres: d.adres,
      isStandaardAdres: d.isStandaardAdres === true,
    })),
  };
}

/**
 * Klantherkenning and history from Open Klant: phone and e-mail through `/digitaleadressen` (phone in the
 * canonical form Open Klant validates), BSN / KvK through the partij-identificator filters, history through
 * `/klantcontacten?hadBetrokkene__wasPartij__uuid=…` (newest first, Open Klant's default order).
 */
export interface OpenKlantReader extends KlantinteractiesReader {
  /** Partijen that gave this phone number (canonical form) or e-mail address (lower case). */
  partijenMetAdres(soort: 'telefoonnummer' | 'email', adres: string): Promise<PartijView[]>;
}

export function createOpenKlantReader(http: HttpClient): OpenKlantReader {
  const get = async <T>(path: string, query?: Record<string, string | number>) =>
    (await http.request<T>({ method: 'GET', path, ...(query ? { query } : {}), idempotent: true })).body;
  const actorNamen = new Map<string, Promise<string>>();
  const actorNaam = (uuid: string) => {
    let p = actorNamen.get(uuid);
    if (!p) {
      p = get<{ naam: string }>(`/actoren/${uuid}`).then((a) => a.naam);
      actorNamen.set(uuid, p);
      p.catch(() => actorNamen.delete(uuid));
    }
    return p;
  };

  const partij = async (uuid: string) => {
    const res = await http.request<OkPartij>({
      method: 'GET',
      path: `/partijen/${encodeURIComponent(uuid)}`,
      query: { expand: 'digitaleAdressen' },
      idempotent: true,
      acceptStatus: [404],
    });
    return res.status === 404 ? undefined : toPartijView(res.body);
  };
  const metIdentificator = async (soort: 'bsn' | 'kvk_nummer', objectId: string) => {
    const list = await get<Paginated<OkPartij>>('/partijen', {
      partijIdentificator__codeSoortObjectId: soort,
      partijIdentificator__objectId: objectId,
      expand: 'digitaleAdressen',
    });
    const first = list.results[0];
    return first ? toPartijView(first) : undefined;
  };
  const byAdres = async (soort: 'telefoonnummer' | 'email', adres: string): Promise<PartijView[]> => {
    const list = await get<Paginated<OkDigitaalAdres>>('/digitaleadressen', {
      adres,
      soortDigitaalAdres: soort,
    });
    const uuids = [
      ...new Set(list.results.map((d) => d.verstrektDoorPartij?.uuid).filter((u): u is string => !!u)),
    ];
    const found = await Promise.all(uuids.map(partij));
    return found.filter((p): p is PartijView => p !== undefined);
  };
  const recognitionOf = (how: 'telefoon' | 'email', found: PartijView[]): RecognitionResult => {
    const [only] = found;
    return found.length === 1 && only
      ? { herkenning: how, partij: only, kandidaten: [] }
      : { herkenning: 'onbekend', kandidaten: found };
  };
  const klantcontacten = (partijUuid: string, limit: number) =>
    get<Paginated<OkKlantcontact>>('/klantcontacten', {
      hadBetrokkene__wasPartij__uuid: partijUuid,
      pageSize: Math.min(Math.max(limit, 1), 500),
    });

  return {
    bron: 'extern',
    async recognise(from: ContactFrom) {
      if (from.bsn) {
        const p = await metIdentificator('bsn', from.bsn);
        if (p) return { herkenning: 'bsn', partij: p, kandidaten: [] };
      }
      const phone = from.phone ? canonicalPhone(from.phone) : undefined;
      if (phone) {
        const found = await byAdres('telefoonnummer', phone);
        if (found.length > 0) return recognitionOf('telefoon', found);
      }
      if (from.email) {
        const found = await byAdres('email', from.email.trim().toLowerCase());
        if (found.length > 0) return recognitionOf('email', found);
      }
      return { herkenning: 'onbekend', kandidaten: [] };
    },
    getPartij: partij,
    partijMetIdentificator: metIdentificator,
    partijenMetAdres: byAdres,
    async klantcontactenVan(partijUuid, limit) {
      const list = await klantcontacten(partijUuid, limit);
      return list.results.slice(0, limit).map((k): KlantcontactView => ({
        uuid: k.uuid,
        kanaal: k.kanaal,
        onderwerp: k.onderwerp,
        inhoud: k.inhoud ?? '',
        ...(k.reactie ? { reactie: k.reactie } : {}),
        plaatsgevondenOp: k.plaatsgevondenOp,
        ...(k.metadata?.gespreksresultaat ? { gespreksresultaat: k.metadata.gespreksresultaat } : {}),
        ...(k.hadBetrokkenActoren?.[0]?.naam ? { medewerker: k.hadBetrokkenActoren[0].naam } : {}),
      }));
    },
    async openInterneTakenVanPartij(partijUuid) {
      const [list, p] = await Promise.all([klantcontacten(partijUuid, 100), partij(partijUuid)]);
      const byKc = new Map(list.results.map((k) => [k.uuid, k]));
      const taakRefs = list.results.flatMap((k) => k.leiddeTotInterneTaken ?? []);
      const taken = await Promise.all(taakRefs.map((t) => get<OkInterneTaak>(`/internetaken/${t.uuid}`)));
      const open = taken.filter((t) => t.status === 'te_verwerken');
      return Promise.all(
        open.map(async (t): Promise<InterneTaakView> => {
          const kc = byKc.get(t.aanleidinggevendKlantcontact.uuid);
          return {
            uuid: t.uuid,
            gevraagdeHandeling: t.gevraagdeHandeling,
            ...(t.toelichting ? { toelichting: t.toelichting } : {}),
            status: t.status,
            toegewezenOp: t.toegewezenOp,
            toegewezenAan: await Promise.all((t.toegewezenAanActoren ?? []).map((a) => actorNaam(a.uuid))),
            klantcontact: {
              uuid: t.aanleidinggevendKlantcontact.uuid,
              onderwerp: kc?.onderwerp ?? '',
              kanaal: kc?.kanaal ?? '',
            },
            ...(p ? { partij: { uuid: p.uuid, naam: p.naam } } : {}),
          };
        }),
      );
    },
  };
}
