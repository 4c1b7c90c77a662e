import { randomUUID } from 'node:crypto';
import type {
  ActorInput,
  ActorKlantcontactInput,
  BetrokkeneInput,
  BijlageIdentificator,
  BijlageInput,
  Contactnaam,
  DigitaalAdresInput,
  InterneTaakInput,
  KlantcontactInput,
  NestedPartijIdentificator,
  OnderwerpobjectInput,
  PartijInput,
  PatchedInterneTaakInput,
} from './api-schemas';
import { isValidBsn, isValidRsin } from './elfproef';
import { KiNotFoundError, KiValidationError } from './errors';
import { canonicalPhone, isValidKlantinteractiesPhone } from './phone';
import type { Store } from '../../store/store';
import { KiSql } from './ki-sql';
import type {
  CategorieRelatieRow,
  CategorieRow,
  RekeningnummerRow,
  VertegenwoordigingRow,
} from './store-changes';
import type { InterneTaakVerwerkt, Notice, UnitOfWork } from '../../shared/domain-events';

// ---------------------------------------------------------------- rows (as stored)
export interface PartijRow {
  seq: number;
  uuid: string;
  soort_partij: 'persoon' | 'organisatie' | 'contactpersoon';
  indicatie_actief: number;
  indicatie_geheimhouding: number | null;
  voorkeurstaal: string;
  interne_notitie: string;
  identificatie_json: string;
  bezoekadres_json: string | null;
  correspondentieadres_json: string | null;
  voorkeurs_digitaal_adres_uuid: string | null;
  naam: string;
  nummer: string | null;
  voorkeurs_rekeningnummer_uuid: string | null;
  created_at: string;
}
export interface PartijIdentificatorRow {
  seq: number;
  uuid: string;
  partij_uuid: string | null;
  code_objecttype: string;
  code_soort_object_id: string;
  object_id: string;
  code_register: string;
  sub_identificator_van_uuid: string | null;
  andere_partij_identificator: string;
}
export interface DigitaalAdresRow {
  seq: number;
  uuid: string;
  partij_uuid: string | null;
  betrokkene_uuid: string | null;
  soort_digitaal_adres: 'email' | 'telefoonnummer' | 'overig';
  adres: string;
  adres_match: string;
  is_standaard_adres: number;
  omschrijving: string;
  referentie: string;
  verificatie_datum: string | null;
}
export interface KlantcontactRow {
  seq: number;
  uuid: string;
  referentienummer: string | null;
  kanaal: string;
  onderwerp: string;
  inhoud: string;
  reactie: string;
  indicatie_contact_gelukt: number | null;
  hoofd_onderwerp_type: string;
  verdere_actie_ondernomen: number;
  taal: string;
  vertrouwelijk: number;
  plaatsgevonden_op: string;
  plaatsgevonden_ms: number;
  metadata_json: string;
  nummer: string | null;
  gespreksresultaat_code: string | null;
  kcc_contact_id: string | null;
}
export interface BetrokkeneRow {
  seq: number;
  uuid: string;
  klantcontact_uuid: string;
  partij_uuid: string | null;
  rol: 'klant' | 'vertegenwoordiger';
  initiator: number;
  organisatienaam: string;
  contactnaam_json: string | null;
  bezoekadres_json: string | null;
  correspondentieadres_json: string | null;
}
export interface OnderwerpobjectRow {
  seq: number;
  uuid: string;
  klantcontact_uuid: string | null;
  was_klantcontact_uuid: string | null;
  identificator_json: string | null;
}
export interface BijlageRow {
  seq: number;
  uuid: string;
  klantcontact_uuid: string | null;
  identificator_json: string | null;
  code_objecttype: string;
  code_register: string;
  code_soort_object_id: string;
  object_id: string;
}
export interface ActorRow {
  seq: number;
  uuid: string;
  naam: string;
  soort_actor: 'medewerker' | 'geautomatiseerde_actor' | 'organisatorische_eenheid';
  indicatie_actief: number;
  actoridentificator_json: string | null;
  ai_object_id: string;
  identificatie_json: string;
}
export interface ActorKlantcontactRow {
  seq: number;
  uuid: string;
  actor_uuid: string;
  klantcontact_uuid: string;
}

export interface InterneTaakRow {
  seq: number;
  uuid: string;
  referentienummer: string | null;
  gevraagde_handeling: string;
  klantcontact_uuid: string;
  toelichting: string;
  status: 'te_verwerken' | 'verwerkt';
  toegewezen_op: string;
  afgehandeld_op: string | null;
  nummer: string | null;
}
export interface GespreksresultaatRow {
  code: string;
  naam: string;
  actief: number;
  contact_gelukt: number;
  position: number;
}

export type TableName =
  | 'ki_partijen'
  | 'ki_partij_identificatoren'
  | 'ki_digitale_adressen'
  | 'ki_klantcontacten'
  | 'ki_betrokkenen'
  | 'ki_onderwerpobjecten'
  | 'ki_bijlagen'
  | 'ki_actoren'
  | 'ki_actorklantcontacten'
  | 'ki_interne_taken'
  | 'ki_rekeningnummers'
  | 'ki_categorieen'
  | 'ki_categorie_relaties'
  | 'ki_vertegenwoordigingen';

/** The tables of the Klantinteracties store, as both stores return their rows (store/README.md). */
export interface KlantinteractiesTables {
  ki_partijen: PartijRow & { naam_zoek: string };
  ki_partij_identificatoren: PartijIdentificatorRow;
  ki_digitale_adressen: DigitaalAdresRow & { created_at: string };
  ki_klantcontacten: KlantcontactRow & { created_at: string };
  ki_betrokkenen: BetrokkeneRow & { created_at: string };
  ki_onderwerpobjecten: OnderwerpobjectRow & {
    code_objecttype: string;
    code_register: string;
    code_soort_object_id: string;
    object_id: string;
    created_at: string;
  };
  ki_bijlagen: BijlageRow & { created_at: string };
  ki_actoren: ActorRow & {
    ai_code_objecttype: string;
    ai_code_register: string;
    ai_code_soort_object_id: string;
    created_at: string;
  };
  ki_actorklantcontacten: ActorKlantcontactRow & { created_at: string };
  ki_interne_taken: InterneTaakRow & { created_at: string };
  ki_interne_taak_actoren: { interne_taak_uuid: string; actor_uuid: string; position: number };
  ki_gespreksresultaten: GespreksresultaatRow;
  ki_rekeningnummers: RekeningnummerRow & { created_at: string };
  ki_categorieen: CategorieRow & { created_at: string };
  ki_categorie_relaties: CategorieRelatieRow & { created_at: string };
  ki_vertegenwoordigingen: VertegenwoordigingRow & { created_at: string };
}

