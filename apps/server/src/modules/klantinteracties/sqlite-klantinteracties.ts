import type { Afdeling, ContactFrom, Gespreksresultaat } from '@kcc/contracts/domain';
import type {
  InterneTaakView,
  KlantcontactView,
  PartijView,
  RegistrationResponse,
} from '@kcc/contracts/rest';
import type { NestedPartijIdentificator } from './api-schemas';
import { KiValidationError } from './errors';
import { canonicalPhone } from './phone';
import type { KlantinteractiesSerializer } from './serializers';
import type {
  ActorRow,
  DigitaalAdresRow,
  InterneTaakRow,
  KlantcontactRow,
  KlantinteractiesStore,
  PartijIdentificatorRow,
  PartijRow,
} from './store';
import {
  bsnIdentificator,
  RegistrationError,
  transcriptBijlage,
  type ActorRef,
  type InterneTaakRecord,
  type KlantinteractiesPort,
  type MedewerkerRef,
  type RecognitionResult,
  type RegisterInput,
} from './ports';

/** How a KCC medewerker is identified as an Actor (actoridentificator). */
export const MEDEWERKER_IDENTIFICATOR = {
  codeObjecttype: 'mdw',
  codeRegister: 'handmatig',
  codeSoortObjectId: 'gebruikersnaam',
} as const;
export const MEDEWERKER_FUNCTIE = 'KCC-medewerker';

/** The zaak a klantcontact was about, as an onderwerpobjectidentificator (the codes Open Klant's CloudEvents use). */
export const zaakOnderwerpobject = (zaakUuid: string) => ({
  codeObjecttype: 'zaak',
  codeRegister: 'open-zaak',
  codeSoortObjectId: 'uuid',
  objectId: zaakUuid,
});

type NieuwePersoon = Parameters<KlantinteractiesPort['createPersoon']>[0];

/** KlantinteractiesPort on the embedded SQLite store. */
export class SqliteKlantinteracties implements KlantinteractiesPort {
  constructor(
    private readonly store: KlantinteractiesStore,
    private readonly serializer: KlantinteractiesSerializer,
  ) {}

  private get sql() {
    return this.store.sql;
  }

  // ---------------------------------------------------------------- views
  async partijView(row: PartijRow): Promise<PartijView> {
    const ids = await this.store.identificatorenVan(row.uuid);
    const bsn = ids.find((i) => i.code_soort_object_id === 'bsn')?.object_id;
    const kvk = ids.find((i) => i.code_soort_object_id === 'kvk_nummer')?.object_id;
    return {
      uuid: row.uuid,
      soortPartij: row.soort_partij,
      naam: row.naam,
      ...(bsn ? { bsn } : {}),
      ...(kvk ? { kvkNummer: kvk } : {}),
      digitaleAdressen: (await this.store.digitaleAdressenVanPartij(row.uuid)).map((d) => ({
        uuid: d.uuid,
        soortDigitaalAdres: d.soort_digitaal_adres,
        adres: d.adres,
        isStandaardAdres: d.is_standaard_adres === 1,
      })),
    };
  }

  private async klantcontactView(row: KlantcontactRow): Promise<KlantcontactView> {
    const gr = row.gespreksresultaat_code
      ? await this.store.gespreksresultaat(row.gespreksresultaat_code)
      : undefined;
    const medewerker = (await this.store.actorenVanKlantcontact(row.uuid)).find(
      (a) => a.soort_actor === 'medewerker',
    );
    return {
      uuid: row.uuid,
      kanaal: row.kanaal,
      onderwerp: row.onderwerp,
      inhoud: row.inhoud,
      ...(row.reactie ? { reactie: row.reactie } : {}),
      plaatsgevondenOp: row.plaatsgevonden_op,
      ...(gr
        ? { gespreksresultaat: gr.naam }
        : row.gespreksresultaat_code
          ? { gespreksresultaat: row.gespreksresultaat_code }
          : {}),
      ...(medewerker ? { medewerker: medewerker.naam } : {}),
      ...(row.kcc_contact_id !== null ? { kccContactId: row.kcc_contact_id } : {}),
    };
  }

