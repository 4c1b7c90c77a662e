import type Database from 'better-sqlite3';
import { canonicalPhone } from './phone';
import { KiValidationError, type InvalidParam } from './errors';
import type { TableName } from './store';

/** One query filter: its value type and the SQL condition it adds (`?` placeholders, alias `t` = the listed table). */
interface Filter {
  type: 'string' | 'uuid' | 'bool' | 'datetime' | readonly string[];
  sql: (value: string) => { where: string; params: unknown[] };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const eq =
  (column: string): Filter['sql'] =>
  (v) => ({ where: `${column} = ?`, params: [v] });
const icontains =
  (column: string): Filter['sql'] =>
  (v) => ({
    where: `${column} LIKE ? ESCAPE '\\'`,
    params: [`%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
  });
const boolEq =
  (column: string): Filter['sql'] =>
  (v) => ({ where: `${column} = ?`, params: [v === 'true' ? 1 : 0] });
/** A nested `partijIdentificator__*` condition on identificatoren of the partij in column `partijColumn`. */
const viaIdentificator =
  (partijColumn: string, column: string): Filter['sql'] =>
  (v) => ({
    where: `EXISTS (SELECT 1 FROM ki_partij_identificatoren pi WHERE pi.partij_uuid = ${partijColumn} AND pi.${column} = ?)`,
    params: [v],
  });

export interface ListDefinition {
  table: TableName;
  orderBy: string;
  filters: Record<string, Filter>;
}

const klantcontactViaBetrokkenePartij =
  (column: string): Filter['sql'] =>
  (v) => ({
    where: `EXISTS (SELECT 1 FROM ki_betrokkenen b JOIN ki_partij_identificatoren pi ON pi.partij_uuid = b.partij_uuid
    WHERE b.klantcontact_uuid = t.uuid AND pi.${column} = ?)`,
    params: [v],
  });
const klantcontactViaOnderwerpobject =
  (fk: 'klantcontact_uuid' | 'was_klantcontact_uuid', column: string): Filter['sql'] =>
  (v) => ({
    where: `EXISTS (SELECT 1 FROM ki_onderwerpobjecten o WHERE o.${fk} = t.uuid AND o.${column} = ?)`,
    params: [v],
  });

export const LISTS = {
  klantcontacten: {
    table: 'ki_klantcontacten',
    orderBy: 't.plaatsgevonden_ms DESC, t.seq DESC',
    filters: {
      kanaal: { type: 'string', sql: eq('t.kanaal') },
      onderwerp: { type: 'string', sql: icontains('t.onderwerp') },
      inhoud: { type: 'string', sql: icontains('t.inhoud') },
      reactie: { type: 'string', sql: icontains('t.reactie') },
      referentienummer: { type: 'string', sql: eq('t.referentienummer') },
      vertrouwelijk: { type: 'bool', sql: boolEq('t.vertrouwelijk') },
      indicatieContactGelukt: { type: 'bool', sql: boolEq('t.indicatie_contact_gelukt') },
      plaatsgevondenOp: {
        type: 'datetime',
        sql: (v) => ({ where: 't.plaatsgevonden_ms = ?', params: [new Date(v).getTime()] }),
      },
      leiddeTotInterneTaken: {
        type: 'bool',
        sql: (v) => ({
          where: `${v === 'true' ? '' : 'NOT '}EXISTS (SELECT 1 FROM ki_interne_taken it WHERE it.klantcontact_uuid = t.uuid)`,
          params: [],
        }),
      },
      hadBetrokkene__uuid: {
        type: 'uuid',
        sql: (v) => ({
          where: 'EXISTS (SELECT 1 FROM ki_betrokkenen b WHERE b.klantcontact_uuid = t.uuid AND b.uuid = ?)',
          params: [v],
        }),
      },
      hadBetrokkene__wasPartij: {
        type: 'bool',
        sql: (v) => ({
          where: `EXISTS (SELECT 1 FROM ki_betrokkenen b WHERE b.klantcontact_uuid = t.uuid AND b.partij_uuid IS ${v === 'true' ? 'NOT ' : ''}NULL)`,
          params: [],
        }),
      },
      hadBetrokkene__wasPartij__uuid: {
        type: 'uuid',
        sql: (v) => ({
          where:
            'EXISTS (SELECT 1 FROM ki_betrokkenen b WHERE b.klantcontact_uuid = t.uuid AND b.partij_uuid = ?)',
          params: [v],
        }),
      },
      hadBetrokkene__wasPartij__partijIdentificator__objectId: {
        type: 'string',
        sql: klantcontactViaBetrokkenePartij('object_id'),
      },
      hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId: {
        type: 'string',
        sql: klantcontactViaBetrokkenePartij('code_soort_object_id'),
      },
      hadBetrokkene__wasPartij__partijIdentificator__codeObjecttype: {
        type: 'string',
        sql: klantcontactViaBetrokkenePartij('code_objecttype'),
      },
      hadBetrokkene__wasPartij__partijIdentificator__codeRegister: {
        type: 'string',
        sql: klantcontactViaBetrokkenePartij('code_register'),
      },
      hadBetrokkene__digitaaladres__adres__icontains: {
        type: 'string',
        sql: (v) => ({
          where: `EXISTS (SELECT 1 FROM ki_betrokkenen b JOIN ki_digitale_adressen d ON d.betrokkene_uuid = b.uuid
            WHERE b.klantcontact_uuid = t.uuid AND d.adres LIKE ? ESCAPE '\\')`,
          params: [`%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
        }),
      },
      onderwerpobject__uuid: {
        type: 'uuid',
        sql: (v) => ({
          where:
            'EXISTS (SELECT 1 FROM ki_onderwerpobjecten o WHERE o.klantcontact_uuid = t.uuid AND o.uuid = ?)',
          params: [v],
        }),
      },
      onderwerpobject__onderwerpobjectidentificatorObjectId: {
        type: 'string',
        sql: klantcontactViaOnderwerpobject('klantcontact_uuid', 'object_id'),
      },
      onderwerpobject__onderwerpobjectidentificatorCodeObjecttype: {
        type: 'string',
        sql: klantcontactViaOnderwerpobject('klantcontact_uuid', 'code_objecttype'),
      },
      onderwerpobject__onderwerpobjectidentificatorCodeRegister: {
        type: 'string',
        sql: klantcontactViaOnderwerpobject('klantcontact_uuid', 'code_register'),
      },
      onderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId: {
        type: 'string',
        sql: klantcontactViaOnderwerpobject('klantcontact_uuid', 'code_soort_object_id'),
      },
      wasOnderwerpobject__onderwerpobjectidentificatorObjectId: {
        type: 'string',
        sql: klantcontactViaOnderwerpobject('was_klantcontact_uuid', 'object_id'),
      },
    },
  },
  partijen: {
    table: 'ki_partijen',
    orderBy: 't.seq DESC',
    filters: {
      soortPartij: { type: ['persoon', 'organisatie', 'contactpersoon'], sql: eq('t.soort_partij') },
      indicatieActief: { type: 'bool', sql: boolEq('t.indicatie_actief') },
      indicatieGeheimhouding: { type: 'bool', sql: boolEq('t.indicatie_geheimhouding') },
      partijIdentificator__codeObjecttype: {
        type: 'string',
        sql: viaIdentificator('t.uuid', 'code_objecttype'),
      },
      partijIdentificator__codeSoortObjectId: {
        type: 'string',
        sql: viaIdentificator('t.uuid', 'code_soort_object_id'),
      },
      partijIdentificator__objectId: { type: 'string', sql: viaIdentificator('t.uuid', 'object_id') },
      partijIdentificator__codeRegister: { type: 'string', sql: viaIdentificator('t.uuid', 'code_register') },
    },
  },
  digitaleadressen: {
    table: 'ki_digitale_adressen',
    orderBy: 't.seq DESC',
    filters: {
      soortDigitaalAdres: { type: ['email', 'telefoonnummer', 'overig'], sql: eq('t.soort_digitaal_adres') },
      // Exact match; a phone number in any notation also finds its canonical stored form.
      adres: {
        type: 'string',
        sql: (v) => {
          const phone = canonicalPhone(v);
          return phone && phone !== v
            ? {
                where: '(t.adres = ? OR (t.soort_digitaal_adres = ? AND t.adres_match = ?))',
                params: [v, 'telefoonnummer', phone],
              }
            : { where: 't.adres = ?', params: [v] };
        },
      },
      adres__icontains: { type: 'string', sql: icontains('t.adres') },
      isStandaardAdres: { type: 'bool', sql: boolEq('t.is_standaard_adres') },
      isGeverifieerd: {
        type: 'bool',
        sql: (v) => ({ where: `t.verificatie_datum IS ${v === 'true' ? 'NOT ' : ''}NULL`, params: [] }),
      },
      omschrijving: { type: 'string', sql: eq('t.omschrijving') },
      referentie: { type: 'string', sql: eq('t.referentie') },
      verstrektDoorPartij__uuid: { type: 'uuid', sql: eq('t.partij_uuid') },
      verstrektDoorBetrokkene__uuid: { type: 'uuid', sql: eq('t.betrokkene_uuid') },
      verstrektDoorPartij__soortPartij: {
        type: ['persoon', 'organisatie', 'contactpersoon'],
        sql: (v) => ({
          where: 'EXISTS (SELECT 1 FROM ki_partijen p WHERE p.uuid = t.partij_uuid AND p.soort_partij = ?)',
          params: [v],
        }),
      },
      verstrektDoorPartij__partijIdentificator__objectId: {
        type: 'string',
        sql: viaIdentificator('t.partij_uuid', 'object_id'),
      },
      verstrektDoorPartij__partijIdentificator__codeSoortObjectId: {
        type: 'string',
        sql: viaIdentificator('t.partij_uuid', 'code_soort_object_id'),
      },
    },
  },
  betrokkenen: {
    table: 'ki_betrokkenen',
    orderBy: 't.seq DESC',
    filters: {
      hadKlantcontact__uuid: { type: 'uuid', sql: eq('t.klantcontact_uuid') },
      wasPartij__uuid: { type: 'uuid', sql: eq('t.partij_uuid') },
      organisatienaam: { type: 'string', sql: eq('t.organisatienaam') },
      wasPartij__partijIdentificator__objectId: {
        type: 'string',
        sql: viaIdentificator('t.partij_uuid', 'object_id'),
      },
      wasPartij__partijIdentificator__codeSoortObjectId: {
        type: 'string',
        sql: viaIdentificator('t.partij_uuid', 'code_soort_object_id'),
      },
    },
  },
  onderwerpobjecten: {
    table: 'ki_onderwerpobjecten',
    orderBy: 't.seq DESC',
    filters: {
      klantcontact__uuid: { type: 'uuid', sql: eq('t.klantcontact_uuid') },
      wasKlantcontact__uuid: { type: 'uuid', sql: eq('t.was_klantcontact_uuid') },
      onderwerpobjectidentificatorObjectId: { type: 'string', sql: eq('t.object_id') },
      onderwerpobjectidentificatorCodeObjecttype: { type: 'string', sql: eq('t.code_objecttype') },
      onderwerpobjectidentificatorCodeRegister: { type: 'string', sql: eq('t.code_register') },
      onderwerpobjectidentificatorCodeSoortObjectId: { type: 'string', sql: eq('t.code_soort_object_id') },
    },
  },
  bijlagen: {
    table: 'ki_bijlagen',
    orderBy: 't.seq DESC',
    filters: {
      bijlageidentificatorCodeObjecttype: { type: 'string', sql: eq('t.code_objecttype') },
      bijlageidentificatorCodeRegister: { type: 'string', sql: eq('t.code_register') },
      bijlageidentificatorCodeSoortObjectId: { type: 'string', sql: eq('t.code_soort_object_id') },
      bijlageidentificatorObjectId: { type: 'string', sql: eq('t.object_id') },
      klantcontact__uuid: { type: 'uuid', sql: eq('t.klantcontact_uuid') },
    },
  },
  internetaken: {
    table: 'ki_interne_taken',
    orderBy: 't.seq DESC',
    filters: {
      status: { type: ['te_verwerken', 'verwerkt'], sql: eq('t.status') },
      referentienummer: { type: 'string', sql: eq('t.referentienummer') },
      aanleidinggevendKlantcontact__uuid: { type: 'uuid', sql: eq('t.klantcontact_uuid') },
      klantcontact__uuid: { type: 'uuid', sql: eq('t.klantcontact_uuid') },
      toegewezenAanActor__uuid: {
        type: 'uuid',
        sql: (v) => ({
          where:
            'EXISTS (SELECT 1 FROM ki_interne_taak_actoren ta WHERE ta.interne_taak_uuid = t.uuid AND ta.actor_uuid = ?)',
          params: [v],
        }),
      },
      actoren__naam: {
        type: 'string',
        sql: (v) => ({
          where: `EXISTS (SELECT 1 FROM ki_interne_taak_actoren ta JOIN ki_actoren a ON a.uuid = ta.actor_uuid
            WHERE ta.interne_taak_uuid = t.uuid AND a.naam = ?)`,
          params: [v],
        }),
      },
      toegewezenOp: {
        type: 'datetime',
        sql: (v) => ({ where: 't.toegewezen_op = ?', params: [new Date(v).toISOString()] }),
      },
    },
  },
  actoren: {
    table: 'ki_actoren',
    orderBy: 't.seq DESC',
    filters: {
      soortActor: {
        type: ['medewerker', 'geautomatiseerde_actor', 'organisatorische_eenheid'],
        sql: eq('t.soort_actor'),
      },
      naam: { type: 'string', sql: eq('t.naam') },
      indicatieActief: { type: 'bool', sql: boolEq('t.indicatie_actief') },
      actoridentificatorObjectId: { type: 'string', sql: eq('t.ai_object_id') },
      actoridentificatorCodeObjecttype: { type: 'string', sql: eq('t.ai_code_objecttype') },
      actoridentificatorCodeRegister: { type: 'string', sql: eq('t.ai_code_register') },
      actoridentificatorCodeSoortObjectId: { type: 'string', sql: eq('t.ai_code_soort_object_id') },
    },
  },
  actorklantcontacten: {
    table: 'ki_actorklantcontacten',
    orderBy: 't.seq DESC',
    filters: {
      actor__uuid: { type: 'uuid', sql: eq('t.actor_uuid') },
      klantcontact__uuid: { type: 'uuid', sql: eq('t.klantcontact_uuid') },
    },
  },
} satisfies Record<string, ListDefinition>;

