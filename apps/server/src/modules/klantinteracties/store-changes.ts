import { randomUUID } from 'node:crypto';
import type {
  ActorPatch,
  CategorieInput,
  CategorieRelatieInput,
  DigitaalAdresInput,
  ForeignKey,
  PartijIdentificatorInput,
  PartijPatch,
  PatchedActorKlantcontactInput,
  PatchedBetrokkeneInput,
  PatchedDigitaalAdresInput,
  PatchedKlantcontactInput,
  PatchedPartijIdentificatorInput,
  PatchedVertegenwoordigingInput,
  RekeningnummerInput,
  OnderwerpobjectInput,
} from './api-schemas';
import { KiNotFoundError, KiValidationError } from './errors';
import {
  checkVerdereActie,
  compact,
  type ActorKlantcontactRow,
  type ActorRow,
  type BetrokkeneRow,
  type DigitaalAdresRow,
  type KlantcontactRow,
  type KlantinteractiesStore,
  type OnderwerpobjectRow,
  type PartijIdentificatorRow,
  type PartijRow,
  type TableName,
} from './store';

/** Rows of the resources Open Klant keeps and the embedded store did not have before API 0.9 in full. */
export interface RekeningnummerRow {
  seq: number;
  uuid: string;
  partij_uuid: string | null;
  iban: string;
  bic: string;
}
export interface CategorieRow {
  seq: number;
  uuid: string;
  naam: string;
}
export interface CategorieRelatieRow {
  seq: number;
  uuid: string;
  partij_uuid: string | null;
  categorie_uuid: string | null;
  begin_datum: string | null;
  eind_datum: string | null;
}
export interface VertegenwoordigingRow {
  seq: number;
  uuid: string;
  vertegenwoordigende_partij_uuid: string;
  vertegenwoordigde_partij_uuid: string;
}

const json = (value: object | null | undefined): string | null => {
  const c = compact(value);
  return c === null ? null : JSON.stringify(c);
};
const given = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
const flag = (value: boolean | null | undefined, current: number | null): number | null =>
  value === undefined ? current : value === null ? null : value ? 1 : 0;

/**
 * PUT, PATCH and DELETE of every resource, and the resources added for the full API (partij-identificatoren as
 * their own endpoint, rekeningnummers, categorieën, categorie-relaties, vertegenwoordigingen).
 *
 * As in Django REST framework, PUT and PATCH change only the fields that are sent (PUT's zod schema makes the
 * spec's write-required fields required); `null` clears a nullable field. Deletes cascade as Open Klant's
 * models do (`on_delete=CASCADE` / `SET_NULL`), except a partij-identificator another one is a sub of
 * (`PROTECT`), which is refused with 400.
 */
export class KlantinteractiesChanges {
  constructor(private readonly store: KlantinteractiesStore) {}

  private get sql() {
    return this.store.sql;
  }

  private async run(sql: string, ...params: unknown[]): Promise<number> {
    return (await this.sql.prepare(sql).run(...params)).changes;
  }

  private async must<T>(table: TableName, uuid: string, resource: string): Promise<T> {
    return await this.store.mustGet<T>(table, uuid, resource);
  }

  private async ref(
    table: TableName,
    fk: ForeignKey | null | undefined,
    field: string,
  ): Promise<string | null | undefined> {
    if (fk === undefined) return undefined;
    if (fk === null) return null;
    await this.store.requireRef(table, fk.uuid, `${field}.uuid`);
    return fk.uuid;
  }

  private async remove(table: TableName, uuid: string, resource: string): Promise<void> {
    if ((await this.run(`DELETE FROM ${table} WHERE uuid = ?`, uuid)) === 0)
      throw new KiNotFoundError(resource);
  }