  private async interneTaakView(row: InterneTaakRow): Promise<InterneTaakView> {
    const kc = await this.store.mustGet<KlantcontactRow>(
      'ki_klantcontacten',
      row.klantcontact_uuid,
      'Klantcontact',
    );
    const partij = (await this.sql
      .prepare(
        `SELECT p.uuid, p.naam FROM ki_betrokkenen b JOIN ki_partijen p ON p.uuid = b.partij_uuid
         WHERE b.klantcontact_uuid = ? ORDER BY b.seq LIMIT 1`,
      )
      .get(row.klantcontact_uuid)) as { uuid: string; naam: string } | undefined;
    return {
      uuid: row.uuid,
      gevraagdeHandeling: row.gevraagde_handeling,
      ...(row.toelichting ? { toelichting: row.toelichting } : {}),
      status: row.status,
      toegewezenOp: row.toegewezen_op,
      toegewezenAan: (await this.store.toegewezenActoren(row.uuid)).map((a) => a.naam),
      klantcontact: { uuid: kc.uuid, onderwerp: kc.onderwerp, kanaal: kc.kanaal },
      ...(partij ? { partij: { uuid: partij.uuid, naam: partij.naam } } : {}),
    };
  }

  // ---------------------------------------------------------------- klantherkenning
  async recognise(from: ContactFrom): Promise<RecognitionResult> {
    if (from.bsn) {
      const p = (await this.sql
        .prepare(
          `SELECT p.* FROM ki_partij_identificatoren pi JOIN ki_partijen p ON p.uuid = pi.partij_uuid
           WHERE pi.code_soort_object_id = 'bsn' AND pi.object_id = ? LIMIT 1`,
        )
        .get(from.bsn)) as PartijRow | undefined;
      if (p) return { herkenning: 'bsn', partij: await this.partijView(p), kandidaten: [] };
    }
    const phone = from.phone ? canonicalPhone(from.phone) : undefined;
    if (phone) {
      const found = await this.partijenByAdres('telefoonnummer', phone);
      if (found.length > 0) return await this.recognitionOf('telefoon', found);
    }
    if (from.email) {
      const found = await this.partijenByAdres('email', from.email.trim().toLowerCase());
      if (found.length > 0) return await this.recognitionOf('email', found);
    }
    return { herkenning: 'onbekend', kandidaten: [] };
  }

  /** One match → recognised; several partijen share the number or address → no partij, the agent picks a kandidaat. */
  private async recognitionOf(how: 'telefoon' | 'email', found: PartijRow[]): Promise<RecognitionResult> {
    const [only] = found;
    if (found.length === 1 && only)
      return { herkenning: how, partij: await this.partijView(only), kandidaten: [] };
    return { herkenning: 'onbekend', kandidaten: await Promise.all(found.map((p) => this.partijView(p))) };
  }

  private async partijenByAdres(soort: 'telefoonnummer' | 'email', match: string): Promise<PartijRow[]> {
    return (await this.sql
      .prepare(
        `SELECT DISTINCT p.* FROM ki_digitale_adressen d JOIN ki_partijen p ON p.uuid = d.partij_uuid
         WHERE d.soort_digitaal_adres = ? AND d.adres_match = ? ORDER BY p.indicatie_actief DESC, p.seq DESC`,
      )
      .all(soort, match)) as PartijRow[];
  }

  async getPartij(uuid: string): Promise<PartijView | undefined> {
    const row = await this.store.get<PartijRow>('ki_partijen', uuid);
    return row ? await this.partijView(row) : undefined;
  }

