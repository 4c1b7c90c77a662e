import type { Migration } from '../../store/migration';
import { GESPREKSRESULTATEN_SEED } from './gespreksresultaten';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The embedded Klantinteracties store (Open Klant 2.18.0 / API 0.9.0 resource model).
 * `seq` is the creation order (Open Klant's `-pk`); `uuid` is the public identity.
 * Timestamps are ISO 8601 strings in UTC; `plaatsgevonden_ms` exists for ordering.
 */
export const klantinteractiesMigrations: Migration[] = [
  {
    id: 'klantinteracties/001_init',
    sql: `
      CREATE TABLE ki_partijen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        soort_partij TEXT NOT NULL CHECK (soort_partij IN ('persoon', 'organisatie', 'contactpersoon')),
        indicatie_actief INTEGER NOT NULL,
        indicatie_geheimhouding INTEGER,
        voorkeurstaal TEXT NOT NULL DEFAULT '',
        interne_notitie TEXT NOT NULL DEFAULT '',
        -- partijIdentificatie as written (Persoon/Contactpersoon: {contactnaam, werkteVoorPartij?}, Organisatie: {naam})
        identificatie_json TEXT NOT NULL DEFAULT '{}',
        bezoekadres_json TEXT,
        correspondentieadres_json TEXT,
        voorkeurs_digitaal_adres_uuid TEXT,
        -- Display name (volledigeNaam or organisatie naam), and its lower-case form for searching
        naam TEXT NOT NULL DEFAULT '',
        naam_zoek TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_partijen_naam_zoek ON ki_partijen (naam_zoek);

      CREATE TABLE ki_partij_identificatoren (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        code_objecttype TEXT NOT NULL,
        code_soort_object_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        code_register TEXT NOT NULL,
        sub_identificator_van_uuid TEXT REFERENCES ki_partij_identificatoren (uuid),
        andere_partij_identificator TEXT NOT NULL DEFAULT ''
      );
      CREATE UNIQUE INDEX ki_partij_identificatoren_globaal ON ki_partij_identificatoren
        (code_objecttype, code_soort_object_id, object_id, code_register, COALESCE(sub_identificator_van_uuid, ''));
      CREATE UNIQUE INDEX ki_partij_identificatoren_lokaal ON ki_partij_identificatoren (partij_uuid, code_soort_object_id)
        WHERE partij_uuid IS NOT NULL;
      CREATE INDEX ki_partij_identificatoren_object ON ki_partij_identificatoren (code_soort_object_id, object_id);

      CREATE TABLE ki_klantcontacten (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        referentienummer TEXT,
        kanaal TEXT NOT NULL,
        onderwerp TEXT NOT NULL,
        inhoud TEXT NOT NULL DEFAULT '',
        reactie TEXT NOT NULL DEFAULT '',
        indicatie_contact_gelukt INTEGER,
        hoofd_onderwerp_type TEXT NOT NULL DEFAULT '',
        verdere_actie_ondernomen INTEGER NOT NULL DEFAULT 0,
        taal TEXT NOT NULL,
        vertrouwelijk INTEGER NOT NULL,
        plaatsgevonden_op TEXT NOT NULL,
        plaatsgevonden_ms INTEGER NOT NULL,
        metadata_json TEXT NOT NULL DEFAULT '{}',
        -- Not in Klantinteracties 0.9.0: also exposed as metadata.gespreksresultaat
        gespreksresultaat_code TEXT,
        kcc_contact_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_klantcontacten_order ON ki_klantcontacten (plaatsgevonden_ms DESC, seq DESC);
      CREATE INDEX ki_klantcontacten_kcc_contact ON ki_klantcontacten (kcc_contact_id);

      CREATE TABLE ki_betrokkenen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        klantcontact_uuid TEXT NOT NULL REFERENCES ki_klantcontacten (uuid),
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        rol TEXT NOT NULL CHECK (rol IN ('klant', 'vertegenwoordiger')),
        initiator INTEGER NOT NULL,
        organisatienaam TEXT NOT NULL DEFAULT '',
        contactnaam_json TEXT,
        bezoekadres_json TEXT,
        correspondentieadres_json TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_betrokkenen_klantcontact ON ki_betrokkenen (klantcontact_uuid);
      CREATE INDEX ki_betrokkenen_partij ON ki_betrokkenen (partij_uuid);

      CREATE TABLE ki_digitale_adressen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        betrokkene_uuid TEXT REFERENCES ki_betrokkenen (uuid),
        soort_digitaal_adres TEXT NOT NULL CHECK (soort_digitaal_adres IN ('email', 'telefoonnummer', 'overig')),
        adres TEXT NOT NULL,
        -- What klantherkenning matches on: canonical phone number, lower-case e-mail address
        adres_match TEXT NOT NULL,
        is_standaard_adres INTEGER NOT NULL DEFAULT 0,
        omschrijving TEXT NOT NULL DEFAULT '',
        referentie TEXT NOT NULL DEFAULT '',
        verificatie_datum TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_digitale_adressen_match ON ki_digitale_adressen (soort_digitaal_adres, adres_match);
      CREATE INDEX ki_digitale_adressen_partij ON ki_digitale_adressen (partij_uuid);
      CREATE INDEX ki_digitale_adressen_betrokkene ON ki_digitale_adressen (betrokkene_uuid);

      CREATE TABLE ki_onderwerpobjecten (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        klantcontact_uuid TEXT REFERENCES ki_klantcontacten (uuid),
        was_klantcontact_uuid TEXT REFERENCES ki_klantcontacten (uuid),
        identificator_json TEXT,
        code_objecttype TEXT NOT NULL DEFAULT '',
        code_register TEXT NOT NULL DEFAULT '',
        code_soort_object_id TEXT NOT NULL DEFAULT '',
        object_id TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_onderwerpobjecten_klantcontact ON ki_onderwerpobjecten (klantcontact_uuid);
      CREATE INDEX ki_onderwerpobjecten_object ON ki_onderwerpobjecten (object_id);

      CREATE TABLE ki_actoren (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        naam TEXT NOT NULL,
        soort_actor TEXT NOT NULL CHECK (soort_actor IN ('medewerker', 'geautomatiseerde_actor', 'organisatorische_eenheid')),
        indicatie_actief INTEGER NOT NULL DEFAULT 1,
        actoridentificator_json TEXT,
        ai_code_objecttype TEXT NOT NULL DEFAULT '',
        ai_code_register TEXT NOT NULL DEFAULT '',
        ai_code_soort_object_id TEXT NOT NULL DEFAULT '',
        ai_object_id TEXT NOT NULL DEFAULT '',
        -- actorIdentificatie (Medewerker / GeautomatiseerdeActor / OrganisatorischeEenheid)
        identificatie_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_actoren_identificator ON ki_actoren (ai_object_id, ai_code_objecttype);
      CREATE INDEX ki_actoren_soort ON ki_actoren (soort_actor);

      CREATE TABLE ki_actorklantcontacten (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        actor_uuid TEXT NOT NULL REFERENCES ki_actoren (uuid),
        klantcontact_uuid TEXT NOT NULL REFERENCES ki_klantcontacten (uuid),
        created_at TEXT NOT NULL,
        UNIQUE (actor_uuid, klantcontact_uuid)
      );
      CREATE INDEX ki_actorklantcontacten_klantcontact ON ki_actorklantcontacten (klantcontact_uuid);

      CREATE TABLE ki_interne_taken (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        referentienummer TEXT,
        gevraagde_handeling TEXT NOT NULL,
        klantcontact_uuid TEXT NOT NULL REFERENCES ki_klantcontacten (uuid),
        toelichting TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('te_verwerken', 'verwerkt')),
        toegewezen_op TEXT NOT NULL,
        afgehandeld_op TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_interne_taken_klantcontact ON ki_interne_taken (klantcontact_uuid);
      CREATE INDEX ki_interne_taken_status ON ki_interne_taken (status);

      CREATE TABLE ki_interne_taak_actoren (
        interne_taak_uuid TEXT NOT NULL REFERENCES ki_interne_taken (uuid),
        actor_uuid TEXT NOT NULL REFERENCES ki_actoren (uuid),
        position INTEGER NOT NULL,
        PRIMARY KEY (interne_taak_uuid, actor_uuid)
      );
      CREATE INDEX ki_interne_taak_actoren_actor ON ki_interne_taak_actoren (actor_uuid);

      -- Managed list; not part of Klantinteracties 0.9.0 (stored on the klantcontact and in its metadata)
      CREATE TABLE ki_gespreksresultaten (
        code TEXT PRIMARY KEY,
        naam TEXT NOT NULL,
        actief INTEGER NOT NULL DEFAULT 1,
        -- Whether the contact with the resident succeeded (Klantcontact.indicatieContactGelukt)
        contact_gelukt INTEGER NOT NULL DEFAULT 1,
        position INTEGER NOT NULL
      );
      ${GESPREKSRESULTATEN_SEED.map(
        (g, i) =>
          `INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES (${sqlString(g.code)}, ${sqlString(g.naam)}, 1, ${g.contactGelukt ? 1 : 0}, ${i + 1});`,
      ).join('\n      ')}
    `,
  },
  {
    id: 'klantinteracties/002_bijlagen',
    sql: `
      -- Bijlage: content of a klantcontact kept in another register (here: the KCC transcript of a chat,
      -- e-mail thread or web form). The identificator columns exist for the list filters.
      CREATE TABLE ki_bijlagen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        klantcontact_uuid TEXT REFERENCES ki_klantcontacten (uuid),
        identificator_json TEXT,
        code_objecttype TEXT NOT NULL DEFAULT '',
        code_register TEXT NOT NULL DEFAULT '',
        code_soort_object_id TEXT NOT NULL DEFAULT '',
        object_id TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_bijlagen_klantcontact ON ki_bijlagen (klantcontact_uuid);
      CREATE INDEX ki_bijlagen_object ON ki_bijlagen (object_id);
    `,
  },
  {
    id: 'klantinteracties/003_full_api',
    sql: `
      -- Deprecated nummer fields are kept as the client wrote them (Open Klant stores them; partij nummer is unique).
      ALTER TABLE ki_partijen ADD COLUMN nummer TEXT;
      CREATE UNIQUE INDEX ki_partijen_nummer ON ki_partijen (nummer) WHERE nummer IS NOT NULL;
      ALTER TABLE ki_partijen ADD COLUMN voorkeurs_rekeningnummer_uuid TEXT;
      ALTER TABLE ki_klantcontacten ADD COLUMN nummer TEXT;
      ALTER TABLE ki_interne_taken ADD COLUMN nummer TEXT;

      CREATE TABLE ki_rekeningnummers (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        iban TEXT NOT NULL,
        bic TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_rekeningnummers_partij ON ki_rekeningnummers (partij_uuid);

      CREATE TABLE ki_categorieen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        naam TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );

      CREATE TABLE ki_categorie_relaties (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        categorie_uuid TEXT REFERENCES ki_categorieen (uuid),
        begin_datum TEXT,
        eind_datum TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_categorie_relaties_partij ON ki_categorie_relaties (partij_uuid);
      CREATE INDEX ki_categorie_relaties_categorie ON ki_categorie_relaties (categorie_uuid);

      CREATE TABLE ki_vertegenwoordigingen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        vertegenwoordigende_partij_uuid TEXT NOT NULL REFERENCES ki_partijen (uuid),
        vertegenwoordigde_partij_uuid TEXT NOT NULL REFERENCES ki_partijen (uuid),
        created_at TEXT NOT NULL,
        UNIQUE (vertegenwoordigende_partij_uuid, vertegenwoordigde_partij_uuid)
      );
      CREATE INDEX ki_vertegenwoordigingen_vertegenwoordigde ON ki_vertegenwoordigingen (vertegenwoordigde_partij_uuid);

      -- What the list filters and cascading deletes look up.
      CREATE INDEX ki_partij_identificatoren_partij ON ki_partij_identificatoren (partij_uuid);
      CREATE INDEX ki_partij_identificatoren_sub ON ki_partij_identificatoren (sub_identificator_van_uuid);
      CREATE INDEX ki_onderwerpobjecten_was_klantcontact ON ki_onderwerpobjecten (was_klantcontact_uuid);
      CREATE INDEX ki_actorklantcontacten_actor ON ki_actorklantcontacten (actor_uuid);
      CREATE INDEX ki_klantcontacten_kanaal ON ki_klantcontacten (kanaal);
      CREATE INDEX ki_partijen_soort ON ki_partijen (soort_partij);
    `,
  },
  {
    id: 'klantinteracties/004_filter_indexes',
    sql: `
      -- The list filters look values up by these columns (see list-queries.ts and the klantinteracties bench).
      CREATE INDEX ki_partij_identificatoren_object_id ON ki_partij_identificatoren (object_id);
      CREATE INDEX ki_digitale_adressen_adres ON ki_digitale_adressen (adres);
      CREATE INDEX ki_klantcontacten_nummer ON ki_klantcontacten (nummer) WHERE nummer IS NOT NULL;
      CREATE INDEX ki_klantcontacten_referentienummer ON ki_klantcontacten (referentienummer)
        WHERE referentienummer IS NOT NULL;
      CREATE INDEX ki_interne_taken_referentienummer ON ki_interne_taken (referentienummer)
        WHERE referentienummer IS NOT NULL;
      CREATE INDEX ki_onderwerpobjecten_code ON ki_onderwerpobjecten (code_objecttype, object_id);
      CREATE INDEX ki_interne_taak_actoren_actor_taak ON ki_interne_taak_actoren (actor_uuid, interne_taak_uuid);
    `,
  },
  {
    id: 'klantinteracties/005_interne_taak_lookup',
    sql: `
      -- Open interne taken of an actor: the filter and the count are answered from this index alone.
      CREATE INDEX ki_interne_taken_uuid_status ON ki_interne_taken (uuid, status);
    `,
  },
];