  // ---------------------------------------------------------------- partijen
  async updatePartij(uuid: string, patch: PartijPatch): Promise<PartijRow> {
    return this.sql.tx(async () => {
      const row = await this.must<PartijRow>('ki_partijen', uuid, 'Partij');
      if (
        patch.soortPartij !== undefined &&
        patch.soortPartij !== row.soort_partij &&
        !patch.partijIdentificatie
      ) {
        throw KiValidationError.one(
          'partijIdentificatie',
          'required',
          'Geef partijIdentificatie mee als soortPartij verandert.',
        );
      }
      let naam = row.naam;
      let identificatie = row.identificatie_json;
      if (patch.partijIdentificatie) {
        const c = await this.store.partijIdentificatieColumns(patch.partijIdentificatie, row);
        naam = c.naam;
        identificatie = JSON.stringify(c.identificatie);
      }
      if (patch.nummer !== undefined) await this.store.requireFreeNummer(patch.nummer, uuid);
      await this.run(
        `UPDATE ki_partijen SET nummer = ?, soort_partij = ?, indicatie_actief = ?, indicatie_geheimhouding = ?,
           voorkeurstaal = ?, interne_notitie = ?, identificatie_json = ?, bezoekadres_json = ?,
           correspondentieadres_json = ?, naam = ?, naam_zoek = ? WHERE uuid = ?`,
        given(patch.nummer, row.nummer),
        patch.soortPartij ?? row.soort_partij,
        flag(patch.indicatieActief, row.indicatie_actief),
        flag(patch.indicatieGeheimhouding, row.indicatie_geheimhouding),
        patch.voorkeurstaal ?? row.voorkeurstaal,
        patch.interneNotitie ?? row.interne_notitie,
        identificatie,
        patch.bezoekadres === undefined ? row.bezoekadres_json : json(patch.bezoekadres),
        patch.correspondentieadres === undefined
          ? row.correspondentieadres_json
          : json(patch.correspondentieadres),
        naam,
        naam.toLowerCase(),
        uuid,
      );
      if (patch.partijIdentificatoren !== undefined && patch.partijIdentificatoren !== null) {
        await this.replaceIdentificatoren(uuid, patch.partijIdentificatoren);
      }
      await this.store.linkToPartij(uuid, patch);
      return await this.must<PartijRow>('ki_partijen', uuid, 'Partij');
    });
  }

  /** The nested list becomes the partij's identificatoren: ones with a known uuid are kept and rewritten. */
  private async replaceIdentificatoren(
    partij: string,
    list: NonNullable<PartijPatch['partijIdentificatoren']>,
  ): Promise<void> {
    const keep = new Set(list.map((i) => i.uuid).filter((u) => u !== undefined));
    for (const existing of await this.store.identificatorenVan(partij)) {
      if (!keep.has(existing.uuid)) await this.deleteIdentificatorRow(existing.uuid);
    }
    for (const u of keep)
      await this.run('DELETE FROM ki_partij_identificatoren WHERE uuid = ? AND partij_uuid = ?', u, partij);
    await this.store.addIdentificatoren(partij, list);
  }