  async searchPartijen(query: string, limit: number): Promise<PartijView[]> {
    const q = query.trim();
    const max = Math.max(1, Math.min(Math.floor(limit) || 20, 100));
    if (q === '') return [];
    const rows = new Map<string, PartijRow>();
    const add = (list: PartijRow[]) => list.forEach((r) => rows.set(r.uuid, r));
    if (/^[0-9]{8,12}$/.test(q)) {
      add(
        (await this.sql
          .prepare(
            `SELECT p.* FROM ki_partij_identificatoren pi JOIN ki_partijen p ON p.uuid = pi.partij_uuid WHERE pi.object_id = ?`,
          )
          .all(q)) as PartijRow[],
      );
    }
    const phone = canonicalPhone(q);
    if (phone) add(await this.partijenByAdres('telefoonnummer', phone));
    if (q.includes('@')) add(await this.partijenByAdres('email', q.toLowerCase()));
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(
      (await this.sql
        .prepare(`SELECT * FROM ki_partijen WHERE naam_zoek LIKE ? ESCAPE '\\' ORDER BY naam, seq LIMIT ?`)
        .all(like, max)) as PartijRow[],
    );
    return Promise.all([...rows.values()].slice(0, max).map((r) => this.partijView(r)));
  }

  async createPersoon(input: NieuwePersoon): Promise<PartijView> {
    try {
      return await this.sql.tx(async () => {
        const identificatoren: NestedPartijIdentificator[] = input.bsn ? [bsnIdentificator(input.bsn)] : [];
        const partij = await this.store.createPartij({
          soortPartij: 'persoon',
          indicatieActief: true,
          voorkeurstaal: 'nld',
          partijIdentificatoren: identificatoren,
          partijIdentificatie: {
            soortPartij: 'persoon',
            identificatie: {
              contactnaam: {
                voornaam: input.voornaam,
                voorvoegselAchternaam: input.voorvoegselAchternaam,
                achternaam: input.achternaam,
              },
            },
          },
        });
        if (input.telefoonnummer) {
          const canonical = canonicalPhone(input.telefoonnummer);
          if (!canonical)
            throw KiValidationError.one('telefoonnummer', 'invalid', 'Dit telefoonnummer is niet geldig.');
          await this.store.createDigitaalAdres({
            adres: canonical,
            soortDigitaalAdres: 'telefoonnummer',
            verstrektDoorPartij: { uuid: partij.uuid },
            isStandaardAdres: true,
          });
        }
        if (input.email) {
          await this.store.createDigitaalAdres({
            adres: input.email,
            soortDigitaalAdres: 'email',
            verstrektDoorPartij: { uuid: partij.uuid },
            isStandaardAdres: true,
          });
        }
        return await this.partijView(partij);
      });
    } catch (e) {
      throw toRegistrationError(e, (name) => (name.startsWith('partijIdentificatoren') ? 'bsn' : name));
    }
  }

  async klantcontactenVan(partijUuid: string, limit: number): Promise<KlantcontactView[]> {
    const rows = (await this.sql
      .prepare(
        `SELECT k.* FROM ki_klantcontacten k WHERE EXISTS
           (SELECT 1 FROM ki_betrokkenen b WHERE b.klantcontact_uuid = k.uuid AND b.partij_uuid = ?)
         ORDER BY k.plaatsgevonden_ms DESC, k.seq DESC LIMIT ?`,
      )
      .all(partijUuid, Math.max(0, Math.floor(limit)))) as KlantcontactRow[];
    return await Promise.all(rows.map((r) => this.klantcontactView(r)));
  }

  async openInterneTakenVanPartij(partijUuid: string): Promise<InterneTaakView[]> {
    const rows = (await this.sql
      .prepare(
        `SELECT t.* FROM ki_interne_taken t WHERE t.status = 'te_verwerken' AND EXISTS
           (SELECT 1 FROM ki_betrokkenen b WHERE b.klantcontact_uuid = t.klantcontact_uuid AND b.partij_uuid = ?)
         ORDER BY t.seq DESC`,
      )
      .all(partijUuid)) as InterneTaakRow[];
    return await Promise.all(rows.map((r) => this.interneTaakView(r)));
  }

