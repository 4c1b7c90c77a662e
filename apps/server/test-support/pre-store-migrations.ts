import type { Migration } from '../src/store/migration';

/**
 * The migrations of the modules that moved to the async store, exactly as they were on the synchronous runner
 * before the move (commit 1bc3ed3). `store/migrate-store.test.ts` builds a data dir with them to check that an
 * existing installation sees nothing new after the move.
 */
export const preStoreMigrations: Record<string, Migration> = {
  'quick-replies/001_init': {
    id: 'quick-replies/001_init',
    sql: `
      -- Standard chat / e-mail answers the beheerder maintains; agents insert them with "/code".
      CREATE TABLE quick_replies (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  'onderwerpen/001_init': {
    id: 'onderwerpen/001_init',
    sql: `
      -- The managed list of onderwerpen a registration can pick from (issue 14 §7). Never deleted: a deactivated
      -- one is no longer suggested, registrations that used it keep their text and their id.
      CREATE TABLE onderwerpen (
        id TEXT PRIMARY KEY,
        naam TEXT NOT NULL,
        -- lower-cased, single-spaced naam: one onderwerp per name, active or not
        naam_key TEXT NOT NULL UNIQUE,
        upl_uri TEXT,
        actief INTEGER NOT NULL DEFAULT 1,
        bron TEXT NOT NULL CHECK (bron IN ('kennisbank', 'beheer')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      );
    `,
  },
  'toestemmingen/001_toestemmingen': {
    id: 'toestemmingen/001_toestemmingen',
    sql: `
      -- One row per grant; a withdrawal fills ingetrokken_*, nothing is overwritten or deleted (history).
      CREATE TABLE toestemmingen (
        id TEXT PRIMARY KEY,
        partij_uuid TEXT NOT NULL,
        soort TEXT NOT NULL CHECK (soort IN ('proactief_contact', 'voorkeurskanaal')),
        kanaal TEXT NOT NULL CHECK (kanaal IN ('email', 'sms')),
        adres TEXT NOT NULL,
        wijze TEXT NOT NULL,
        gegeven_via TEXT NOT NULL,
        contact_id TEXT,
        gegeven_op INTEGER NOT NULL,
        vastgelegd_door TEXT NOT NULL,
        ingetrokken_op INTEGER,
        ingetrokken_door TEXT
      );
      CREATE INDEX toestemmingen_partij ON toestemmingen (partij_uuid, gegeven_op);
      -- At most one active grant per partij and soort.
      CREATE UNIQUE INDEX toestemmingen_actief ON toestemmingen (partij_uuid, soort) WHERE ingetrokken_op IS NULL;
    `,
  },
  'interne-taken/001_afdeling_medewerkers_notities': {
    id: 'interne-taken/001_afdeling_medewerkers_notities',
    sql: `
      CREATE TABLE afdeling_medewerkers (
        afdeling_actor_uuid TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (afdeling_actor_uuid, user_id)
      );
      CREATE INDEX afdeling_medewerkers_user ON afdeling_medewerkers (user_id);

      CREATE TABLE interne_taak_notities (
        id INTEGER PRIMARY KEY,
        taak_uuid TEXT NOT NULL,
        user_id TEXT NOT NULL,
        auteur TEXT NOT NULL,
        tekst TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX interne_taak_notities_taak ON interne_taak_notities (taak_uuid, id);
    `,
  },
  'connectors/001_openklant_outbox': {
    id: 'connectors/001_openklant_outbox',
    sql: `
      -- Registrations waiting to be forwarded to Open Klant. Written in the same transaction as the local
      -- registration, so none is lost; \`steps\` keeps the remote uuid of every finished step, so a retry resumes.
      CREATE TABLE openklant_outbox (
        id TEXT PRIMARY KEY,
        referentienummer TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        steps TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL CHECK (state IN ('wachtend', 'verstuurd', 'gecompenseerd', 'mislukt')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX openklant_outbox_due ON openklant_outbox (state, next_attempt_at);
    `,
  },
  'connectors/002_openklant_outbox_partij': {
    id: 'connectors/002_openklant_outbox_partij',
    sql: `
      -- The Open Klant partij of a registration: the klantbeeld shows registrations not yet in Open Klant.
      ALTER TABLE openklant_outbox ADD COLUMN partij_uuid TEXT;
      CREATE INDEX openklant_outbox_partij ON openklant_outbox (partij_uuid, state);
    `,
  },
  'terugkoppeling/001_terugkoppelingen': {
    id: 'terugkoppeling/001_terugkoppelingen',
    sql: `
      -- One row per event that may tell the resident something; sleutel makes an event count once.
      CREATE TABLE terugkoppelingen (
        id TEXT PRIMARY KEY,
        sleutel TEXT NOT NULL UNIQUE,
        aanleiding TEXT NOT NULL,
        partij_uuid TEXT,
        contact_id TEXT,
        gegevens TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('wachtend', 'verzenden', 'verstuurd', 'mislukt', 'niet_verstuurd')),
        kanaal TEXT,
        reden TEXT,
        pogingen INTEGER NOT NULL DEFAULT 0,
        volgende_poging INTEGER NOT NULL,
        extern_id TEXT,
        aangemaakt_op INTEGER NOT NULL,
        verstuurd_op INTEGER
      );
      CREATE INDEX terugkoppelingen_wachtend ON terugkoppelingen (status, volgende_poging);
      CREATE INDEX terugkoppelingen_partij ON terugkoppelingen (partij_uuid, aangemaakt_op);
    `,
  },
};
