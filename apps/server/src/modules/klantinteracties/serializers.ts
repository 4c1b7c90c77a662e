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
  PartijIdentificatorRow,
  PartijRow,
} from './store';
import { volledigeNaam } from './store';
import type {
  CategorieRelatieRow,
  CategorieRow,
  RekeningnummerRow,
  VertegenwoordigingRow,
} from './store-changes';

/** Requested expansions as a tree: `hadBetrokkenen.wasPartij` → `{hadBetrokkenen: {wasPartij: {}}}`. */
export interface ExpandTree {
  [field: string]: ExpandTree;
}

export function expandTree(paths: readonly string[]): ExpandTree {
  const root: ExpandTree = {};
  for (const path of paths) {
    let node = root;
    for (const part of path.split('.')) node = node[part] ??= {};
  }
  return root;
}

type Json = Record<string, unknown>;

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/**
 * Rows → Klantinteracties 0.9.0 resources, with absolute URLs from the public base URL.
 * Optional text fields whose schema has a pattern or format are left out when empty
 * (Open Klant would send '' there, which its own spec refuses).
 */
export class KlantinteractiesSerializer {
  readonly apiRoot: string;

  constructor(
    private readonly store: KlantinteractiesStore,
    publicBaseUrl: string,
  ) {
    this.apiRoot = `${publicBaseUrl.replace(/\/+$/, '')}/klantinteracties/api/v1`;
  }

  url(collection: string, uuid: string): string {
    return `${this.apiRoot}/${collection}/${uuid}`;
  }

  private fk(collection: string, uuid: string): { uuid: string; url: string } {
    return { uuid, url: this.url(collection, uuid) };
  }
  private fkOrNull(collection: string, uuid: string | null): { uuid: string; url: string } | null {
    return uuid === null ? null : this.fk(collection, uuid);
  }

  // ---------------------------------------------------------------- partij
  async partij(row: PartijRow, expand: ExpandTree = {}): Promise<Json> {
    const adressen = await this.store.digitaleAdressenVanPartij(row.uuid);
    const betrokkenen = await this.store.betrokkenenVanPartij(row.uuid);
    const relaties = (await this.store.sql
      .prepare('SELECT * FROM ki_categorie_relaties WHERE partij_uuid = ? ORDER BY seq')
      .all(row.uuid)) as CategorieRelatieRow[];
    const vertegenwoordigden = (await this.store.sql
      .prepare(
        'SELECT vertegenwoordigde_partij_uuid AS uuid FROM ki_vertegenwoordigingen WHERE vertegenwoordigende_partij_uuid = ? ORDER BY seq',
      )
      .all(row.uuid)) as { uuid: string }[];
    const rekeningnummers = (await this.store.sql
      .prepare('SELECT uuid FROM ki_rekeningnummers WHERE partij_uuid = ? ORDER BY seq')
      .all(row.uuid)) as { uuid: string }[];
    const out: Json = {
      uuid: row.uuid,
      url: this.url('partijen', row.uuid),
      nummer: row.nummer,
      interneNotitie: row.interne_notitie,
      betrokkenen: betrokkenen.map((b) => this.fk('betrokkenen', b.uuid)),
      categorieRelaties: await Promise.all(relaties.map((r) => this.categorieRelatieFk(r))),
      digitaleAdressen: adressen.map((d) => this.fk('digitaleadressen', d.uuid)),
      voorkeursDigitaalAdres: this.fkOrNull('digitaleadressen', row.voorkeurs_digitaal_adres_uuid),
      vertegenwoordigden: vertegenwoordigden.map((v) => this.fk('partijen', v.uuid)),
      rekeningnummers: rekeningnummers.map((r) => this.fk('rekeningnummers', r.uuid)),
      voorkeursRekeningnummer: this.fkOrNull('rekeningnummers', row.voorkeurs_rekeningnummer_uuid),
      partijIdentificatoren: await Promise.all(
        (await this.store.identificatorenVan(row.uuid)).map((i) => this.partijIdentificator(i)),
      ),
      soortPartij: row.soort_partij,
      indicatieGeheimhouding: row.indicatie_geheimhouding === null ? null : row.indicatie_geheimhouding === 1,
      voorkeurstaal: row.voorkeurstaal,
      indicatieActief: row.indicatie_actief === 1,
      bezoekadres: parse(row.bezoekadres_json),
      correspondentieadres: parse(row.correspondentieadres_json),
      partijIdentificatie: await this.partijIdentificatie(row),
    };
    if (Object.keys(expand).length > 0) {
      const e: Json = {};
      if (expand.digitaleAdressen)
        e.digitaleAdressen = await Promise.all(adressen.map((d) => this.digitaalAdres(d)));
      if (expand.betrokkenen)
        e.betrokkenen = await Promise.all(betrokkenen.map((b) => this.betrokkene(b, expand.betrokkenen)));
      if (expand.categorieRelaties)
        e.categorieRelaties = await Promise.all(relaties.map((r) => this.categorieRelatie(r)));
      out._expand = e;
    }
    return out;
  }