  // ---------------------------------------------------------------- working interne taken
  private async interneTaakRecord(row: InterneTaakRow): Promise<InterneTaakRecord> {
    const kc = await this.store.mustGet<KlantcontactRow>(
      'ki_klantcontacten',
      row.klantcontact_uuid,
      'Klantcontact',
    );
    const view = await this.interneTaakView(row);
    return {
      uuid: row.uuid,
      gevraagdeHandeling: row.gevraagde_handeling,
      toelichting: row.toelichting,
      status: row.status,
      toegewezenOp: row.toegewezen_op,
      ...(row.afgehandeld_op ? { afgehandeldOp: row.afgehandeld_op } : {}),
      actoren: (await this.store.toegewezenActoren(row.uuid)).map(actorRef),
      klantcontact: await this.klantcontactView(kc),
      ...(view.partij ? { partij: view.partij } : {}),
    };
  }

  async interneTaak(uuid: string): Promise<InterneTaakRecord | undefined> {
    const row = await this.store.get<InterneTaakRow>('ki_interne_taken', uuid);
    return row ? await this.interneTaakRecord(row) : undefined;
  }

  async openInterneTakenVanActoren(actorUuids: readonly string[]): Promise<InterneTaakRecord[]> {
    if (actorUuids.length === 0) return [];
    // Driven by the actor index (ki_interne_taak_actoren_actor_taak), status checked on ki_interne_taken_uuid_status.
    const rows = (await this.sql
      .prepare(
        `SELECT t.* FROM ki_interne_taken t WHERE t.status = 'te_verwerken' AND t.uuid IN
           (SELECT ta.interne_taak_uuid FROM ki_interne_taak_actoren ta
             WHERE ta.actor_uuid IN (${actorUuids.map(() => '?').join(', ')}))
         ORDER BY t.toegewezen_op, t.seq`,
      )
      .all(...actorUuids)) as InterneTaakRow[];
    return await Promise.all(rows.map((r) => this.interneTaakRecord(r)));
  }

  async medewerkerActor(medewerker: MedewerkerRef): Promise<ActorRef> {
    const { actorUuid } = await this.ensureMedewerker(medewerker);
    return actorRef(await this.store.mustGet<ActorRow>('ki_actoren', actorUuid, 'Actor'));
  }

  async wijsInterneTaakToe(uuid: string, medewerker: MedewerkerRef): Promise<InterneTaakRecord> {
    return await this.sql.tx(async () => {
      const mine = (await this.medewerkerActor(medewerker)).uuid;
      const eenheden = (await this.store.toegewezenActoren(uuid))
        .filter((a) => a.soort_actor !== 'medewerker')
        .map((a) => ({ uuid: a.uuid }));
      const row = await this.store.patchInterneTaak(uuid, {
        toegewezenAanActoren: [...eenheden, { uuid: mine }],
      });
      return await this.interneTaakRecord(row);
    });
  }

  async rondInterneTaakAf(uuid: string, at: Date): Promise<InterneTaakRecord> {
    const row = await this.store.patchInterneTaak(uuid, {
      status: 'verwerkt',
      afgehandeldOp: at.toISOString(),
    });
    return await this.interneTaakRecord(row);
  }

  // ---------------------------------------------------------------- medewerkers
  async ensureMedewerker(m: MedewerkerRef): Promise<{ actorUuid: string }> {
    return await this.sql.tx(async () => {
      const existing = await this.store.findActorByIdentificator({
        ...MEDEWERKER_IDENTIFICATOR,
        objectId: m.username,
      });
      if (existing) {
        if (existing.naam !== m.name && m.name.trim() !== '') {
          await this.sql
            .prepare('UPDATE ki_actoren SET naam = ? WHERE uuid = ?')
            .run(m.name.slice(0, 200), existing.uuid);
        }
        return { actorUuid: existing.uuid };
      }
      const actor = await this.store.createActor({
        naam: (m.name.trim() || m.username).slice(0, 200),
        soortActor: 'medewerker',
        indicatieActief: true,
        actoridentificator: { ...MEDEWERKER_IDENTIFICATOR, objectId: m.username.slice(0, 200) },
        actorIdentificatie: { functie: MEDEWERKER_FUNCTIE },
      });
      return { actorUuid: actor.uuid };
    });
  }