export type ListName = keyof typeof LISTS;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Query string value (Fastify gives arrays for repeated keys; the last one wins, as in Django). */
export function queryValue(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) return v.length > 0 ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** `page` ≥ 1 (else 404 like DRF); `pageSize` default 100, capped at 500, invalid values fall back to the default. */
export function pageRequest(query: Record<string, unknown>): PageRequest | 'invalid-page' {
  const rawPage = queryValue(query, 'page');
  let page = 1;
  if (rawPage !== undefined && rawPage !== '') {
    if (!/^[0-9]+$/.test(rawPage) || Number(rawPage) < 1) return 'invalid-page';
    page = Number(rawPage);
  }
  const rawSize = queryValue(query, 'pageSize');
  let pageSize = DEFAULT_PAGE_SIZE;
  if (rawSize !== undefined && /^[0-9]+$/.test(rawSize) && Number(rawSize) > 0) {
    pageSize = Math.min(Number(rawSize), MAX_PAGE_SIZE);
  }
  return { page, pageSize };
}

/** Build the WHERE clause from the known filters in the query string; bad values → 400 invalidParams. */
export function whereClause(
  def: ListDefinition,
  query: Record<string, unknown>,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const invalid: InvalidParam[] = [];
  for (const [name, filter] of Object.entries(def.filters)) {
    const value = queryValue(query, name);
    if (value === undefined || value === '') continue;
    const t = filter.type;
    if (t === 'uuid' && !UUID_RE.test(value)) {
      invalid.push({ name, code: 'invalid', reason: 'Voer een geldige UUID in.' });
      continue;
    }
    if (t === 'bool' && value !== 'true' && value !== 'false') {
      invalid.push({ name, code: 'invalid', reason: 'Gebruik true of false.' });
      continue;
    }
    if (t === 'datetime' && Number.isNaN(new Date(value).getTime())) {
      invalid.push({ name, code: 'invalid', reason: 'Voer een geldige datum/tijd in.' });
      continue;
    }
    if (Array.isArray(t) && !t.includes(value)) {
      invalid.push({
        name,
        code: 'invalid_choice',
        reason: `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.`,
      });
      continue;
    }
    const c = filter.sql(t === 'uuid' ? value.toLowerCase() : value);
    where.push(c.where);
    params.push(...c.params);
  }
  if (invalid.length > 0) throw new KiValidationError(invalid);
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function runList<T>(
  db: Database.Database,
  def: ListDefinition,
  query: Record<string, unknown>,
  page: PageRequest,
): { count: number; rows: T[] } {
  const { sql, params } = whereClause(def, query);
  const count = (
    db.prepare(`SELECT COUNT(*) AS n FROM ${def.table} t ${sql}`).get(...params) as { n: number }
  ).n;
  const rows = db
    .prepare(`SELECT t.* FROM ${def.table} t ${sql} ORDER BY ${def.orderBy} LIMIT ? OFFSET ?`)
    .all(...params, page.pageSize, (page.page - 1) * page.pageSize) as T[];
  return { count, rows };
}