  private async partijIdentificatie(row: PartijRow): Promise<Json> {
    const ident = JSON.parse(row.identificatie_json) as Json;
    if (row.soort_partij === 'organisatie') return { naam: (ident.naam as string | undefined) ?? '' };
    const contactnaam = (ident.contactnaam as Json | null | undefined) ?? null;
    const naam = volledigeNaam(contactnaam);
    if (row.soort_partij === 'persoon') return { contactnaam, volledigeNaam: naam };
    const werkteVoor = ident.werkteVoorPartij as { uuid: string } | null | undefined;
    return {
      uuid: ident.uuid,
      werkteVoorPartij: werkteVoor ? this.fk('partijen', werkteVoor.uuid) : null,
      contactnaam,
      volledigeNaam: naam,
    };
  }

  async partijIdentificator(row: PartijIdentificatorRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('partij-identificatoren', row.uuid),
      identificeerdePartij: this.fkOrNull('partijen', row.partij_uuid),
      anderePartijIdentificator: row.andere_partij_identificator,
      partijIdentificator: {
        codeObjecttype: row.code_objecttype,
        codeSoortObjectId: row.code_soort_object_id,
        objectId: row.object_id,
        codeRegister: row.code_register,
      },
      subIdentificatorVan: this.fkOrNull('partij-identificatoren', row.sub_identificator_van_uuid),
    };
  }

  // ---------------------------------------------------------------- digitaal adres
  async digitaalAdres(row: DigitaalAdresRow, expand: ExpandTree = {}): Promise<Json> {
    const out: Json = {
      uuid: row.uuid,
      url: this.url('digitaleadressen', row.uuid),
      verstrektDoorBetrokkene: this.fkOrNull('betrokkenen', row.betrokkene_uuid),
      verstrektDoorPartij: this.fkOrNull('partijen', row.partij_uuid),
      adres: row.adres,
      soortDigitaalAdres: row.soort_digitaal_adres,
      isStandaardAdres: row.is_standaard_adres === 1,
      omschrijving: row.omschrijving,
      ...(row.referentie !== '' ? { referentie: row.referentie } : {}),
      verificatieDatum: row.verificatie_datum,
    };
    if (Object.keys(expand).length > 0) {
      const e: Json = {};
      if (expand.verstrektDoorBetrokkene) {
        const b = row.betrokkene_uuid
          ? await this.store.get<BetrokkeneRow>('ki_betrokkenen', row.betrokkene_uuid)
          : undefined;
        e.verstrektDoorBetrokkene = b ? await this.betrokkene(b, expand.verstrektDoorBetrokkene) : null;
      }
      out._expand = e;
    }
    return out;
  }

  // ---------------------------------------------------------------- betrokkene
  async betrokkene(row: BetrokkeneRow, expand: ExpandTree = {}): Promise<Json> {
    const adressen = await this.store.digitaleAdressenVanBetrokkene(row.uuid);
    const contactnaam = parse<Json>(row.contactnaam_json);
    const out: Json = {
      uuid: row.uuid,
      url: this.url('betrokkenen', row.uuid),
      wasPartij: this.fkOrNull('partijen', row.partij_uuid),
      hadKlantcontact: this.fk('klantcontacten', row.klantcontact_uuid),
      digitaleAdressen: adressen.map((d) => this.fk('digitaleadressen', d.uuid)),
      bezoekadres: parse(row.bezoekadres_json),
      correspondentieadres: parse(row.correspondentieadres_json),
      contactnaam,
      volledigeNaam: volledigeNaam(contactnaam),
      rol: row.rol,
      organisatienaam: row.organisatienaam,
      initiator: row.initiator === 1,
    };
    if (Object.keys(expand).length > 0) {
      const e: Json = {};
      if (expand.digitaleAdressen)
        e.digitaleAdressen = await Promise.all(adressen.map((d) => this.digitaalAdres(d)));
      if (expand.wasPartij) {
        const p = row.partij_uuid
          ? await this.store.get<PartijRow>('ki_partijen', row.partij_uuid)
          : undefined;
        e.wasPartij = p ? await this.partij(p, expand.wasPartij) : null;
      }
      if (expand.hadKlantcontact) {
        const k = await this.store.mustGet<KlantcontactRow>(
          'ki_klantcontacten',
          row.klantcontact_uuid,
          'Klantcontact',
        );
        e.hadKlantcontact = await this.klantcontact(k, expand.hadKlantcontact);
      }
      out._expand = e;
    }
    return out;
  }

  // ---------------------------------------------------------------- klantcontact
  async klantcontact(row: KlantcontactRow, expand: ExpandTree = {}): Promise<Json> {
    const onderwerpobjecten = await this.store.onderwerpobjectenVanKlantcontact(row.uuid);
    const betrokkenen = await this.store.betrokkenenVanKlantcontact(row.uuid);
    const taken = await this.store.interneTakenVanKlantcontact(row.uuid);
    const bijlagen = await this.store.bijlagenVanKlantcontact(row.uuid);
    const out: Json = {
      uuid: row.uuid,
      url: this.url('klantcontacten', row.uuid),
      gingOverOnderwerpobjecten: onderwerpobjecten.map((o) => this.fk('onderwerpobjecten', o.uuid)),
      hadBetrokkenActoren: await Promise.all(
        (await this.store.actorenVanKlantcontact(row.uuid)).map((a) => this.actor(a)),
      ),
      omvatteBijlagen: bijlagen.map((b) => this.fk('bijlagen', b.uuid)),
      hadBetrokkenen: betrokkenen.map((b) => this.fk('betrokkenen', b.uuid)),
      leiddeTotInterneTaken: taken.map((t) => this.fk('internetaken', t.uuid)),
      nummer: row.nummer,
      referentienummer: row.referentienummer,
      kanaal: row.kanaal,
      onderwerp: row.onderwerp,
      inhoud: row.inhoud,
      reactie: row.reactie,
      indicatieContactGelukt:
        row.indicatie_contact_gelukt === null ? null : row.indicatie_contact_gelukt === 1,
      ...(row.hoofd_onderwerp_type !== '' ? { hoofdOnderwerpType: row.hoofd_onderwerp_type } : {}),
      verdereActieOndernomen: row.verdere_actie_ondernomen === 1,
      taal: row.taal,
      vertrouwelijk: row.vertrouwelijk === 1,
      plaatsgevondenOp: row.plaatsgevonden_op,
      metadata: JSON.parse(row.metadata_json) as Record<string, string>,
    };
    if (Object.keys(expand).length > 0) {
      const e: Json = {};
      if (expand.hadBetrokkenen)
        e.hadBetrokkenen = await Promise.all(
          betrokkenen.map((b) => this.betrokkene(b, expand.hadBetrokkenen)),
        );
      if (expand.gingOverOnderwerpobjecten)
        e.gingOverOnderwerpobjecten = await Promise.all(
          onderwerpobjecten.map((o) => this.onderwerpobject(o)),
        );
      if (expand.leiddeTotInterneTaken)
        e.leiddeTotInterneTaken = await Promise.all(taken.map((t) => this.interneTaak(t)));
      if (expand.omvatteBijlagen) e.omvatteBijlagen = await Promise.all(bijlagen.map((b) => this.bijlage(b)));
      out._expand = e;
    }
    return out;
  }

  async onderwerpobject(row: OnderwerpobjectRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('onderwerpobjecten', row.uuid),
      klantcontact: this.fkOrNull('klantcontacten', row.klantcontact_uuid),
      wasKlantcontact: this.fkOrNull('klantcontacten', row.was_klantcontact_uuid),
      onderwerpobjectidentificator: parse(row.identificator_json),
    };
  }

  async bijlage(row: BijlageRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('bijlagen', row.uuid),
      wasBijlageVanKlantcontact: this.fkOrNull('klantcontacten', row.klantcontact_uuid),
      bijlageidentificator: parse(row.identificator_json),
    };
  }

  // ---------------------------------------------------------------- actor
  async actor(row: ActorRow): Promise<Json> {
    const identificatie = JSON.parse(row.identificatie_json) as Json;
    // Medewerker requires functie and telefoonnummer: without a known number we leave actorIdentificatie out.
    const includeIdentificatie =
      row.soort_actor === 'medewerker'
        ? typeof identificatie.functie === 'string' && typeof identificatie.telefoonnummer === 'string'
        : row.soort_actor === 'geautomatiseerde_actor'
          ? typeof identificatie.functie === 'string'
          : true;
    return {
      uuid: row.uuid,
      url: this.url('actoren', row.uuid),
      naam: row.naam,
      soortActor: row.soort_actor,
      indicatieActief: row.indicatie_actief === 1,
      actoridentificator: parse(row.actoridentificator_json),
      ...(includeIdentificatie ? { actorIdentificatie: identificatie } : {}),
    };
  }

  async actorKlantcontact(row: ActorKlantcontactRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('actorklantcontacten', row.uuid),
      actor: this.fk('actoren', row.actor_uuid),
      klantcontact: this.fk('klantcontacten', row.klantcontact_uuid),
    };
  }

  // ---------------------------------------------------------------- interne taak
  async interneTaak(row: InterneTaakRow): Promise<Json> {
    const actoren = (await this.store.toegewezenActoren(row.uuid)).map((a) => this.fk('actoren', a.uuid));
    return {
      uuid: row.uuid,
      url: this.url('internetaken', row.uuid),
      nummer: row.nummer,
      referentienummer: row.referentienummer,
      gevraagdeHandeling: row.gevraagde_handeling,
      aanleidinggevendKlantcontact: this.fk('klantcontacten', row.klantcontact_uuid),
      ...(actoren[0] ? { toegewezenAanActor: actoren[0] } : {}),
      toegewezenAanActoren: actoren,
      toelichting: row.toelichting,
      status: row.status,
      toegewezenOp: row.toegewezen_op,
      afgehandeldOp: row.afgehandeld_op,
    };
  }

  // ---------------------------------------------------------------- rekeningnummers, categorieën, vertegenwoordigingen
  async rekeningnummer(row: RekeningnummerRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('rekeningnummers', row.uuid),
      partij: this.fkOrNull('partijen', row.partij_uuid),
      iban: row.iban,
      ...(row.bic !== '' ? { bic: row.bic } : {}),
    };
  }

  async categorie(row: CategorieRow): Promise<Json> {
    return { uuid: row.uuid, url: this.url('categorieen', row.uuid), naam: row.naam };
  }

  private async categorieNaam(uuid: string | null): Promise<string | null> {
    if (uuid === null) return null;
    return (await this.store.get<CategorieRow>('ki_categorieen', uuid))?.naam ?? null;
  }

  private async categorieRelatieFk(row: CategorieRelatieRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('categorie-relaties', row.uuid),
      categorieNaam: await this.categorieNaam(row.categorie_uuid),
      beginDatum: row.begin_datum,
      eindDatum: row.eind_datum,
    };
  }

  async categorieRelatie(row: CategorieRelatieRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('categorie-relaties', row.uuid),
      partij: this.fkOrNull('partijen', row.partij_uuid),
      categorie:
        row.categorie_uuid === null
          ? null
          : {
              ...this.fk('categorieen', row.categorie_uuid),
              naam: (await this.categorieNaam(row.categorie_uuid)) ?? '',
            },
      beginDatum: row.begin_datum,
      eindDatum: row.eind_datum,
    };
  }

  async vertegenwoordiging(row: VertegenwoordigingRow): Promise<Json> {
    return {
      uuid: row.uuid,
      url: this.url('vertegenwoordigingen', row.uuid),
      vertegenwoordigendePartij: this.fk('partijen', row.vertegenwoordigende_partij_uuid),
      vertegenwoordigdePartij: this.fk('partijen', row.vertegenwoordigde_partij_uuid),
    };
  }
}