  // ---------------------------------------------------------------- registration
  async register(input: RegisterInput): Promise<RegistrationResponse> {
    const { request, contact, medewerker } = input;
    const gr = await this.store.gespreksresultaat(request.gespreksresultaat);
    if (!gr || gr.actief !== 1) {
      throw new RegistrationError(
        'gespreksresultaat',
        'does_not_exist',
        `Onbekend gespreksresultaat "${request.gespreksresultaat}".`,
      );
    }
    const partijUuid = request.partij?.uuid ?? contact.partijUuid;
    if (partijUuid && !(await this.store.get<PartijRow>('ki_partijen', partijUuid))) {
      throw new RegistrationError('partij.uuid', 'does_not_exist', 'Deze partij bestaat niet.');
    }
    const taakActor = request.interneTaak?.actor?.uuid;
    if (taakActor) {
      const actor = await this.store.get<ActorRow>('ki_actoren', taakActor);
      if (!actor)
        throw new RegistrationError(
          'interneTaak.actor.uuid',
          'does_not_exist',
          'Deze afdeling of collega bestaat niet.',
        );
      if (actor.indicatie_actief !== 1) {
        throw new RegistrationError(
          'interneTaak.actor.uuid',
          'inactive',
          'Deze afdeling of collega is niet actief.',
        );
      }
    }

    try {
      return await this.sql.tx(async (): Promise<RegistrationResponse> => {
        const { actorUuid } = await this.ensureMedewerker(medewerker);
        const kc = await this.store.createKlantcontact(
          {
            kanaal: request.kanaal ?? contact.channel,
            onderwerp: request.onderwerp,
            ...(input.hoofdOnderwerpType !== undefined
              ? { hoofdOnderwerpType: input.hoofdOnderwerpType }
              : {}),
            inhoud: request.inhoud ?? '',
            reactie: request.reactie ?? '',
            taal: 'nld',
            vertrouwelijk: false,
            indicatieContactGelukt: gr.contact_gelukt === 1,
            plaatsgevondenOp: input.at.toISOString(),
            metadata: {
              gespreksresultaat: gr.code,
              kccContactId: contact.id.slice(0, 255),
              ...(contact.identificatieniveau ? { identificatieniveau: contact.identificatieniveau } : {}),
            },
          },
          { gespreksresultaatCode: gr.code, kccContactId: contact.id },
        );
        await this.addBetrokkene(kc.uuid, partijUuid, contact.from);
        if (request.zaak) {
          await this.store.createOnderwerpobject({
            klantcontact: { uuid: kc.uuid },
            onderwerpobjectidentificator: zaakOnderwerpobject(request.zaak.uuid),
          });
        }
        await this.store.createActorKlantcontact({
          actor: { uuid: actorUuid },
          klantcontact: { uuid: kc.uuid },
        });
        const response: RegistrationResponse = {
          klantcontact: { uuid: kc.uuid, url: this.serializer.url('klantcontacten', kc.uuid) },
        };
        if (request.interneTaak) {
          const taak = await this.store.createInterneTaak({
            aanleidinggevendKlantcontact: { uuid: kc.uuid },
            gevraagdeHandeling: request.interneTaak.gevraagdeHandeling,
            toelichting: request.interneTaak.toelichting,
            status: 'te_verwerken',
            // Without an afdeling or colleague the task stays with the medewerker who registered it.
            toegewezenAanActoren: [{ uuid: taakActor ?? actorUuid }],
          });
          response.interneTaak = { uuid: taak.uuid, url: this.serializer.url('internetaken', taak.uuid) };
        }
        return response;
      });
    } catch (e) {
      throw toRegistrationError(e);
    }
  }

