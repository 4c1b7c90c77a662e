import { canonicalPhone } from './phone';
import { KiValidationError, type InvalidParam } from './errors';
import { parseApiDate, parseApiDateTime } from './datetime';
import type { OperationSpec, QueryParameterSpec } from './spec-contract';
import type { KiSql } from './ki-sql';
import type { TableName } from './store';

/**
 * Filters, ordering and pagination of the list endpoints, as Open Klant 2.18's filtersets define them.
 * Which parameters exist and their value types come from the spec (`spec-contract.ts`); this file only says
 * what each filter means in SQL. `X__url` filters are derived from `X__uuid` (Open Klant's URLViewFilter takes
 * the last path segment as the uuid; a URL that does not end in a uuid matches nothing).
 */

/** The SQL condition a filter adds (`?` placeholders, alias `t` = the listed table); the value is already checked. */
type FilterSql = (value: string) => { where: string; params: unknown[] };

export interface ListDefinition {
  table: TableName;
  orderBy: string;
  filters: Record<string, FilterSql>;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NONE = { where: '0 = 1', params: [] };
const likeParam = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const eq =
  (column: string): FilterSql =>
  (v) => ({ where: `${column} = ?`, params: [v] });
const icontains =
  (column: string): FilterSql =>
  (v) => ({ where: `${column} LIKE ? ESCAPE '\\'`, params: [likeParam(v)] });
const boolEq =
  (column: string): FilterSql =>
  (v) => ({ where: `${column} = ?`, params: [v === 'true' ? 1 : 0] });
const jsonEq =
  (column: string, field: string): FilterSql =>
  (v) => ({ where: `json_extract(${column}, '$.${field}') = ?`, params: [v] });
const exists =
  (subquery: string): FilterSql =>
  (v) => ({ where: `EXISTS (${subquery})`, params: [v] });
/** `column IN (subquery)`: the subquery is driven by the filter value's index, not by a scan of the list. */
const inSet =
  (column: string, subquery: string): FilterSql =>
  (v) => ({ where: `${column} IN (${subquery})`, params: [v] });
const existsIf =
  (subquery: string): FilterSql =>
  (v) => ({ where: `${v === 'true' ? '' : 'NOT '}EXISTS (${subquery})`, params: [] });
const dateCompare =
  (column: string, op: string): FilterSql =>
  (v) => ({ where: `${column} ${op} ?`, params: [v] });
const instantEq =
  (column: string): FilterSql =>
  (v) => ({ where: `${column} = ?`, params: [parseApiDateTime(v)!.toISOString()] });

const IDENTIFICATOR_COLUMNS = {
  codeObjecttype: 'code_objecttype',
  codeSoortObjectId: 'code_soort_object_id',
  objectId: 'object_id',
  codeRegister: 'code_register',
} as const;
type IdentificatorField = keyof typeof IDENTIFICATOR_COLUMNS;
const IDENTIFICATOR_FIELDS = Object.keys(IDENTIFICATOR_COLUMNS) as IdentificatorField[];

/**
 * `<prefix>partijIdentificator__<field>`: the partij in `partijColumn` has an identificator with that value.
 * An objectId selects a handful of identificatoren, so it drives the query (IN); the codes match half the table,
 * so they are checked per listed row (EXISTS on the partij index).
 */
function partijIdentificatorFilters(prefix: string, partijColumn: string): Record<string, FilterSql> {
  return Object.fromEntries(
    IDENTIFICATOR_FIELDS.map((f) => [
      `${prefix}partijIdentificator__${f}`,
      f === 'objectId'
        ? inSet(
            partijColumn,
            'SELECT pi.partij_uuid FROM ki_partij_identificatoren pi WHERE pi.object_id = ?',
          )
        : exists(
            `SELECT 1 FROM ki_partij_identificatoren pi WHERE pi.partij_uuid = ${partijColumn} AND pi.${IDENTIFICATOR_COLUMNS[f]} = ?`,
          ),
    ]),
  );
}

/** `<prefix>onderwerpobjectidentificator<Field>` on onderwerpobjecten linked through `fk`. */
function onderwerpobjectFilters(prefix: string, fk: string): Record<string, FilterSql> {
  return Object.fromEntries(
    IDENTIFICATOR_FIELDS.map((f) => [
      `${prefix}onderwerpobjectidentificator${f[0]!.toUpperCase()}${f.slice(1)}`,
      f === 'objectId'
        ? inSet('t.uuid', `SELECT o.${fk} FROM ki_onderwerpobjecten o WHERE o.object_id = ?`)
        : exists(
            `SELECT 1 FROM ki_onderwerpobjecten o WHERE o.${fk} = t.uuid AND o.${IDENTIFICATOR_COLUMNS[f]} = ?`,
          ),
    ]),
  );
}

/** `<prefix><Field>` on the identificator columns of the listed table itself (`ai_` for actoren). */
function ownIdentificatorFilters(prefix: string, columnPrefix = ''): Record<string, FilterSql> {
  return Object.fromEntries(
    IDENTIFICATOR_FIELDS.map((f) => [
      `${prefix}${f[0]!.toUpperCase()}${f.slice(1)}`,
      eq(`t.${columnPrefix}${IDENTIFICATOR_COLUMNS[f]}`),
    ]),
  );
}

const ADRES_FIELDS = {
  Adresregel1: 'adresregel1',
  Adresregel2: 'adresregel2',
  Adresregel3: 'adresregel3',
  Land: 'land',
  NummeraanduidingId: 'nummeraanduidingId',
} as const;
function adresFilters(prefix: 'bezoekadres' | 'correspondentieadres'): Record<string, FilterSql> {
  return Object.fromEntries(
    Object.entries(ADRES_FIELDS).map(([suffix, field]) => [
      `${prefix}${suffix}`,
      jsonEq(`t.${prefix}_json`, field),
    ]),
  );
}

const CONTACTNAAM_FIELDS = {
  Voorletters: 'voorletters',
  Voornaam: 'voornaam',
  VoorvoegselAchternaam: 'voorvoegselAchternaam',
  Achternaam: 'achternaam',
} as const;

export const LISTS = {
  klantcontacten: {
    table: 'ki_klantcontacten',
    orderBy: 't.plaatsgevonden_ms DESC, t.seq DESC',
    filters: {
      kanaal: eq('t.kanaal'),
      nummer: eq('t.nummer'),
      onderwerp: icontains('t.onderwerp'),
      inhoud: icontains('t.inhoud'),
      reactie: icontains('t.reactie'),
      referentienummer: eq('t.referentienummer'),
      vertrouwelijk: boolEq('t.vertrouwelijk'),
      indicatieContactGelukt: boolEq('t.indicatie_contact_gelukt'),
      plaatsgevondenOp: (v) => ({
        where: 't.plaatsgevonden_ms = ?',
        params: [parseApiDateTime(v)!.getTime()],
      }),
      leiddeTotInterneTaken: existsIf(
        'SELECT 1 FROM ki_interne_taken it WHERE it.klantcontact_uuid = t.uuid',
      ),
      hadBetrokkene__uuid: inSet(
        't.uuid',
        'SELECT b.klantcontact_uuid FROM ki_betrokkenen b WHERE b.uuid = ?',
      ),
      hadBetrokkene__wasPartij: existsIf(
        'SELECT 1 FROM ki_betrokkenen b WHERE b.klantcontact_uuid = t.uuid AND b.partij_uuid IS NOT NULL',
      ),
      hadBetrokkene__wasPartij__uuid: inSet(
        't.uuid',
        'SELECT b.klantcontact_uuid FROM ki_betrokkenen b WHERE b.partij_uuid = ?',
      ),
      ...Object.fromEntries(
        IDENTIFICATOR_FIELDS.map((f) => [
          `hadBetrokkene__wasPartij__partijIdentificator__${f}`,
          f === 'objectId'
            ? inSet(
                't.uuid',
                `SELECT b.klantcontact_uuid FROM ki_partij_identificatoren pi JOIN ki_betrokkenen b ON b.partij_uuid = pi.partij_uuid
                 WHERE pi.object_id = ?`,
              )
            : exists(
                `SELECT 1 FROM ki_betrokkenen b JOIN ki_partij_identificatoren pi ON pi.partij_uuid = b.partij_uuid
                 WHERE b.klantcontact_uuid = t.uuid AND pi.${IDENTIFICATOR_COLUMNS[f]} = ?`,
              ),
        ]),
      ),
      hadBetrokkene__digitaaladres__adres__icontains: (v) => ({
        where: `EXISTS (SELECT 1 FROM ki_betrokkenen b JOIN ki_digitale_adressen d ON d.betrokkene_uuid = b.uuid
          WHERE b.klantcontact_uuid = t.uuid AND d.adres LIKE ? ESCAPE '\\')`,
        params: [likeParam(v)],
      }),
      onderwerpobject__uuid: inSet(
        't.uuid',
        'SELECT o.klantcontact_uuid FROM ki_onderwerpobjecten o WHERE o.uuid = ?',
      ),
      ...onderwerpobjectFilters('onderwerpobject__', 'klantcontact_uuid'),
      wasOnderwerpobject__uuid: inSet(
        't.uuid',
        'SELECT o.was_klantcontact_uuid FROM ki_onderwerpobjecten o WHERE o.uuid = ?',
      ),
      ...onderwerpobjectFilters('wasOnderwerpobject__', 'was_klantcontact_uuid'),
    },
  },
  partijen: {
    table: 'ki_partijen',
    orderBy: 't.seq DESC',
    filters: {
      nummer: eq('t.nummer'),
      soortPartij: eq('t.soort_partij'),
      indicatieActief: boolEq('t.indicatie_actief'),
      indicatieGeheimhouding: boolEq('t.indicatie_geheimhouding'),
      ...partijIdentificatorFilters('', 't.uuid'),
      ...Object.fromEntries(
        IDENTIFICATOR_FIELDS.map((f) => [
          `subIdentificatorVan__${f}`,
          inSet(
            't.uuid',
            `SELECT pi.partij_uuid FROM ki_partij_identificatoren parent JOIN ki_partij_identificatoren pi
               ON pi.sub_identificator_van_uuid = parent.uuid
             WHERE parent.${IDENTIFICATOR_COLUMNS[f]} = ?`,
          ),
        ]),
      ),
      ...adresFilters('bezoekadres'),
      ...adresFilters('correspondentieadres'),
      categorierelatie__categorie__naam: (v) => {
        const namen = v.split(',');
        return {
          where: `EXISTS (SELECT 1 FROM ki_categorie_relaties cr JOIN ki_categorieen c ON c.uuid = cr.categorie_uuid
            WHERE cr.partij_uuid = t.uuid AND c.naam IN (${namen.map(() => '?').join(', ')}))`,
          params: namen,
        };
      },
      vertegenwoordigdePartij__uuid: exists(
        `SELECT 1 FROM ki_vertegenwoordigingen v
         WHERE v.vertegenwoordigde_partij_uuid = t.uuid AND v.vertegenwoordigende_partij_uuid = ?`,
      ),
    },
  },
  'partij-identificatoren': {
    table: 'ki_partij_identificatoren',
    orderBy: 't.seq DESC',
    filters: {
      anderePartijIdentificator: eq('t.andere_partij_identificator'),
      ...ownIdentificatorFilters('partijIdentificator'),
    },
  },
  digitaleadressen: {
    table: 'ki_digitale_adressen',
    orderBy: 't.seq DESC',
    filters: {
      soortDigitaalAdres: eq('t.soort_digitaal_adres'),
      // Exact, as stored; a phone number in any notation also finds the same number in another notation.
      adres: (v) => {
        const phone = canonicalPhone(v);
        return phone
          ? {
              where: '(t.adres = ? OR (t.soort_digitaal_adres = ? AND t.adres_match = ?))',
              params: [v, 'telefoonnummer', phone],
            }
          : { where: 't.adres = ?', params: [v] };
      },
      adres__icontains: icontains('t.adres'),
      isStandaardAdres: boolEq('t.is_standaard_adres'),
      isGeverifieerd: (v) => ({
        where: `t.verificatie_datum IS ${v === 'true' ? 'NOT ' : ''}NULL`,
        params: [],
      }),
      omschrijving: icontains('t.omschrijving'),
      referentie: eq('t.referentie'),
      verificatieDatum: dateCompare('t.verificatie_datum', '='),
      verificatieDatum__gt: dateCompare('t.verificatie_datum', '>'),
      verificatieDatum__gte: dateCompare('t.verificatie_datum', '>='),
      verificatieDatum__lt: dateCompare('t.verificatie_datum', '<'),
      verificatieDatum__lte: dateCompare('t.verificatie_datum', '<='),
      verstrektDoorPartij__uuid: eq('t.partij_uuid'),
      verstrektDoorBetrokkene__uuid: eq('t.betrokkene_uuid'),
      verstrektDoorBetrokkene__rol: exists(
        'SELECT 1 FROM ki_betrokkenen b WHERE b.uuid = t.betrokkene_uuid AND b.rol = ?',
      ),
      verstrektDoorPartij__soortPartij: exists(
        'SELECT 1 FROM ki_partijen p WHERE p.uuid = t.partij_uuid AND p.soort_partij = ?',
      ),
      ...partijIdentificatorFilters('verstrektDoorPartij__', 't.partij_uuid'),
    },
  },
  betrokkenen: {
    table: 'ki_betrokkenen',
    orderBy: 't.seq DESC',
    filters: {
      hadKlantcontact__uuid: eq('t.klantcontact_uuid'),
      hadKlantcontact__nummer: inSet(
        't.klantcontact_uuid',
        'SELECT k.uuid FROM ki_klantcontacten k WHERE k.nummer = ?',
      ),
      hadKlantcontact__referentienummer: inSet(
        't.klantcontact_uuid',
        'SELECT k.uuid FROM ki_klantcontacten k WHERE k.referentienummer = ?',
      ),
      wasPartij__uuid: eq('t.partij_uuid'),
      wasPartij__nummer: inSet('t.partij_uuid', 'SELECT p.uuid FROM ki_partijen p WHERE p.nummer = ?'),
      ...partijIdentificatorFilters('wasPartij__', 't.partij_uuid'),
      organisatienaam: eq('t.organisatienaam'),
      ...Object.fromEntries(
        Object.entries(CONTACTNAAM_FIELDS).map(([suffix, field]) => [
          `contactnaam${suffix}`,
          jsonEq('t.contactnaam_json', field),
        ]),
      ),
      verstrektedigitaalAdres__uuid: inSet(
        't.uuid',
        'SELECT d.betrokkene_uuid FROM ki_digitale_adressen d WHERE d.uuid = ?',
      ),
      verstrektedigitaalAdres__adres: inSet(
        't.uuid',
        'SELECT d.betrokkene_uuid FROM ki_digitale_adressen d WHERE d.adres = ?',
      ),
    },
  },
  onderwerpobjecten: {
    table: 'ki_onderwerpobjecten',
    orderBy: 't.seq DESC',
    filters: {
      klantcontact__uuid: eq('t.klantcontact_uuid'),
      wasKlantcontact__uuid: eq('t.was_klantcontact_uuid'),
      ...ownIdentificatorFilters('onderwerpobjectidentificator'),
    },
  },
  bijlagen: {
    table: 'ki_bijlagen',
    orderBy: 't.seq DESC',
    filters: {
      ...ownIdentificatorFilters('bijlageidentificator'),
      klantcontact__uuid: eq('t.klantcontact_uuid'),
    },
  },
  internetaken: {
    table: 'ki_interne_taken',
    orderBy: 't.seq DESC',
    filters: {
      nummer: eq('t.nummer'),
      status: eq('t.status'),
      referentienummer: eq('t.referentienummer'),
      aanleidinggevendKlantcontact__uuid: eq('t.klantcontact_uuid'),
      klantcontact__uuid: eq('t.klantcontact_uuid'),
      klantcontact__nummer: inSet(
        't.klantcontact_uuid',
        'SELECT k.uuid FROM ki_klantcontacten k WHERE k.nummer = ?',
      ),
      klantcontact__referentienummer: inSet(
        't.klantcontact_uuid',
        'SELECT k.uuid FROM ki_klantcontacten k WHERE k.referentienummer = ?',
      ),
      toegewezenAanActor__uuid: inSet(
        't.uuid',
        'SELECT ta.interne_taak_uuid FROM ki_interne_taak_actoren ta WHERE ta.actor_uuid = ?',
      ),
      actoren__naam: inSet(
        't.uuid',
        `SELECT ta.interne_taak_uuid FROM ki_actoren a JOIN ki_interne_taak_actoren ta ON ta.actor_uuid = a.uuid
         WHERE a.naam = ?`,
      ),
      toegewezenOp: instantEq('t.toegewezen_op'),
    },
  },
  actoren: {
    table: 'ki_actoren',
    orderBy: 't.seq DESC',
    filters: {
      soortActor: eq('t.soort_actor'),
      naam: icontains('t.naam'),
      indicatieActief: boolEq('t.indicatie_actief'),
      ...ownIdentificatorFilters('actoridentificator', 'ai_'),
    },
  },
  actorklantcontacten: {
    table: 'ki_actorklantcontacten',
    orderBy: 't.seq DESC',
    filters: {
      actor__uuid: eq('t.actor_uuid'),
      klantcontact__uuid: eq('t.klantcontact_uuid'),
    },
  },
  rekeningnummers: {
    table: 'ki_rekeningnummers',
    orderBy: 't.seq DESC',
    filters: { uuid: eq('t.uuid'), iban: eq('t.iban'), bic: eq('t.bic') },
  },
  categorieen: { table: 'ki_categorieen', orderBy: 't.seq DESC', filters: {} },
  'categorie-relaties': {
    table: 'ki_categorie_relaties',
    orderBy: 't.seq DESC',
    filters: {
      partij__uuid: eq('t.partij_uuid'),
      partij__nummer: inSet('t.partij_uuid', 'SELECT p.uuid FROM ki_partijen p WHERE p.nummer = ?'),
      categorie__uuid: eq('t.categorie_uuid'),
      categorie__naam: exists(
        'SELECT 1 FROM ki_categorieen c WHERE c.uuid = t.categorie_uuid AND c.naam = ?',
      ),
      beginDatum: eq('t.begin_datum'),
      eindDatum: eq('t.eind_datum'),
    },
  },
  vertegenwoordigingen: {
    table: 'ki_vertegenwoordigingen',
    orderBy: 't.seq DESC',
    filters: {
      vertegenwoordigdePartij__uuid: eq('t.vertegenwoordigde_partij_uuid'),
      vertegenwoordigendePartij__uuid: eq('t.vertegenwoordigende_partij_uuid'),
    },
  },
} satisfies Record<string, ListDefinition>;

export type ListName = keyof typeof LISTS;

/** Query parameters that are not filters: pagination, `expand`, DELETE's `cascade`. */
export const NON_FILTER_PARAMETERS = new Set(['page', 'pageSize', 'expand', 'cascade']);

/** The filter a spec parameter names: its own, or for `X__url` the one of `X__uuid`. */
export function filterFor(def: ListDefinition, name: string): FilterSql | undefined {
  const own = def.filters[name];
  if (own) return own;
  if (name.endsWith('__url')) return def.filters[`${name.slice(0, -'__url'.length)}__uuid`];
  return undefined;
}

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

/**
 * Query parameters an operation does not have in the spec → 400 `unknown-parameters`, as vng-api-common's
 * CheckQueryParamsMixin answers (on lists and on single resources alike).
 */
export function checkKnownParameters(op: OperationSpec, query: Record<string, unknown>): void {
  const unknown = Object.keys(query).filter((k) => !op.query.has(k));
  if (unknown.length > 0) {
    throw new KiValidationError([
      {
        name: 'nonFieldErrors',
        code: 'unknown-parameters',
        reason: `Onbekende query parameters: ${unknown.join(', ')}`,
      },
    ]);
  }
}

/** A filter value checked by the parameter's spec type; the value the filter gets, or an invalid param. */
function checkValue(p: QueryParameterSpec, value: string): { value: string } | { none: true } | InvalidParam {
  const name = p.name;
  if (p.enum && !p.enum.includes(value)) {
    return {
      name,
      code: 'invalid_choice',
      reason: `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.`,
    };
  }
  switch (p.type === 'string' ? p.format : p.type) {
    case 'uuid':
      return UUID_RE.test(value)
        ? { value: value.toLowerCase() }
        : { name, code: 'invalid', reason: 'Voer een geldige UUID in.' };
    case 'uri': {
      if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
        return { name, code: 'invalid', reason: 'Voer een geldige URL in.' };
      const last = new URL(value).pathname.replace(/\/+$/, '').split('/').pop() ?? '';
      return UUID_RE.test(last) ? { value: last.toLowerCase() } : { none: true };
    }
    case 'boolean': {
      const b = { true: 'true', True: 'true', '1': 'true', false: 'false', False: 'false', '0': 'false' }[
        value
      ];
      return b ? { value: b } : { name, code: 'invalid', reason: 'Gebruik true of false.' };
    }
    case 'date':
      return parseApiDate(value)
        ? { value }
        : { name, code: 'invalid', reason: 'Voer een geldige datum in (JJJJ-MM-DD).' };
    case 'date-time':
      return parseApiDateTime(value)
        ? { value }
        : { name, code: 'invalid', reason: 'Voer een geldige datum/tijd in.' };
    default:
      return { value };
  }
}

/** Build the WHERE clause from the filters in the query string; bad values → 400 invalidParams. */
export function whereClause(
  op: OperationSpec,
  def: ListDefinition,
  query: Record<string, unknown>,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const invalid: InvalidParam[] = [];
  for (const p of op.query.values()) {
    if (NON_FILTER_PARAMETERS.has(p.name)) continue;
    const raw = queryValue(query, p.name);
    if (raw === undefined || raw === '') continue;
    const filter = filterFor(def, p.name);
    if (!filter) throw new Error(`No filter for ${op.method} ${op.template} ${p.name}`);
    const checked = checkValue(p, raw);
    if ('name' in checked) {
      invalid.push(checked);
      continue;
    }
    const c = 'none' in checked ? NONE : filter(checked.value);
    where.push(c.where);
    params.push(...c.params);
  }
  if (invalid.length > 0) throw new KiValidationError(invalid);
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Spec filters without an implementation and implemented filters the spec does not have (both must be empty). */
export function filterDrift(
  ops: OperationSpec[],
  lists: Record<string, ListDefinition> = LISTS,
): { unimplemented: string[]; unspecified: string[] } {
  const unimplemented: string[] = [];
  const unspecified: string[] = [];
  for (const [name, def] of Object.entries(lists)) {
    const op = ops.find((o) => o.method === 'GET' && o.template === `/${name}`);
    if (!op) {
      unspecified.push(`/${name}`);
      continue;
    }
    for (const p of op.query.keys()) {
      if (!NON_FILTER_PARAMETERS.has(p) && !filterFor(def, p)) unimplemented.push(`/${name} ${p}`);
    }
    for (const f of Object.keys(def.filters)) if (!op.query.has(f)) unspecified.push(`/${name} ${f}`);
  }
  return { unimplemented, unspecified };
}

/** The count and the page query of a list call (`params`, then LIMIT and OFFSET for the page). */
export function listSql(
  op: OperationSpec,
  def: ListDefinition,
  query: Record<string, unknown>,
): { countSql: string; pageSql: string; params: unknown[] } {
  const { sql, params } = whereClause(op, def, query);
  return {
    countSql: `SELECT COUNT(*) AS n FROM ${def.table} t ${sql}`,
    pageSql: `SELECT t.* FROM ${def.table} t ${sql} ORDER BY ${def.orderBy} LIMIT ? OFFSET ?`,
    params,
  };
}

/** The count and the page of a list call (the texts vary with the filters used). */
export async function runList<T>(
  sql: KiSql,
  op: OperationSpec,
  def: ListDefinition,
  query: Record<string, unknown>,
  page: PageRequest,
): Promise<{ count: number; rows: T[] }> {
  const { countSql, pageSql, params } = listSql(op, def, query);
  const count = ((await sql.prepare(countSql).get(...params)) as { n: number }).n;
  const rows = (await sql
    .prepare(pageSql)
    .all(...params, page.pageSize, (page.page - 1) * page.pageSize)) as T[];
  return { count, rows };
}