/** Drop '' and undefined values so optional patterned fields never come back as '' (which the spec patterns refuse). */
export function compact<T extends object>(value: T | null | undefined): Partial<T> | null {
  if (value === null || value === undefined) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== '') out[k] = v;
  return out as Partial<T>;
}
const jsonOrNull = (value: object | null | undefined): string | null => {
  const c = compact(value);
  return c === null ? null : JSON.stringify(c);
};

/** volledigeNaam as Open Klant builds it from a contactnaam. */
export function volledigeNaam(c: Partial<Contactnaam> | null | undefined): string {
  if (!c) return '';
  return [c.voornaam || c.voorletters, c.voorvoegselAchternaam, c.achternaam]
    .filter((p) => p && p.trim())
    .join(' ');
}

const bool = (b: boolean | null | undefined): number | null =>
  b === null || b === undefined ? null : b ? 1 : 0;

/**
 * The embedded Klantinteracties store on SQLite. Every public write runs in one transaction
 * (nested calls become savepoints, so it is safe inside a caller's transaction too).
 */
export class KlantinteractiesStore {
  readonly sql: KiSql;
  constructor(
    store: Store,
    private readonly now: () => Date,
    /**
     * The server's unit of work: a change of an interne taak runs in one, and its transition to `verwerkt`
     * (whatever wrote it: the Klantinteracties API's PATCH/PUT, the workplace) is dispatched after the commit.
     */
    private readonly events?: UnitOfWork,
  ) {
    this.sql = new KiSql(store);
  }