  async deletePartij(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must<PartijRow>('ki_partijen', uuid, 'Partij');
      for (const b of await this.store.betrokkenenVanPartij(uuid)) await this.deleteBetrokkeneRow(b.uuid);
      await this.run(
        'UPDATE ki_partijen SET voorkeurs_digitaal_adres_uuid = NULL, voorkeurs_rekeningnummer_uuid = NULL WHERE uuid = ?',
        uuid,
      );
      for (const d of await this.store.digitaleAdressenVanPartij(uuid))
        await this.deleteDigitaalAdresRow(d.uuid);
      for (const i of await this.store.identificatorenVan(uuid)) await this.deleteIdentificatorRow(i.uuid);
      await this.run('DELETE FROM ki_rekeningnummers WHERE partij_uuid = ?', uuid);
      await this.run('DELETE FROM ki_categorie_relaties WHERE partij_uuid = ?', uuid);
      await this.run(
        'DELETE FROM ki_vertegenwoordigingen WHERE vertegenwoordigende_partij_uuid = ? OR vertegenwoordigde_partij_uuid = ?',
        uuid,
        uuid,
      );
      // A contactpersoon's link to the organisatie goes with it (Open Klant deletes the Contactpersoon record).
      // Read and written as text, so both stores keep the JSON exactly as the other writes do.
      const contactpersonen = (await this.sql
        .prepare("SELECT uuid, identificatie_json FROM ki_partijen WHERE soort_partij = 'contactpersoon'")
        .all()) as { uuid: string; identificatie_json: string }[];
      for (const p of contactpersonen) {
        const ident = JSON.parse(p.identificatie_json) as { werkteVoorPartij?: { uuid?: string } | null };
        if (ident.werkteVoorPartij?.uuid !== uuid) continue;
        ident.werkteVoorPartij = null;
        await this.run(
          'UPDATE ki_partijen SET identificatie_json = ? WHERE uuid = ?',
          JSON.stringify(ident),
          p.uuid,
        );
      }
      await this.remove('ki_partijen', uuid, 'Partij');
    });
  }

  // ---------------------------------------------------------------- partij-identificatoren
  async createIdentificator(input: PartijIdentificatorInput): Promise<PartijIdentificatorRow> {
    return this.sql.tx(async () => {
      const partij =
        (await this.ref('ki_partijen', input.identificeerdePartij, 'identificeerdePartij')) ?? null;
      const uuid =
        input.uuid && !(await this.store.get('ki_partij_identificatoren', input.uuid))
          ? input.uuid
          : randomUUID();
      await this.writeIdentificator(uuid, partij, input, undefined);
      return await this.must<PartijIdentificatorRow>(
        'ki_partij_identificatoren',
        uuid,
        'Partij-identificator',
      );
    });
  }

  async updateIdentificator(
    uuid: string,
    patch: PatchedPartijIdentificatorInput,
  ): Promise<PartijIdentificatorRow> {
    return this.sql.tx(async () => {
      const row = await this.must<PartijIdentificatorRow>(
        'ki_partij_identificatoren',
        uuid,
        'Partij-identificator',
      );
      const partij = given(
        await this.ref('ki_partijen', patch.identificeerdePartij, 'identificeerdePartij'),
        row.partij_uuid,
      );
      const merged: PartijIdentificatorInput = {
        partijIdentificator: patch.partijIdentificator ?? {
          codeObjecttype:
            row.code_objecttype as PartijIdentificatorInput['partijIdentificator']['codeObjecttype'],
          codeSoortObjectId:
            row.code_soort_object_id as PartijIdentificatorInput['partijIdentificator']['codeSoortObjectId'],
          objectId: row.object_id,
          codeRegister: row.code_register as PartijIdentificatorInput['partijIdentificator']['codeRegister'],
        },
        anderePartijIdentificator: patch.anderePartijIdentificator ?? row.andere_partij_identificator,
        subIdentificatorVan:
          patch.subIdentificatorVan !== undefined
            ? patch.subIdentificatorVan
            : row.sub_identificator_van_uuid
              ? { uuid: row.sub_identificator_van_uuid }
              : null,
      };
      await this.writeIdentificator(uuid, partij, merged, row);
      return await this.must<PartijIdentificatorRow>(
        'ki_partij_identificatoren',
        uuid,
        'Partij-identificator',
      );
    });
  }

  /** Validated as a nested identificator is (types, 11-proef, vestiging under a KvK-nummer, uniqueness). */
  private async writeIdentificator(
    uuid: string,
    partij: string | null,
    input: PartijIdentificatorInput,
    existing: PartijIdentificatorRow | undefined,
  ): Promise<void> {
    if (existing) await this.run('DELETE FROM ki_partij_identificatoren WHERE uuid = ?', uuid);
    await this.store.addIdentificatoren(partij, [{ ...input, uuid, identificeerdePartij: undefined }], '');
    if (existing) {
      // Keep the creation order of the identificator being rewritten.
      await this.run('UPDATE ki_partij_identificatoren SET seq = ? WHERE uuid = ?', existing.seq, uuid);
    }
  }

  async deleteIdentificator(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must<PartijIdentificatorRow>('ki_partij_identificatoren', uuid, 'Partij-identificator');
      await this.deleteIdentificatorRow(uuid);
    });
  }

  private async deleteIdentificatorRow(uuid: string): Promise<void> {
    const sub = await this.sql
      .prepare('SELECT 1 FROM ki_partij_identificatoren WHERE sub_identificator_van_uuid = ?')
      .get(uuid);
    if (sub) {
      throw KiValidationError.one(
        'nonFieldErrors',
        'protected',
        'Deze partij-identificator kan niet worden verwijderd: een andere identificator is er een sub van.',
      );
    }
    await this.run('DELETE FROM ki_partij_identificatoren WHERE uuid = ?', uuid);
  }

  // ---------------------------------------------------------------- digitale adressen
  async updateDigitaalAdres(uuid: string, patch: PatchedDigitaalAdresInput): Promise<DigitaalAdresRow> {
    return this.sql.tx(async () => {
      const row = await this.must<DigitaalAdresRow>('ki_digitale_adressen', uuid, 'Digitaal adres');
      const fk = (u: string | null) => (u === null ? null : { uuid: u });
      const merged: DigitaalAdresInput = {
        adres: patch.adres ?? row.adres,
        soortDigitaalAdres: patch.soortDigitaalAdres ?? row.soort_digitaal_adres,
        verstrektDoorPartij: given(patch.verstrektDoorPartij, fk(row.partij_uuid)),
        verstrektDoorBetrokkene: given(patch.verstrektDoorBetrokkene, fk(row.betrokkene_uuid)),
        isStandaardAdres: patch.isStandaardAdres ?? row.is_standaard_adres === 1,
        omschrijving: patch.omschrijving ?? row.omschrijving,
        referentie: patch.referentie ?? row.referentie,
        verificatieDatum: given(patch.verificatieDatum, row.verificatie_datum),
      };
      const { adres, match } = await this.store.digitaalAdresColumns(merged, uuid);
      await this.run(
        `UPDATE ki_digitale_adressen SET partij_uuid = ?, betrokkene_uuid = ?, soort_digitaal_adres = ?, adres = ?,
           adres_match = ?, is_standaard_adres = ?, omschrijving = ?, referentie = ?, verificatie_datum = ? WHERE uuid = ?`,
        merged.verstrektDoorPartij?.uuid ?? null,
        merged.verstrektDoorBetrokkene?.uuid ?? null,
        merged.soortDigitaalAdres,
        adres,
        match,
        merged.isStandaardAdres ? 1 : 0,
        merged.omschrijving ?? '',
        merged.referentie ?? '',
        merged.verificatieDatum ?? null,
        uuid,
      );
      if (row.partij_uuid && row.partij_uuid !== merged.verstrektDoorPartij?.uuid) {
        await this.run(
          'UPDATE ki_partijen SET voorkeurs_digitaal_adres_uuid = NULL WHERE voorkeurs_digitaal_adres_uuid = ?',
          uuid,
        );
      }
      return await this.must<DigitaalAdresRow>('ki_digitale_adressen', uuid, 'Digitaal adres');
    });
  }

  async deleteDigitaalAdres(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must<DigitaalAdresRow>('ki_digitale_adressen', uuid, 'Digitaal adres');
      await this.deleteDigitaalAdresRow(uuid);
    });
  }

  private async deleteDigitaalAdresRow(uuid: string): Promise<void> {
    await this.run(
      'UPDATE ki_partijen SET voorkeurs_digitaal_adres_uuid = NULL WHERE voorkeurs_digitaal_adres_uuid = ?',
      uuid,
    );
    await this.run('DELETE FROM ki_digitale_adressen WHERE uuid = ?', uuid);
  }

  // ---------------------------------------------------------------- klantcontacten
  async updateKlantcontact(uuid: string, patch: PatchedKlantcontactInput): Promise<KlantcontactRow> {
    return this.sql.tx(async () => {
      const row = await this.must<KlantcontactRow>('ki_klantcontacten', uuid, 'Klantcontact');
      const gelukt = flag(patch.indicatieContactGelukt, row.indicatie_contact_gelukt);
      const verder = flag(patch.verdereActieOndernomen, row.verdere_actie_ondernomen);
      checkVerdereActie({ verdereActieOndernomen: verder === 1, indicatieContactGelukt: gelukt === 1 });
      const at = patch.plaatsgevondenOp ? new Date(patch.plaatsgevondenOp) : undefined;
      await this.run(
        `UPDATE ki_klantcontacten SET nummer = ?, referentienummer = ?, kanaal = ?, onderwerp = ?, inhoud = ?, reactie = ?,
           indicatie_contact_gelukt = ?, hoofd_onderwerp_type = ?, verdere_actie_ondernomen = ?, taal = ?, vertrouwelijk = ?,
           plaatsgevonden_op = ?, plaatsgevonden_ms = ?, metadata_json = ? WHERE uuid = ?`,
        given(patch.nummer, row.nummer),
        given(patch.referentienummer, row.referentienummer),
        patch.kanaal ?? row.kanaal,
        patch.onderwerp ?? row.onderwerp,
        patch.inhoud ?? row.inhoud,
        patch.reactie ?? row.reactie,
        gelukt,
        patch.hoofdOnderwerpType ?? row.hoofd_onderwerp_type,
        verder,
        patch.taal ?? row.taal,
        flag(patch.vertrouwelijk, row.vertrouwelijk),
        at ? at.toISOString() : row.plaatsgevonden_op,
        at ? at.getTime() : row.plaatsgevonden_ms,
        patch.metadata ? JSON.stringify(patch.metadata) : row.metadata_json,
        uuid,
      );
      return await this.must<KlantcontactRow>('ki_klantcontacten', uuid, 'Klantcontact');
    });
  }

  async deleteKlantcontact(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must<KlantcontactRow>('ki_klantcontacten', uuid, 'Klantcontact');
      await this.deleteKlantcontactRow(uuid);
    });
  }

  private async deleteKlantcontactRow(uuid: string): Promise<void> {
    for (const b of await this.store.betrokkenenVanKlantcontact(uuid)) await this.deleteBetrokkeneRow(b.uuid);
    await this.run(
      'DELETE FROM ki_onderwerpobjecten WHERE klantcontact_uuid = ? OR was_klantcontact_uuid = ?',
      uuid,
      uuid,
    );
    await this.run('DELETE FROM ki_bijlagen WHERE klantcontact_uuid = ?', uuid);
    await this.run(
      'DELETE FROM ki_interne_taak_actoren WHERE interne_taak_uuid IN (SELECT uuid FROM ki_interne_taken WHERE klantcontact_uuid = ?)',
      uuid,
    );
    await this.run('DELETE FROM ki_interne_taken WHERE klantcontact_uuid = ?', uuid);
    await this.run('DELETE FROM ki_actorklantcontacten WHERE klantcontact_uuid = ?', uuid);
    await this.run('DELETE FROM ki_klantcontacten WHERE uuid = ?', uuid);
  }

  // ---------------------------------------------------------------- betrokkenen
  async updateBetrokkene(uuid: string, patch: PatchedBetrokkeneInput): Promise<BetrokkeneRow> {
    return this.sql.tx(async () => {
      const row = await this.must<BetrokkeneRow>('ki_betrokkenen', uuid, 'Betrokkene');
      const kc = await this.ref('ki_klantcontacten', patch.hadKlantcontact, 'hadKlantcontact');
      const partij = await this.ref('ki_partijen', patch.wasPartij, 'wasPartij');
      await this.run(
        `UPDATE ki_betrokkenen SET klantcontact_uuid = ?, partij_uuid = ?, rol = ?, initiator = ?, organisatienaam = ?,
           contactnaam_json = ?, bezoekadres_json = ?, correspondentieadres_json = ? WHERE uuid = ?`,
        kc ?? row.klantcontact_uuid,
        given(partij, row.partij_uuid),
        patch.rol ?? row.rol,
        flag(patch.initiator, row.initiator),
        patch.organisatienaam ?? row.organisatienaam,
        patch.contactnaam === undefined ? row.contactnaam_json : json(patch.contactnaam),
        patch.bezoekadres === undefined ? row.bezoekadres_json : json(patch.bezoekadres),
        patch.correspondentieadres === undefined
          ? row.correspondentieadres_json
          : json(patch.correspondentieadres),
        uuid,
      );
      return await this.must<BetrokkeneRow>('ki_betrokkenen', uuid, 'Betrokkene');
    });
  }

  async deleteBetrokkene(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must<BetrokkeneRow>('ki_betrokkenen', uuid, 'Betrokkene');
      await this.deleteBetrokkeneRow(uuid);
    });
  }

  private async deleteBetrokkeneRow(uuid: string): Promise<void> {
    await this.run('UPDATE ki_digitale_adressen SET betrokkene_uuid = NULL WHERE betrokkene_uuid = ?', uuid);
    await this.run('DELETE FROM ki_betrokkenen WHERE uuid = ?', uuid);
  }

  // ---------------------------------------------------------------- onderwerpobjecten
  async updateOnderwerpobject(uuid: string, patch: OnderwerpobjectInput): Promise<OnderwerpobjectRow> {
    return this.sql.tx(async () => {
      const row = await this.must<OnderwerpobjectRow>('ki_onderwerpobjecten', uuid, 'Onderwerpobject');
      const kc = await this.ref('ki_klantcontacten', patch.klantcontact, 'klantcontact');
      const was = await this.ref('ki_klantcontacten', patch.wasKlantcontact, 'wasKlantcontact');
      let ident = row.identificator_json === null ? null : (JSON.parse(row.identificator_json) as object);
      if (patch.onderwerpobjectidentificator !== undefined)
        ident = compact(patch.onderwerpobjectidentificator);
      const i = (ident ?? {}) as Record<string, string | undefined>;
      await this.run(
        `UPDATE ki_onderwerpobjecten SET klantcontact_uuid = ?, was_klantcontact_uuid = ?, identificator_json = ?,
           code_objecttype = ?, code_register = ?, code_soort_object_id = ?, object_id = ? WHERE uuid = ?`,
        given(kc, row.klantcontact_uuid),
        given(was, row.was_klantcontact_uuid),
        ident ? JSON.stringify(ident) : null,
        i.codeObjecttype ?? '',
        i.codeRegister ?? '',
        i.codeSoortObjectId ?? '',
        i.objectId ?? '',
        uuid,
      );
      return await this.must<OnderwerpobjectRow>('ki_onderwerpobjecten', uuid, 'Onderwerpobject');
    });
  }

  /**
   * Without cascade only the onderwerpobject goes. With cascade (Open Klant 2.18) its klantcontacten go too,
   * with the digitale adressen their betrokkenen gave without a partij, unless another onderwerpobject still
   * refers to them: those are returned as `behouden`.
   */
  async deleteOnderwerpobject(uuid: string, cascade: boolean): Promise<{ behouden: string[] }> {
    return this.sql.tx(async () => {
      const row = await this.must<OnderwerpobjectRow>('ki_onderwerpobjecten', uuid, 'Onderwerpobject');
      const behouden: string[] = [];
      if (cascade) {
        for (const kc of new Set([row.klantcontact_uuid, row.was_klantcontact_uuid])) {
          if (!kc) continue;
          const other = await this.sql
            .prepare(
              `SELECT 1 FROM ki_onderwerpobjecten WHERE (klantcontact_uuid = ? OR was_klantcontact_uuid = ?) AND uuid <> ?`,
            )
            .get(kc, kc, uuid);
          if (other) {
            behouden.push(kc);
            continue;
          }
          await this.run(
            `DELETE FROM ki_digitale_adressen WHERE partij_uuid IS NULL AND betrokkene_uuid IN
               (SELECT uuid FROM ki_betrokkenen WHERE klantcontact_uuid = ?)`,
            kc,
          );
          await this.deleteKlantcontactRow(kc);
        }
      }
      await this.run('DELETE FROM ki_onderwerpobjecten WHERE uuid = ?', uuid);
      return { behouden };
    });
  }

  // ---------------------------------------------------------------- actoren
  async updateActor(uuid: string, patch: ActorPatch): Promise<ActorRow> {
    return this.sql.tx(async () => {
      const row = await this.must<ActorRow>('ki_actoren', uuid, 'Actor');
      let ai =
        row.actoridentificator_json === null ? null : (JSON.parse(row.actoridentificator_json) as object);
      if (patch.actoridentificator !== undefined) ai = compact(patch.actoridentificator);
      const i = (ai ?? {}) as Record<string, string | undefined>;
      await this.run(
        `UPDATE ki_actoren SET naam = ?, soort_actor = ?, indicatie_actief = ?, actoridentificator_json = ?,
           ai_code_objecttype = ?, ai_code_register = ?, ai_code_soort_object_id = ?, ai_object_id = ?,
           identificatie_json = ? WHERE uuid = ?`,
        patch.naam ?? row.naam,
        patch.soortActor ?? row.soort_actor,
        flag(patch.indicatieActief, row.indicatie_actief),
        ai ? JSON.stringify(ai) : null,
        i.codeObjecttype ?? '',
        i.codeRegister ?? '',
        i.codeSoortObjectId ?? '',
        i.objectId ?? '',
        patch.actorIdentificatie !== undefined
          ? JSON.stringify(compact(patch.actorIdentificatie) ?? {})
          : patch.soortActor !== undefined && patch.soortActor !== row.soort_actor
            ? '{}'
            : row.identificatie_json,
        uuid,
      );
      return await this.must<ActorRow>('ki_actoren', uuid, 'Actor');
    });
  }

  async deleteActor(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must<ActorRow>('ki_actoren', uuid, 'Actor');
      await this.run('DELETE FROM ki_actorklantcontacten WHERE actor_uuid = ?', uuid);
      await this.run('DELETE FROM ki_interne_taak_actoren WHERE actor_uuid = ?', uuid);
      await this.remove('ki_actoren', uuid, 'Actor');
    });
  }

  async updateActorKlantcontact(
    uuid: string,
    patch: PatchedActorKlantcontactInput,
  ): Promise<ActorKlantcontactRow> {
    return this.sql.tx(async () => {
      const row = await this.must<ActorKlantcontactRow>('ki_actorklantcontacten', uuid, 'Actor klantcontact');
      const actor = (await this.ref('ki_actoren', patch.actor, 'actor')) ?? row.actor_uuid;
      const kc =
        (await this.ref('ki_klantcontacten', patch.klantcontact, 'klantcontact')) ?? row.klantcontact_uuid;
      const dup = await this.sql
        .prepare(
          'SELECT 1 FROM ki_actorklantcontacten WHERE actor_uuid = ? AND klantcontact_uuid = ? AND uuid <> ?',
        )
        .get(actor, kc, uuid);
      if (dup) {
        throw KiValidationError.one(
          'nonFieldErrors',
          'unique',
          'Deze actor is al gekoppeld aan dit klantcontact.',
        );
      }
      await this.run(
        'UPDATE ki_actorklantcontacten SET actor_uuid = ?, klantcontact_uuid = ? WHERE uuid = ?',
        actor,
        kc,
        uuid,
      );
      return await this.must<ActorKlantcontactRow>('ki_actorklantcontacten', uuid, 'Actor klantcontact');
    });
  }

  async deleteActorKlantcontact(uuid: string): Promise<void> {
    await this.remove('ki_actorklantcontacten', uuid, 'Actor klantcontact');
  }

  async deleteInterneTaak(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must('ki_interne_taken', uuid, 'Interne taak');
      await this.run('DELETE FROM ki_interne_taak_actoren WHERE interne_taak_uuid = ?', uuid);
      await this.remove('ki_interne_taken', uuid, 'Interne taak');
    });
  }

  // ---------------------------------------------------------------- rekeningnummers
  async saveRekeningnummer(
    uuid: string | undefined,
    input: Partial<RekeningnummerInput>,
  ): Promise<RekeningnummerRow> {
    return this.sql.tx(async () => {
      const row = uuid
        ? await this.must<RekeningnummerRow>('ki_rekeningnummers', uuid, 'Rekeningnummer')
        : undefined;
      const partij = given(await this.ref('ki_partijen', input.partij, 'partij'), row?.partij_uuid ?? null);
      const id = row?.uuid ?? randomUUID();
      if (row) {
        await this.run(
          'UPDATE ki_rekeningnummers SET partij_uuid = ?, iban = ?, bic = ? WHERE uuid = ?',
          partij,
          input.iban ?? row.iban,
          input.bic ?? row.bic,
          id,
        );
        if (row.partij_uuid && row.partij_uuid !== partij) {
          await this.run(
            'UPDATE ki_partijen SET voorkeurs_rekeningnummer_uuid = NULL WHERE voorkeurs_rekeningnummer_uuid = ?',
            id,
          );
        }
      } else {
        await this.run(
          'INSERT INTO ki_rekeningnummers (uuid, partij_uuid, iban, bic, created_at) VALUES (?, ?, ?, ?, ?)',
          id,
          partij,
          input.iban ?? '',
          input.bic ?? '',
          this.store.nowIso(),
        );
      }
      return await this.must<RekeningnummerRow>('ki_rekeningnummers', id, 'Rekeningnummer');
    });
  }

  async deleteRekeningnummer(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.run(
        'UPDATE ki_partijen SET voorkeurs_rekeningnummer_uuid = NULL WHERE voorkeurs_rekeningnummer_uuid = ?',
        uuid,
      );
      await this.remove('ki_rekeningnummers', uuid, 'Rekeningnummer');
    });
  }

  // ---------------------------------------------------------------- categorieën
  async saveCategorie(uuid: string | undefined, input: CategorieInput): Promise<CategorieRow> {
    return this.sql.tx(async () => {
      const row = uuid ? await this.must<CategorieRow>('ki_categorieen', uuid, 'Categorie') : undefined;
      const id = row?.uuid ?? randomUUID();
      if (row)
        await this.run('UPDATE ki_categorieen SET naam = ? WHERE uuid = ?', input.naam ?? row.naam, id);
      else {
        await this.run(
          'INSERT INTO ki_categorieen (uuid, naam, created_at) VALUES (?, ?, ?)',
          id,
          input.naam ?? '',
          this.store.nowIso(),
        );
      }
      return await this.must<CategorieRow>('ki_categorieen', id, 'Categorie');
    });
  }

  async deleteCategorie(uuid: string): Promise<void> {
    await this.sql.tx(async () => {
      await this.must('ki_categorieen', uuid, 'Categorie');
      await this.run('DELETE FROM ki_categorie_relaties WHERE categorie_uuid = ?', uuid);
      await this.remove('ki_categorieen', uuid, 'Categorie');
    });
  }

  async saveCategorieRelatie(
    uuid: string | undefined,
    input: CategorieRelatieInput,
  ): Promise<CategorieRelatieRow> {
    return this.sql.tx(async () => {
      const row = uuid
        ? await this.must<CategorieRelatieRow>('ki_categorie_relaties', uuid, 'Categorie-relatie')
        : undefined;
      const partij = given(await this.ref('ki_partijen', input.partij, 'partij'), row?.partij_uuid ?? null);
      const categorie = given(
        await this.ref('ki_categorieen', input.categorie, 'categorie'),
        row?.categorie_uuid ?? null,
      );
      const begin = given(input.beginDatum, row?.begin_datum ?? null);
      const eind = given(input.eindDatum, row?.eind_datum ?? null);
      if (begin && eind && eind < begin) {
        throw KiValidationError.one(
          'eindDatum',
          'invalid',
          'De einddatum mag niet voor de begindatum liggen.',
        );
      }
      const id = row?.uuid ?? randomUUID();
      if (row) {
        await this.run(
          'UPDATE ki_categorie_relaties SET partij_uuid = ?, categorie_uuid = ?, begin_datum = ?, eind_datum = ? WHERE uuid = ?',
          partij,
          categorie,
          begin,
          eind,
          id,
        );
      } else {
        await this.run(
          `INSERT INTO ki_categorie_relaties (uuid, partij_uuid, categorie_uuid, begin_datum, eind_datum, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
          id,
          partij,
          categorie,
          begin,
          eind,
          this.store.nowIso(),
        );
      }
      return await this.must<CategorieRelatieRow>('ki_categorie_relaties', id, 'Categorie-relatie');
    });
  }

  async deleteCategorieRelatie(uuid: string): Promise<void> {
    await this.remove('ki_categorie_relaties', uuid, 'Categorie-relatie');
  }

  // ---------------------------------------------------------------- vertegenwoordigingen
  async saveVertegenwoordiging(
    uuid: string | undefined,
    input: PatchedVertegenwoordigingInput,
  ): Promise<VertegenwoordigingRow> {
    return this.sql.tx(async () => {
      const row = uuid
        ? await this.must<VertegenwoordigingRow>('ki_vertegenwoordigingen', uuid, 'Vertegenwoordiging')
        : undefined;
      const door =
        (await this.ref('ki_partijen', input.vertegenwoordigendePartij, 'vertegenwoordigendePartij')) ??
        row?.vertegenwoordigende_partij_uuid;
      const voor =
        (await this.ref('ki_partijen', input.vertegenwoordigdePartij, 'vertegenwoordigdePartij')) ??
        row?.vertegenwoordigde_partij_uuid;
      if (!door || !voor)
        throw KiValidationError.one('vertegenwoordigdePartij', 'required', 'Dit veld is vereist.');
      if (door === voor) {
        throw KiValidationError.one(
          'vertegenwoordigdePartij',
          'invalid',
          'De partij kan niet zichzelf vertegenwoordigen.',
        );
      }
      const dup = await this.sql
        .prepare(
          `SELECT 1 FROM ki_vertegenwoordigingen WHERE vertegenwoordigende_partij_uuid = ? AND vertegenwoordigde_partij_uuid = ?
           AND uuid <> ?`,
        )
        .get(door, voor, uuid ?? '');
      if (dup) {
        throw KiValidationError.one(
          'nonFieldErrors',
          'unique',
          'De velden vertegenwoordigende_partij, vertegenwoordigde_partij moeten een unieke set zijn.',
        );
      }
      const id = row?.uuid ?? randomUUID();
      if (row) {
        await this.run(
          'UPDATE ki_vertegenwoordigingen SET vertegenwoordigende_partij_uuid = ?, vertegenwoordigde_partij_uuid = ? WHERE uuid = ?',
          door,
          voor,
          id,
        );
      } else {
        await this.run(
          `INSERT INTO ki_vertegenwoordigingen (uuid, vertegenwoordigende_partij_uuid, vertegenwoordigde_partij_uuid, created_at)
           VALUES (?, ?, ?, ?)`,
          id,
          door,
          voor,
          this.store.nowIso(),
        );
      }
      return await this.must<VertegenwoordigingRow>('ki_vertegenwoordigingen', id, 'Vertegenwoordiging');
    });
  }

  async deleteVertegenwoordiging(uuid: string): Promise<void> {
    await this.remove('ki_vertegenwoordigingen', uuid, 'Vertegenwoordiging');
  }
}