  async linkTranscript(klantcontactUuid: string, contactId: string): Promise<{ bijlageUuid: string }> {
    if (contactId.length > 200) {
      throw new RegistrationError('contactId', 'max_length', 'Een contact-id heeft hooguit 200 tekens.');
    }
    return await this.sql.tx(async () => {
      const ident = transcriptBijlage(contactId);
      const existing = await this.store.findBijlage(klantcontactUuid, ident);
      if (existing) return { bijlageUuid: existing.uuid };
      const created = await this.store.createBijlage({
        wasBijlageVanKlantcontact: { uuid: klantcontactUuid },
        bijlageidentificator: ident,
      });
      return { bijlageUuid: created.uuid };
    });
  }

  /** The resident as betrokkene: linked to the partij, or (anonymous caller) with the name and contact details the channel gave. */
  private async addBetrokkene(
    klantcontactUuid: string,
    partijUuid: string | undefined,
    from: ContactFrom,
  ): Promise<void> {
    if (partijUuid) {
      await this.store.createBetrokkene({
        hadKlantcontact: { uuid: klantcontactUuid },
        wasPartij: { uuid: partijUuid },
        rol: 'klant',
        initiator: true,
      });
      return;
    }
    const phone = from.phone ? canonicalPhone(from.phone) : undefined;
    if (!from.name && !phone && !from.email) return;
    const b = await this.store.createBetrokkene({
      hadKlantcontact: { uuid: klantcontactUuid },
      rol: 'klant',
      initiator: true,
      ...(from.name ? { contactnaam: { achternaam: from.name.slice(0, 200) } } : {}),
    });
    if (phone) {
      await this.store.createDigitaalAdres({
        adres: phone,
        soortDigitaalAdres: 'telefoonnummer',
        verstrektDoorBetrokkene: { uuid: b.uuid },
      });
    }
    if (from.email && from.email.length <= 80) {
      await this.store.createDigitaalAdres({
        adres: from.email,
        soortDigitaalAdres: 'email',
        verstrektDoorBetrokkene: { uuid: b.uuid },
      });
    }
  }

  async gespreksresultaten(): Promise<Gespreksresultaat[]> {
    return (await this.store.gespreksresultaten()).map((g) => ({
      code: g.code,
      naam: g.naam,
      actief: g.actief === 1,
    }));
  }

  async getActor(uuid: string): Promise<ActorRef | undefined> {
    const row = await this.store.get<ActorRow>('ki_actoren', uuid);
    return row ? actorRef(row) : undefined;
  }

  async afdelingen(): Promise<Afdeling[]> {
    const rows = (await this.sql
      .prepare(
        `SELECT * FROM ki_actoren WHERE soort_actor = 'organisatorische_eenheid' AND indicatie_actief = 1 ORDER BY naam, seq`,
      )
      .all()) as ActorRow[];
    return rows.map((r) => {
      const ident = JSON.parse(r.identificatie_json) as {
        omschrijving?: string;
        emailadres?: string;
        telefoonnummer?: string;
      };
      return {
        actorUuid: r.uuid,
        naam: r.naam,
        ...(ident.omschrijving ? { omschrijving: ident.omschrijving } : {}),
        ...(ident.emailadres ? { emailadres: ident.emailadres } : {}),
        ...(ident.telefoonnummer ? { telefoonnummer: ident.telefoonnummer } : {}),
      };
    });
  }

  /** Digitale adressen are exposed for tests and the demo seed. */
  async digitaleAdressen(partijUuid: string): Promise<DigitaalAdresRow[]> {
    return await this.store.digitaleAdressenVanPartij(partijUuid);
  }

  async identificatoren(partijUuid: string): Promise<PartijIdentificatorRow[]> {
    return await this.store.identificatorenVan(partijUuid);
  }
}

function actorRef(row: ActorRow): ActorRef {
  return {
    uuid: row.uuid,
    naam: row.naam,
    soortActor: row.soort_actor,
    ...(row.ai_object_id ? { objectId: row.ai_object_id } : {}),
  };
}

function toRegistrationError(e: unknown, rename: (name: string) => string = (n) => n): unknown {
  if (e instanceof KiValidationError) {
    const first = e.invalidParams[0];
    if (first) return new RegistrationError(rename(first.name), first.code, first.reason);
  }
  return e;
}