  private async interneTaakVerwerkt(taak: InterneTaakRow): Promise<Notice | undefined> {
    if (!this.events) return undefined;
    const kc = await this.get<KlantcontactRow>('ki_klantcontacten', taak.klantcontact_uuid);
    const partij = (await this.sql
      .prepare(
        "SELECT partij_uuid FROM ki_betrokkenen WHERE klantcontact_uuid = ? AND partij_uuid IS NOT NULL ORDER BY rol = 'klant' DESC, seq LIMIT 1",
      )
      .get(taak.klantcontact_uuid)) as { partij_uuid: string } | undefined;
    const afdeling = (await this.toegewezenActoren(taak.uuid)).find(
      (a) => a.soort_actor === 'organisatorische_eenheid',
    );
    const e: InterneTaakVerwerkt = {
      taakUuid: taak.uuid,
      onderwerp: kc?.onderwerp || taak.gevraagde_handeling,
      ...(afdeling ? { afdeling: afdeling.naam } : {}),
      ...(partij ? { partijUuid: partij.partij_uuid } : {}),
      ...(kc?.kcc_contact_id ? { contactId: kc.kcc_contact_id } : {}),
    };
    return { type: 'interne-taak-verwerkt', ...e };
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  // ---------------------------------------------------------------- generic reads
  async get<T>(table: TableName, uuid: string): Promise<T | undefined> {
    return (await this.sql.prepare(`SELECT * FROM ${table} WHERE uuid = ?`).get(uuid)) as T | undefined;
  }

  async mustGet<T>(table: TableName, uuid: string, resource: string): Promise<T> {
    const row = await this.get<T>(table, uuid);
    if (!row) throw new KiNotFoundError(resource);
    return row;
  }

  /** A reference in a request body that must exist (→ 400 does_not_exist, as DRF does). */
  async requireRef(table: TableName, uuid: string, field: string): Promise<void> {
    const row = await this.sql.prepare(`SELECT 1 FROM ${table} WHERE uuid = ?`).get(uuid);
    if (!row) throw KiValidationError.one(field, 'does_not_exist', `Object met uuid "${uuid}" bestaat niet.`);
  }

  // ---------------------------------------------------------------- partijen
  /** Display name and stored `partijIdentificatie` of a partij; a contactpersoon works for an organisatie. */
  async partijIdentificatieColumns(
    ident: PartijInput['partijIdentificatie'],
    previous?: PartijRow,
  ): Promise<{ naam: string; identificatie: object }> {
    if (ident.soortPartij === 'organisatie') {
      return { naam: ident.identificatie.naam ?? '', identificatie: compact(ident.identificatie) ?? {} };
    }
    const contactnaam = compact(ident.identificatie.contactnaam);
    const naam = volledigeNaam(contactnaam);
    if (ident.soortPartij === 'persoon') return { naam, identificatie: { contactnaam } };
    const werkteVoor = ident.identificatie.werkteVoorPartij ?? null;
    if (werkteVoor) {
      const name = 'partijIdentificatie.werkteVoorPartij';
      const partij = await this.get<PartijRow>('ki_partijen', werkteVoor.uuid);
      if (!partij)
        throw KiValidationError.one(
          name,
          'does_not_exist',
          `Object met uuid "${werkteVoor.uuid}" bestaat niet.`,
        );
      if (partij.soort_partij !== 'organisatie') {
        throw KiValidationError.one(
          name,
          'invalid',
          'Een contactpersoon kan alleen voor een partij van soort organisatie werken.',
        );
      }
    }
    const previousUuid =
      previous?.soort_partij === 'contactpersoon'
        ? (JSON.parse(previous.identificatie_json) as { uuid?: string }).uuid
        : undefined;
    return {
      naam,
      identificatie: {
        contactnaam,
        werkteVoorPartij: werkteVoor ? { uuid: werkteVoor.uuid } : null,
        uuid: previousUuid ?? randomUUID(),
      },
    };
  }

  /** Partij `nummer` is unique (Open Klant's model constraint). */
  async requireFreeNummer(nummer: string | null | undefined, own?: string): Promise<void> {
    if (!nummer) return;
    const other = (await this.sql.prepare('SELECT uuid FROM ki_partijen WHERE nummer = ?').get(nummer)) as
      { uuid: string } | undefined;
    if (other && other.uuid !== own) {
      throw KiValidationError.one('nummer', 'unique', 'Er bestaat al een partij met dit nummer.');
    }
  }

  async createPartij(input: PartijInput): Promise<PartijRow> {
    return this.sql.tx(async () => {
      const uuid = randomUUID();
      const { naam, identificatie } = await this.partijIdentificatieColumns(input.partijIdentificatie);
      await this.requireFreeNummer(input.nummer);
      await this.sql
        .prepare(
          `INSERT INTO ki_partijen (uuid, soort_partij, indicatie_actief, indicatie_geheimhouding, voorkeurstaal, interne_notitie,
             identificatie_json, bezoekadres_json, correspondentieadres_json, naam, naam_zoek, created_at, nummer)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          uuid,
          input.soortPartij,
          input.indicatieActief ? 1 : 0,
          bool(input.indicatieGeheimhouding),
          input.voorkeurstaal ?? '',
          input.interneNotitie ?? '',
          JSON.stringify(identificatie),
          jsonOrNull(input.bezoekadres),
          jsonOrNull(input.correspondentieadres),
          naam,
          naam.toLowerCase(),
          this.nowIso(),
          input.nummer ?? null,
        );
      await this.addIdentificatoren(uuid, input.partijIdentificatoren ?? []);
      await this.linkToPartij(uuid, input);
      return await this.mustGet<PartijRow>('ki_partijen', uuid, 'Partij');
    });
  }

  /**
   * `digitaleAdressen` / `rekeningnummers` (when given) become exactly this partij's; the voorkeur must be one
   * of them (given in the same request, or already linked when the list is not sent).
   */
  async linkToPartij(
    uuid: string,
    input: Pick<
      PartijInput,
      'digitaleAdressen' | 'voorkeursDigitaalAdres' | 'rekeningnummers' | 'voorkeursRekeningnummer'
    >,
  ): Promise<void> {
    const links = [
      ['ki_digitale_adressen', 'digitaleAdressen', 'voorkeursDigitaalAdres', 'voorkeurs_digitaal_adres_uuid'],
      ['ki_rekeningnummers', 'rekeningnummers', 'voorkeursRekeningnummer', 'voorkeurs_rekeningnummer_uuid'],
    ] as const;
    for (const [table, listField, voorkeurField, voorkeurColumn] of links) {
      const list = input[listField];
      if (list !== undefined && list !== null) {
        for (const [i, item] of list.entries())
          await this.requireRef(table, item.uuid, `${listField}.${i}.uuid`);
        await this.sql.prepare(`UPDATE ${table} SET partij_uuid = NULL WHERE partij_uuid = ?`).run(uuid);
        for (const item of list) {
          await this.sql.prepare(`UPDATE ${table} SET partij_uuid = ? WHERE uuid = ?`).run(uuid, item.uuid);
        }
      }
      const voorkeur = input[voorkeurField];
      if (voorkeur === undefined) continue;
      if (voorkeur !== null) {
        const linked = await this.sql
          .prepare(`SELECT 1 FROM ${table} WHERE uuid = ? AND partij_uuid = ?`)
          .get(voorkeur.uuid, uuid);
        if (!linked) {
          throw KiValidationError.one(
            voorkeurField,
            'invalid',
            listField === 'digitaleAdressen'
              ? 'Het voorkeurs adres moet een gelinkte digitaal adres zijn.'
              : 'Het voorkeurs rekeningnummer moet een gelinkte rekeningnummer zijn.',
          );
        }
      }
      await this.sql
        .prepare(`UPDATE ki_partijen SET ${voorkeurColumn} = ? WHERE uuid = ?`)
        .run(voorkeur?.uuid ?? null, uuid);
    }
  }

  /** Nested identificatoren of a partij (field names under `namePrefix`), or one on its own (`namePrefix` ''). */
  async addIdentificatoren(
    partijUuid: string | null,
    list: NestedPartijIdentificator[],
    namePrefix = 'partijIdentificatoren',
  ): Promise<void> {
    const seenSoort = new Set<string>();
    const uuids = list.map((item) => item.uuid).filter((u) => u !== undefined);
    if (new Set(uuids).size < uuids.length) {
      throw KiValidationError.one(
        'identificeerdePartij',
        'invalid',
        'Duplicaat uuid kan niet worden ingevoerd voor `partij_identificatoren`.',
      );
    }
    for (const [i, item] of list.entries()) {
      const at = (field: string) =>
        [namePrefix === '' ? '' : `${namePrefix}.${i}`, field].filter(Boolean).join('.');
      if (item.identificeerdePartij !== undefined && item.identificeerdePartij !== null) {
        throw KiValidationError.one(
          'identificeerdePartij',
          'invalid',
          'Het veld `identificeerde_partij` wordt automatisch ingesteld en hoeft niet te worden opgegeven.',
        );
      }
      const g = item.partijIdentificator;
      if (seenSoort.has(g.codeSoortObjectId)) {
        throw KiValidationError.one(
          at('partijIdentificator.codeSoortObjectId'),
          'unique',
          `Een partij mag maar één identificator van soort "${g.codeSoortObjectId}" hebben.`,
        );
      }
      seenSoort.add(g.codeSoortObjectId);
      const sameSoort =
        partijUuid !== null &&
        (await this.sql
          .prepare(
            'SELECT 1 FROM ki_partij_identificatoren WHERE partij_uuid = ? AND code_soort_object_id = ?',
          )
          .get(partijUuid, g.codeSoortObjectId));
      if (sameSoort) {
        throw KiValidationError.one(
          at('partijIdentificator.codeSoortObjectId'),
          'unique',
          `Deze partij heeft al een identificator van soort "${g.codeSoortObjectId}".`,
        );
      }
      validateIdentificator(g, at('partijIdentificator'));
      const sub = item.subIdentificatorVan?.uuid ?? null;
      if (g.codeSoortObjectId === 'vestigingsnummer') {
        if (!sub) {
          throw KiValidationError.one(
            at('subIdentificatorVan'),
            'invalid',
            'Een vestigingsnummer hoort bij een KvK-nummer: vul subIdentificatorVan in.',
          );
        }
        const parent = await this.get<PartijIdentificatorRow>('ki_partij_identificatoren', sub);
        if (!parent || parent.code_soort_object_id !== 'kvk_nummer') {
          throw KiValidationError.one(
            at('subIdentificatorVan'),
            'invalid',
            'subIdentificatorVan moet naar een bestaande identificator van soort kvk_nummer wijzen.',
          );
        }
      } else if (sub) {
        await this.requireRef('ki_partij_identificatoren', sub, at('subIdentificatorVan.uuid'));
      }
      const exists = await this.sql
        .prepare(
          `SELECT 1 FROM ki_partij_identificatoren WHERE code_objecttype = ? AND code_soort_object_id = ? AND object_id = ?
             AND code_register = ? AND COALESCE(sub_identificator_van_uuid, '') = ?`,
        )
        .get(g.codeObjecttype, g.codeSoortObjectId, g.objectId, g.codeRegister, sub ?? '');
      if (exists) {
        throw KiValidationError.one(
          at('partijIdentificator'),
          'unique',
          `Er bestaat al een partij-identificator ${g.codeSoortObjectId} ${g.objectId}.`,
        );
      }
      await this.sql
        .prepare(
          `INSERT INTO ki_partij_identificatoren (uuid, partij_uuid, code_objecttype, code_soort_object_id, object_id,
             code_register, sub_identificator_van_uuid, andere_partij_identificator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          item.uuid && !(await this.get('ki_partij_identificatoren', item.uuid)) ? item.uuid : randomUUID(),
          partijUuid,
          g.codeObjecttype,
          g.codeSoortObjectId,
          g.objectId,
          g.codeRegister,
          sub,
          item.anderePartijIdentificator ?? '',
        );
    }
  }

  async identificatorenVan(partijUuid: string): Promise<PartijIdentificatorRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_partij_identificatoren WHERE partij_uuid = ? ORDER BY seq')
      .all(partijUuid)) as PartijIdentificatorRow[];
  }

  // ---------------------------------------------------------------- digitale adressen
  /**
   * The checks Open Klant makes on a digitaal adres (also on PUT/PATCH, with `own` the adres being changed):
   * the address by its soort, `isStandaardAdres` only with a partij, and (partij, referentie, soort) unique.
   * Phone numbers are kept as sent; `adres_match` holds the canonical form klantherkenning matches on.
   */
  async digitaalAdresColumns(
    input: DigitaalAdresInput,
    own?: string,
  ): Promise<{ adres: string; match: string }> {
    const adres = input.adres.trim();
    let match = adres;
    if (input.soortDigitaalAdres === 'telefoonnummer') {
      const canonical = isValidKlantinteractiesPhone(adres) ? canonicalPhone(adres) : undefined;
      if (!canonical) {
        throw KiValidationError.one(
          'adres',
          'invalid',
          'Ongeldig telefoonnummer. Toegestaan: 0612345678, +31612345678 of 0031612345678 (geen 0800- of 0900-nummers).',
        );
      }
      match = canonical;
    } else if (input.soortDigitaalAdres === 'email') {
      if (!isEmail(adres)) throw KiValidationError.one('adres', 'invalid', 'Voer een geldig e-mailadres in.');
      match = adres.toLowerCase();
    }
    const partij = input.verstrektDoorPartij?.uuid ?? null;
    const betrokkene = input.verstrektDoorBetrokkene?.uuid ?? null;
    if (partij) await this.requireRef('ki_partijen', partij, 'verstrektDoorPartij.uuid');
    if (betrokkene) await this.requireRef('ki_betrokkenen', betrokkene, 'verstrektDoorBetrokkene.uuid');
    if (input.isStandaardAdres === true && !partij) {
      throw KiValidationError.one(
        'isStandaardAdres',
        'invalid',
        '`is_standaard_adres` kan alleen gezet worden als `verstrekt_door_partij` is ingevuld.',
      );
    }
    if (partij && input.referentie) {
      const dup = await this.sql
        .prepare(
          `SELECT uuid FROM ki_digitale_adressen WHERE partij_uuid = ? AND referentie = ? AND soort_digitaal_adres = ?
           AND uuid <> ?`,
        )
        .get(partij, input.referentie, input.soortDigitaalAdres, own ?? '');
      if (dup) {
        throw KiValidationError.one(
          'nonFieldErrors',
          'unique',
          'De velden verstrekt_door_partij, referentie, soort_digitaal_adres moeten een unieke set zijn.',
        );
      }
    }
    if (input.isStandaardAdres === true && partij) {
      await this.sql
        .prepare(
          'UPDATE ki_digitale_adressen SET is_standaard_adres = 0 WHERE partij_uuid = ? AND soort_digitaal_adres = ?',
        )
        .run(partij, input.soortDigitaalAdres);
    }
    return { adres, match };
  }

  async createDigitaalAdres(input: DigitaalAdresInput): Promise<DigitaalAdresRow> {
    return this.sql.tx(async () => {
      const { adres, match } = await this.digitaalAdresColumns(input);
      const partij = input.verstrektDoorPartij?.uuid ?? null;
      const betrokkene = input.verstrektDoorBetrokkene?.uuid ?? null;
      const standaard = input.isStandaardAdres === true;
      const uuid = randomUUID();
      await this.sql
        .prepare(
          `INSERT INTO ki_digitale_adressen (uuid, partij_uuid, betrokkene_uuid, soort_digitaal_adres, adres, adres_match,
             is_standaard_adres, omschrijving, referentie, verificatie_datum, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          uuid,
          partij,
          betrokkene,
          input.soortDigitaalAdres,
          adres,
          match,
          standaard ? 1 : 0,
          input.omschrijving ?? '',
          input.referentie ?? '',
          input.verificatieDatum ?? null,
          this.nowIso(),
        );
      return await this.mustGet<DigitaalAdresRow>('ki_digitale_adressen', uuid, 'Digitaal adres');
    });
  }

  async digitaleAdressenVanPartij(partijUuid: string): Promise<DigitaalAdresRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_digitale_adressen WHERE partij_uuid = ? ORDER BY seq')
      .all(partijUuid)) as DigitaalAdresRow[];
  }

  async digitaleAdressenVanBetrokkene(betrokkeneUuid: string): Promise<DigitaalAdresRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_digitale_adressen WHERE betrokkene_uuid = ? ORDER BY seq')
      .all(betrokkeneUuid)) as DigitaalAdresRow[];
  }

  // ---------------------------------------------------------------- klantcontacten
  async createKlantcontact(
    input: KlantcontactInput,
    extra: { gespreksresultaatCode?: string; kccContactId?: string } = {},
  ): Promise<KlantcontactRow> {
    return this.sql.tx(async () => {
      checkVerdereActie(input);
      const uuid = randomUUID();
      const at = input.plaatsgevondenOp ? new Date(input.plaatsgevondenOp) : this.now();
      await this.sql
        .prepare(
          `INSERT INTO ki_klantcontacten (nummer, uuid, referentienummer, kanaal, onderwerp, inhoud, reactie, indicatie_contact_gelukt,
             hoofd_onderwerp_type, verdere_actie_ondernomen, taal, vertrouwelijk, plaatsgevonden_op, plaatsgevonden_ms,
             metadata_json, gespreksresultaat_code, kcc_contact_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.nummer ?? null,
          uuid,
          input.referentienummer ?? null,
          input.kanaal,
          input.onderwerp,
          input.inhoud ?? '',
          input.reactie ?? '',
          bool(input.indicatieContactGelukt),
          input.hoofdOnderwerpType ?? '',
          input.verdereActieOndernomen ? 1 : 0,
          input.taal,
          input.vertrouwelijk ? 1 : 0,
          at.toISOString(),
          at.getTime(),
          JSON.stringify(input.metadata ?? {}),
          extra.gespreksresultaatCode ?? null,
          extra.kccContactId ?? null,
          this.nowIso(),
        );
      return await this.mustGet<KlantcontactRow>('ki_klantcontacten', uuid, 'Klantcontact');
    });
  }

  // ---------------------------------------------------------------- betrokkenen
  async createBetrokkene(input: BetrokkeneInput): Promise<BetrokkeneRow> {
    return this.sql.tx(async () => {
      await this.requireRef('ki_klantcontacten', input.hadKlantcontact.uuid, 'hadKlantcontact.uuid');
      const partij = input.wasPartij?.uuid ?? null;
      if (partij) await this.requireRef('ki_partijen', partij, 'wasPartij.uuid');
      const uuid = randomUUID();
      await this.sql
        .prepare(
          `INSERT INTO ki_betrokkenen (uuid, klantcontact_uuid, partij_uuid, rol, initiator, organisatienaam, contactnaam_json,
             bezoekadres_json, correspondentieadres_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          uuid,
          input.hadKlantcontact.uuid,
          partij,
          input.rol,
          input.initiator ? 1 : 0,
          input.organisatienaam ?? '',
          jsonOrNull(input.contactnaam),
          jsonOrNull(input.bezoekadres),
          jsonOrNull(input.correspondentieadres),
          this.nowIso(),
        );
      return await this.mustGet<BetrokkeneRow>('ki_betrokkenen', uuid, 'Betrokkene');
    });
  }

  async betrokkenenVanKlantcontact(klantcontactUuid: string): Promise<BetrokkeneRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_betrokkenen WHERE klantcontact_uuid = ? ORDER BY seq')
      .all(klantcontactUuid)) as BetrokkeneRow[];
  }

  async betrokkenenVanPartij(partijUuid: string): Promise<BetrokkeneRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_betrokkenen WHERE partij_uuid = ? ORDER BY seq DESC')
      .all(partijUuid)) as BetrokkeneRow[];
  }

  // ---------------------------------------------------------------- onderwerpobjecten
  async createOnderwerpobject(input: OnderwerpobjectInput): Promise<OnderwerpobjectRow> {
    return this.sql.tx(async () => {
      const kc = input.klantcontact?.uuid ?? null;
      const was = input.wasKlantcontact?.uuid ?? null;
      if (kc) await this.requireRef('ki_klantcontacten', kc, 'klantcontact.uuid');
      if (was) await this.requireRef('ki_klantcontacten', was, 'wasKlantcontact.uuid');
      const ident = compact(input.onderwerpobjectidentificator);
      const uuid = randomUUID();
      await this.sql
        .prepare(
          `INSERT INTO ki_onderwerpobjecten (uuid, klantcontact_uuid, was_klantcontact_uuid, identificator_json, code_objecttype,
             code_register, code_soort_object_id, object_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          uuid,
          kc,
          was,
          ident ? JSON.stringify(ident) : null,
          ident?.codeObjecttype ?? '',
          ident?.codeRegister ?? '',
          ident?.codeSoortObjectId ?? '',
          ident?.objectId ?? '',
          this.nowIso(),
        );
      return await this.mustGet<OnderwerpobjectRow>('ki_onderwerpobjecten', uuid, 'Onderwerpobject');
    });
  }

  async onderwerpobjectenVanKlantcontact(klantcontactUuid: string): Promise<OnderwerpobjectRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_onderwerpobjecten WHERE klantcontact_uuid = ? ORDER BY seq')
      .all(klantcontactUuid)) as OnderwerpobjectRow[];
  }

  // ---------------------------------------------------------------- bijlagen
  async createBijlage(input: BijlageInput): Promise<BijlageRow> {
    return this.sql.tx(async () => {
      const kc = input.wasBijlageVanKlantcontact?.uuid ?? null;
      if (kc) await this.requireRef('ki_klantcontacten', kc, 'wasBijlageVanKlantcontact.uuid');
      const uuid = randomUUID();
      await this.sql
        .prepare(
          `INSERT INTO ki_bijlagen (uuid, klantcontact_uuid, identificator_json, code_objecttype, code_register,
             code_soort_object_id, object_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(uuid, kc, ...bijlageIdentificatorColumns(compact(input.bijlageidentificator)), this.nowIso());
      return await this.mustGet<BijlageRow>('ki_bijlagen', uuid, 'Bijlage');
    });
  }

  /**
   * PUT and PATCH (Bijlage has no write-required fields): as in Open Klant, a field that is not sent stays as it
   * is, also inside `bijlageidentificator`; `null` clears the reference or the whole identificator.
   */
  async updateBijlage(uuid: string, input: BijlageInput): Promise<BijlageRow> {
    return this.sql.tx(async () => {
      const row = await this.mustGet<BijlageRow>('ki_bijlagen', uuid, 'Bijlage');
      let kc = row.klantcontact_uuid;
      if (input.wasBijlageVanKlantcontact !== undefined) {
        kc = input.wasBijlageVanKlantcontact?.uuid ?? null;
        if (kc) await this.requireRef('ki_klantcontacten', kc, 'wasBijlageVanKlantcontact.uuid');
      }
      let ident = row.identificator_json === null ? null : (JSON.parse(row.identificator_json) as object);
      if (input.bijlageidentificator === null) ident = null;
      else if (input.bijlageidentificator !== undefined) {
        const given = Object.entries(input.bijlageidentificator).filter(([, v]) => v !== undefined);
        // '' clears a field: compact drops it after the merge.
        ident = compact({ ...(ident ?? {}), ...Object.fromEntries(given) });
      }
      await this.sql
        .prepare(
          `UPDATE ki_bijlagen SET klantcontact_uuid = ?, identificator_json = ?, code_objecttype = ?, code_register = ?,
             code_soort_object_id = ?, object_id = ? WHERE uuid = ?`,
        )
        .run(kc, ...bijlageIdentificatorColumns(ident), uuid);
      return await this.mustGet<BijlageRow>('ki_bijlagen', uuid, 'Bijlage');
    });
  }

  async deleteBijlage(uuid: string): Promise<void> {
    const result = await this.sql.prepare('DELETE FROM ki_bijlagen WHERE uuid = ?').run(uuid);
    if (result.changes === 0) throw new KiNotFoundError('Bijlage');
  }

  async bijlagenVanKlantcontact(klantcontactUuid: string): Promise<BijlageRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_bijlagen WHERE klantcontact_uuid = ? ORDER BY seq')
      .all(klantcontactUuid)) as BijlageRow[];
  }

  /** The bijlage of this klantcontact with exactly this identificator (all four codes), if any. */
  async findBijlage(
    klantcontactUuid: string,
    ident: Required<BijlageIdentificator>,
  ): Promise<BijlageRow | undefined> {
    return (await this.sql
      .prepare(
        `SELECT * FROM ki_bijlagen WHERE klantcontact_uuid = ? AND object_id = ? AND code_objecttype = ?
           AND code_register = ? AND code_soort_object_id = ? ORDER BY seq LIMIT 1`,
      )
      .get(
        klantcontactUuid,
        ident.objectId,
        ident.codeObjecttype,
        ident.codeRegister,
        ident.codeSoortObjectId,
      )) as BijlageRow | undefined;
  }

  // ---------------------------------------------------------------- actoren
  async createActor(input: ActorInput): Promise<ActorRow> {
    return this.sql.tx(async () => {
      const uuid = randomUUID();
      const ai = compact(input.actoridentificator);
      await this.sql
        .prepare(
          `INSERT INTO ki_actoren (uuid, naam, soort_actor, indicatie_actief, actoridentificator_json, ai_code_objecttype,
             ai_code_register, ai_code_soort_object_id, ai_object_id, identificatie_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          uuid,
          input.naam,
          input.soortActor,
          input.indicatieActief === false ? 0 : 1,
          ai ? JSON.stringify(ai) : null,
          ai?.codeObjecttype ?? '',
          ai?.codeRegister ?? '',
          ai?.codeSoortObjectId ?? '',
          ai?.objectId ?? '',
          JSON.stringify(compact(input.actorIdentificatie) ?? {}),
          this.nowIso(),
        );
      return await this.mustGet<ActorRow>('ki_actoren', uuid, 'Actor');
    });
  }

  async findActorByIdentificator(ident: {
    codeObjecttype: string;
    codeRegister: string;
    codeSoortObjectId: string;
    objectId: string;
  }): Promise<ActorRow | undefined> {
    return (await this.sql
      .prepare(
        `SELECT * FROM ki_actoren WHERE ai_object_id = ? AND ai_code_objecttype = ? AND ai_code_register = ?
           AND ai_code_soort_object_id = ? ORDER BY seq LIMIT 1`,
      )
      .get(ident.objectId, ident.codeObjecttype, ident.codeRegister, ident.codeSoortObjectId)) as
      ActorRow | undefined;
  }

  async actorenVanKlantcontact(klantcontactUuid: string): Promise<ActorRow[]> {
    return (await this.sql
      .prepare(
        `SELECT a.* FROM ki_actorklantcontacten ak JOIN ki_actoren a ON a.uuid = ak.actor_uuid
         WHERE ak.klantcontact_uuid = ? ORDER BY ak.seq`,
      )
      .all(klantcontactUuid)) as ActorRow[];
  }

  async createActorKlantcontact(input: ActorKlantcontactInput): Promise<ActorKlantcontactRow> {
    return this.sql.tx(async () => {
      await this.requireRef('ki_actoren', input.actor.uuid, 'actor.uuid');
      await this.requireRef('ki_klantcontacten', input.klantcontact.uuid, 'klantcontact.uuid');
      const dup = await this.sql
        .prepare('SELECT 1 FROM ki_actorklantcontacten WHERE actor_uuid = ? AND klantcontact_uuid = ?')
        .get(input.actor.uuid, input.klantcontact.uuid);
      if (dup) {
        throw KiValidationError.one(
          'nonFieldErrors',
          'unique',
          'Deze actor is al gekoppeld aan dit klantcontact.',
        );
      }
      const uuid = randomUUID();
      await this.sql
        .prepare(
          'INSERT INTO ki_actorklantcontacten (uuid, actor_uuid, klantcontact_uuid, created_at) VALUES (?, ?, ?, ?)',
        )
        .run(uuid, input.actor.uuid, input.klantcontact.uuid, this.nowIso());
      return await this.mustGet<ActorKlantcontactRow>('ki_actorklantcontacten', uuid, 'Actor klantcontact');
    });
  }

  // ---------------------------------------------------------------- interne taken
  async createInterneTaak(input: InterneTaakInput): Promise<InterneTaakRow> {
    return this.sql.tx(async () => {
      await this.requireRef(
        'ki_klantcontacten',
        input.aanleidinggevendKlantcontact.uuid,
        'aanleidinggevendKlantcontact.uuid',
      );
      const actoren = await this.resolveToegewezen(input, true);
      checkAfgehandeldOp(input.afgehandeldOp, input.status);
      const uuid = randomUUID();
      const now = this.nowIso();
      const afgehandeld = input.status === 'verwerkt' ? (input.afgehandeldOp ?? now) : null;
      await this.sql
        .prepare(
          `INSERT INTO ki_interne_taken (nummer, uuid, referentienummer, gevraagde_handeling, klantcontact_uuid, toelichting,
             status, toegewezen_op, afgehandeld_op, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.nummer ?? null,
          uuid,
          input.referentienummer ?? null,
          input.gevraagdeHandeling,
          input.aanleidinggevendKlantcontact.uuid,
          input.toelichting ?? '',
          input.status,
          now,
          afgehandeld ? new Date(afgehandeld).toISOString() : null,
          now,
        );
      await this.setToegewezen(uuid, actoren);
      return await this.mustGet<InterneTaakRow>('ki_interne_taken', uuid, 'Interne taak');
    });
  }

  /**
   * Exactly one of `toegewezenAanActor` (deprecated) and `toegewezenAanActoren` (Open Klant: required on create
   * and PUT, both together never; PATCH may leave both out).
   */
  private async resolveToegewezen(
    input: {
      toegewezenAanActor?: { uuid: string } | undefined;
      toegewezenAanActoren?: { uuid: string }[] | undefined;
    },
    required: boolean,
  ): Promise<string[] | undefined> {
    const one = input.toegewezenAanActor !== undefined;
    const many = input.toegewezenAanActoren !== undefined;
    if (one && many) {
      throw KiValidationError.one(
        'nonFieldErrors',
        'invalid',
        '`toegewezen_aan_actor` en `toegewezen_aan_actoren` mag niet beiden gebruikt worden.',
      );
    }
    if (!one && !many && required) {
      throw KiValidationError.one(
        'nonFieldErrors',
        'invalid',
        '`toegewezen_aan_actor` of `toegewezen_aan_actoren` is required (mag niet beiden gebruiken).',
      );
    }
    const list =
      input.toegewezenAanActoren ?? (input.toegewezenAanActor ? [input.toegewezenAanActor] : undefined);
    if (list === undefined) return undefined;
    const uuids = [...new Set(list.map((a) => a.uuid))];
    for (const [i, u] of uuids.entries()) {
      await this.requireRef(
        'ki_actoren',
        u,
        input.toegewezenAanActoren ? `toegewezenAanActoren.${i}.uuid` : 'toegewezenAanActor.uuid',
      );
    }
    return uuids;
  }

  private async setToegewezen(taakUuid: string, actoren: string[] | undefined): Promise<void> {
    if (actoren === undefined) return;
    await this.sql.prepare('DELETE FROM ki_interne_taak_actoren WHERE interne_taak_uuid = ?').run(taakUuid);
    const insert = this.sql.prepare(
      'INSERT INTO ki_interne_taak_actoren (interne_taak_uuid, actor_uuid, position) VALUES (?, ?, ?)',
    );
    for (const [i, a] of actoren.entries()) await insert.run(taakUuid, a, i);
  }

  /** PATCH, and PUT with `full` (then an actor is required, as on create). */
  async patchInterneTaak(
    uuid: string,
    patch: PatchedInterneTaakInput,
    full = false,
  ): Promise<InterneTaakRow> {
    const write = async () => {
      const { row, verwerkt } = await this.patchInterneTaakRow(uuid, patch, full);
      if (verwerkt) this.events?.record(verwerkt);
      return row;
    };
    // One unit of work: the transition is recorded in it and dispatched after its commit.
    return this.events ? this.events.run(write) : write();
  }

  private async patchInterneTaakRow(
    uuid: string,
    patch: PatchedInterneTaakInput,
    full: boolean,
  ): Promise<{ row: InterneTaakRow; verwerkt?: Notice | undefined }> {
    return this.sql.tx(async () => {
      const row = await this.mustGet<InterneTaakRow>('ki_interne_taken', uuid, 'Interne taak');
      checkAfgehandeldOp(patch.afgehandeldOp, patch.status ?? row.status);
      if (patch.aanleidinggevendKlantcontact) {
        await this.requireRef(
          'ki_klantcontacten',
          patch.aanleidinggevendKlantcontact.uuid,
          'aanleidinggevendKlantcontact.uuid',
        );
      }
      const actoren = await this.resolveToegewezen(patch, full);
      const status = patch.status ?? row.status;
      let afgehandeld = row.afgehandeld_op;
      if (patch.afgehandeldOp !== undefined) {
        afgehandeld = patch.afgehandeldOp === null ? null : new Date(patch.afgehandeldOp).toISOString();
      } else if (patch.status === 'verwerkt' && row.status !== 'verwerkt') {
        afgehandeld = this.nowIso();
      } else if (patch.status === 'te_verwerken') {
        afgehandeld = null;
      }
      await this.sql
        .prepare(
          `UPDATE ki_interne_taken SET nummer = ?, referentienummer = ?, gevraagde_handeling = ?, klantcontact_uuid = ?,
             toelichting = ?, status = ?, afgehandeld_op = ? WHERE uuid = ?`,
        )
        .run(
          patch.nummer !== undefined ? patch.nummer : row.nummer,
          patch.referentienummer !== undefined ? patch.referentienummer : row.referentienummer,
          patch.gevraagdeHandeling ?? row.gevraagde_handeling,
          patch.aanleidinggevendKlantcontact?.uuid ?? row.klantcontact_uuid,
          patch.toelichting ?? row.toelichting,
          status,
          afgehandeld,
          uuid,
        );
      await this.setToegewezen(uuid, actoren);
      const updated = await this.mustGet<InterneTaakRow>('ki_interne_taken', uuid, 'Interne taak');
      const verwerkt =
        status === 'verwerkt' && row.status !== 'verwerkt'
          ? await this.interneTaakVerwerkt(updated)
          : undefined;
      return { row: updated, verwerkt };
    });
  }

  async toegewezenActoren(taakUuid: string): Promise<ActorRow[]> {
    return (await this.sql
      .prepare(
        `SELECT a.* FROM ki_interne_taak_actoren ta JOIN ki_actoren a ON a.uuid = ta.actor_uuid
         WHERE ta.interne_taak_uuid = ? ORDER BY ta.position`,
      )
      .all(taakUuid)) as ActorRow[];
  }

  async interneTakenVanKlantcontact(klantcontactUuid: string): Promise<InterneTaakRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_interne_taken WHERE klantcontact_uuid = ? ORDER BY seq')
      .all(klantcontactUuid)) as InterneTaakRow[];
  }

  // ---------------------------------------------------------------- gespreksresultaten
  async gespreksresultaten(): Promise<GespreksresultaatRow[]> {
    return (await this.sql
      .prepare('SELECT * FROM ki_gespreksresultaten ORDER BY position')
      .all()) as GespreksresultaatRow[];
  }

  async gespreksresultaat(code: string): Promise<GespreksresultaatRow | undefined> {
    return (await this.sql.prepare('SELECT * FROM ki_gespreksresultaten WHERE code = ?').get(code)) as
      GespreksresultaatRow | undefined;
  }
}

/** Open Klant's VerdereActieOndernomenValidator: a contact that succeeded needs no further action. */
export function checkVerdereActie(
  kc: { verdereActieOndernomen?: boolean; indicatieContactGelukt?: boolean | null },
  prefix = '',
): void {
  if (kc.verdereActieOndernomen === true && kc.indicatieContactGelukt === true) {
    throw KiValidationError.one(
      `${prefix}nonFieldErrors`,
      'no-further-action-when-contact-succesful',
      'Als het contact gelukt is kan er geen verdere actie zijn ondernomen',
    );
  }
}

/** `afgehandeldOp` only on a verwerkte taak (Open Klant's InterneTaakSerializer.validate). */
function checkAfgehandeldOp(afgehandeldOp: string | null | undefined, status: string): void {
  if (afgehandeldOp && status !== 'verwerkt') {
    throw KiValidationError.one(
      'afgehandeldOp',
      'invalid',
      "De Internetaak kan geen afgehandeld op datum bevatten als de status niet op 'verwerkt' staat.",
    );
  }
}

/** identificator_json and the four filter columns of a bijlage. */
function bijlageIdentificatorColumns(
  ident: Partial<BijlageIdentificator> | null,
): [string | null, string, string, string, string] {
  return [
    ident ? JSON.stringify(ident) : null,
    ident?.codeObjecttype ?? '',
    ident?.codeRegister ?? '',
    ident?.codeSoortObjectId ?? '',
    ident?.objectId ?? '',
  ];
}

/** Identificator combinations and checks as Open Klant's PartijIdentificatorTypesValidator applies them. */
function validateIdentificator(
  g: { codeObjecttype: string; codeSoortObjectId: string; objectId: string; codeRegister: string },
  name: string,
): void {
  const allowed: Record<string, Record<string, string[]>> = {
    brp: { natuurlijk_persoon: ['bsn'] },
    hr: { niet_natuurlijk_persoon: ['rsin', 'kvk_nummer'], vestiging: ['vestigingsnummer'] },
  };
  const objecttypes = allowed[g.codeRegister] ?? {};
  if (!(g.codeObjecttype in objecttypes)) {
    throw KiValidationError.one(
      `${name}.codeObjecttype`,
      'invalid',
      `codeObjecttype "${g.codeObjecttype}" hoort niet bij codeRegister "${g.codeRegister}".`,
    );
  }
  if (!(objecttypes[g.codeObjecttype] ?? []).includes(g.codeSoortObjectId)) {
    throw KiValidationError.one(
      `${name}.codeSoortObjectId`,
      'invalid',
      `codeSoortObjectId "${g.codeSoortObjectId}" hoort niet bij codeObjecttype "${g.codeObjecttype}".`,
    );
  }
  const fail = (reason: string) => KiValidationError.one(`${name}.objectId`, 'invalid', reason);
  switch (g.codeSoortObjectId) {
    case 'bsn':
      if (!/^[0-9]{9}$/.test(g.objectId)) throw fail('Een BSN heeft 9 cijfers.');
      if (!isValidBsn(g.objectId)) throw fail('Dit BSN klopt niet (11-proef).');
      break;
    case 'rsin':
      if (!/^[0-9]{9}$/.test(g.objectId)) throw fail('Een RSIN heeft 9 cijfers.');
      if (!isValidRsin(g.objectId)) throw fail('Dit RSIN klopt niet (11-proef).');
      break;
    case 'kvk_nummer':
      if (!/^[0-9]{8}$/.test(g.objectId)) throw fail('Een KvK-nummer heeft 8 cijfers.');
      break;
    case 'vestigingsnummer':
      if (!/^[0-9]{12}$/.test(g.objectId)) throw fail('Een vestigingsnummer heeft 12 cijfers.');
      break;
  }
}

/** Close to Django's EmailValidator: local@domain with a dotted domain, no spaces. */
export function isEmail(value: string): boolean {
  return (
    value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && !/\.\./.test(value.split('@')[1] ?? '')
  );
}
