import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * An official OpenAPI document loaded for tests: request validation (path, method, path/query/header
 * parameters, JSON body) and response validation with ajv, and response sampling from the schemas.
 * OAS 3.0 documents are converted to JSON Schema draft-07 (nullable, discriminator); OAS 3.1 documents are
 * JSON Schema 2020-12 and go to `Ajv2020` (only the discriminator is converted).
 *
 * Known spec bugs are patched in one allow-list (`SPEC_PATCHES`), not in the copied spec files.
 */

export const SPECS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../assets/specs',
);

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: Schema;
  style?: string;
  explode?: boolean;
}
interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Doc {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }>;
  components: {
    schemas: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, unknown>;
  };
}

export interface SpecPatches {
  /** Header parameters the spec marks required that real servers do not need (ZGW `Content-Crs` on GET). */
  optionalHeaders?: { method: string; name: string }[];
  /** Flatten a nested `enum: [[…]]` of an array query parameter (ZGW `ordering` on GET /zaken). */
  flattenNestedEnums?: boolean;
}

/** The allow-list of spec oddities (docs/STANDARDS.md §2 and §7.5). */
export const SPEC_PATCHES: Record<string, SpecPatches> = {
  'zaken-v1.yaml': { optionalHeaders: [{ method: 'get', name: 'Content-Crs' }], flattenNestedEnums: true },
  'catalogi-v1.yaml': { optionalHeaders: [{ method: 'get', name: 'Content-Crs' }], flattenNestedEnums: true },
};

export interface SpecRequest {
  method: string;
  /** Path relative to the spec's base path, with query string. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface MatchedOperation {
  template: string;
  method: string;
  params: Record<string, string>;
}

export interface LoadedSpec {
  file: string;
  /** The path of the spec's first server (`/klantinteracties/api/v1`), '' when it has none. */
  basePath: string;
  match(method: string, pathname: string): MatchedOperation | undefined;
  /** Every problem with a request, empty when it conforms. */
  validateRequest(req: SpecRequest): string[];
  validateResponse(method: string, template: string, status: number, body: unknown): string[];
  /** A response body generated from the response schema (required properties, deterministic values). */
  sampleResponse(method: string, template: string, status: number): unknown;
  validateComponent(name: string, value: unknown): string[];
  /** A value generated from a named component schema. */
  sampleComponent(name: string): Record<string, unknown>;
}

const DOC_ID = 'oas-document';
const REF_PREFIX = '#/components/schemas/';

interface ConvertCtx {
  oas30: boolean;
  discriminated: Set<string>;
  docId: string;
  /** Request bodies: readOnly properties are not required (OAS 3 semantics). */
  request: boolean;
}

function convert(schema: unknown, ctx: ConvertCtx, inAllOf = false): unknown {
  const { oas30, discriminated, docId: DOC_ID } = ctx;
  if (Array.isArray(schema)) return schema.map((s) => convert(s, ctx, inAllOf));
  if (schema === null || typeof schema !== 'object') return schema;
  const s: Schema = { ...(schema as Schema) };
  delete s.example;
  delete s.examples;
  delete s.xml;
  delete s.externalDocs;
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
    // "allOf: [$ref Base]" where Base has a discriminator means "extends Base": refer to Base's own properties.
    const name = s.$ref.startsWith(REF_PREFIX) ? s.$ref.slice(REF_PREFIX.length) : '';
    s.$ref = `${DOC_ID}${s.$ref}${inAllOf && discriminated.has(name) ? '__base' : ''}`;
  }
  for (const key of ['properties', 'patternProperties', '$defs']) {
    if (s[key] && typeof s[key] === 'object') {
      s[key] = Object.fromEntries(Object.entries(s[key] as Schema).map(([k, v]) => [k, convert(v, ctx)]));
    }
  }
  for (const key of ['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else']) {
    if (s[key] !== undefined && typeof s[key] === 'object') s[key] = convert(s[key], ctx);
  }
  if (Array.isArray(s.allOf)) s.allOf = s.allOf.map((x) => convert(x, ctx, true));
  for (const k of ['anyOf', 'oneOf', 'prefixItems'] as const) {
    if (Array.isArray(s[k])) s[k] = convert(s[k], ctx);
  }
  if (ctx.request && Array.isArray(s.required) && s.properties && typeof s.properties === 'object') {
    const props = s.properties as Record<string, Schema>;
    s.required = (s.required as string[]).filter((k) => props[k]?.readOnly !== true);
  }
  const discriminator = s.discriminator as
    { propertyName: string; mapping?: Record<string, string> } | undefined;
  delete s.discriminator;
  if (discriminator?.mapping) {
    const prop = discriminator.propertyName;
    const entries = Object.entries(discriminator.mapping);
    const branches = entries.map(([value, ref]) => ({
      if: { properties: { [prop]: { const: value } }, required: [prop] },
      then: { $ref: `${DOC_ID}${ref}` },
    }));
    if (Array.isArray(s.oneOf)) {
      delete s.oneOf;
      s.allOf = [
        ...((s.allOf as unknown[]) ?? []),
        { required: [prop], properties: { [prop]: { enum: entries.map(([k]) => k) } } },
        ...branches,
      ];
    } else {
      (s as { __branches?: unknown }).__branches = branches;
    }
  }
  if (oas30 && s.nullable === true) {
    delete s.nullable;
    const simple = typeof s.type === 'string' && !s.allOf && !s.anyOf && !s.oneOf && !s.$ref;
    if (simple) {
      s.type = [s.type as string, 'null'];
      if (Array.isArray(s.enum)) s.enum = [...s.enum, null];
      return s;
    }
    const { description, title, readOnly, ...rest } = s;
    return {
      ...(description !== undefined ? { description } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(readOnly !== undefined ? { readOnly } : {}),
      anyOf: [{ type: 'null' }, rest],
    };
  }
  delete s.nullable;
  return s;
}

function flattenEnums(schema: Schema | undefined): Schema | undefined {
  if (!schema) return schema;
  const items = schema.items as Schema | undefined;
  if (items && Array.isArray(items.enum) && items.enum.some(Array.isArray)) {
    return { ...schema, items: { ...items, enum: (items.enum as unknown[]).flat() } };
  }
  return schema;
}

export function loadSpec(file: string): LoadedSpec {
  const doc = parseYaml(fs.readFileSync(path.join(SPECS_DIR, file), 'utf8')) as Doc;
  const oas30 = doc.openapi.startsWith('3.0');
  const patches = SPEC_PATCHES[file] ?? {};
  const ajv = oas30
    ? new Ajv({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false })
    : new Ajv2020({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    a: Ajv,
  ) => Ajv;
  addFormats(ajv as Ajv);

  // Schemas with a discriminator but no oneOf are bases that subtypes extend with allOf.
  const discriminated = new Set(
    Object.entries(doc.components.schemas)
      .filter(([, v]) => (v as Schema).discriminator && !(v as Schema).oneOf)
      .map(([k]) => k),
  );
  const ctxFor = (request: boolean): ConvertCtx => ({
    oas30,
    discriminated,
    request,
    docId: request ? `${DOC_ID}-request` : DOC_ID,
  });
  for (const ctx of [ctxFor(false), ctxFor(true)]) {
    const schemas: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(doc.components.schemas)) {
      const c = convert(raw, ctx) as Schema & { __branches?: unknown[] };
      if (c.__branches) {
        const { __branches, ...base } = c;
        schemas[`${name}__base`] = base;
        schemas[name] = { allOf: [{ $ref: `${ctx.docId}${REF_PREFIX}${name}__base` }, ...__branches] };
      } else {
        schemas[name] = c;
      }
    }
    ajv.addSchema({ $id: ctx.docId, components: { schemas } });
  }

  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown) => {
    let fn = cache.get(key);
    if (!fn) {
      fn = ajv.compile(convert(schema, ctxFor(key.startsWith('body:'))) as Schema);
      cache.set(key, fn);
    }
    return fn;
  };
  const errorsOf = (fn: ValidateFunction, value: unknown, where: string) =>
    fn(value)
      ? []
      : (fn.errors ?? []).map(
          (e) => `${where}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );

  const resolve = <T>(x: T | { $ref: string }): T => {
    if (x && typeof x === 'object' && '$ref' in x && typeof x.$ref === 'string') {
      const parts = x.$ref.replace(/^#\//, '').split('/');
      let cur: unknown = doc;
      for (const p of parts) cur = (cur as Record<string, unknown>)[p];
      return resolve(cur as T);
    }
    return x as T;
  };

  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      names: (template.match(/\{([^}]+)\}/g) ?? []).map((n) => n.slice(1, -1)),
      re: new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\\{[^}]+\\\}|\{[^}]+\}/g, '([^/]+)')}/?$`,
      ),
    }))
    .sort((a, b) => a.names.length - b.names.length);

  const match = (method: string, pathname: string): MatchedOperation | undefined => {
    for (const t of templates) {
      const m = t.re.exec(pathname);
      if (!m || !doc.paths[t.template]?.[method.toLowerCase()]) continue;
      return {
        template: t.template,
        method: method.toLowerCase(),
        params: Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')])),
      };
    }
    return undefined;
  };

  const coerce = (raw: string, schema: Schema | undefined, p: Parameter): unknown => {
    const type = Array.isArray(schema?.type)
      ? (schema.type as string[]).find((t) => t !== 'null')
      : schema?.type;
    if (type === 'array') {
      const values = p.explode === false || p.in !== 'query' ? raw.split(',') : [raw];
      return values.map((v) => coerce(v, schema?.items as Schema | undefined, { ...p, explode: true }));
    }
    if (type === 'integer' || type === 'number')
      return raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
    if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
    return raw;
  };

  const operation = (method: string, template: string): Operation | undefined =>
    doc.paths[template]?.[method.toLowerCase()];

  const server = doc.servers?.[0]?.url;
  return {
    file,
    basePath: server ? new URL(server, 'http://placeholder').pathname.replace(/\/+$/, '') : '',
    match,
    validateRequest(req) {
      const url = new URL(req.url, 'http://mock.invalid');
      const m = match(req.method, url.pathname);
      if (!m) return [`${req.method} ${url.pathname}: no such operation in ${file}`];
      const op = operation(m.method, m.template)!;
      const params = [...(doc.paths[m.template]?.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        resolve<Parameter>(p),
      );
      const errors: string[] = [];
      const where = `${req.method.toUpperCase()} ${m.template}`;
      const known = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of new Set(url.searchParams.keys())) {
        if (!known.has(name)) errors.push(`${where}: query parameter "${name}" is not in the spec`);
      }
      for (const p of params) {
        let raw: string | undefined;
        if (p.in === 'query') {
          const all = url.searchParams.getAll(p.name);
          raw = all.length > 0 ? all.join(',') : undefined;
        } else if (p.in === 'header') {
          const h = req.headers[p.name.toLowerCase()];
          raw = Array.isArray(h) ? h.join(',') : h;
        } else if (p.in === 'path') raw = m.params[p.name];
        else continue;
        const optional = patches.optionalHeaders?.some(
          (o) => o.method === m.method && o.name.toLowerCase() === p.name.toLowerCase(),
        );
        if (raw === undefined) {
          if (p.required && !optional)
            errors.push(`${where}: required ${p.in} parameter "${p.name}" is missing`);
          continue;
        }
        const schema = patches.flattenNestedEnums ? flattenEnums(p.schema) : p.schema;
        if (!schema) continue;
        errors.push(
          ...errorsOf(
            compile(`param:${m.method}:${m.template}:${p.in}:${p.name}`, schema),
            coerce(raw, resolve(schema), p),
            `${where} ${p.in} ${p.name}`,
          ),
        );
      }
      const content = op.requestBody?.content;
      if (content) {
        const type = String(req.headers['content-type'] ?? '');
        const base = (t: string) => t.split(';')[0]!.trim().toLowerCase();
        const key = Object.keys(content).find((k) => base(k) === base(type));
        if (req.body === undefined) {
          if (op.requestBody?.required !== false && m.method !== 'get')
            errors.push(`${where}: request body is missing`);
        } else if (!key) {
          errors.push(`${where}: content-type "${type}" is not one of ${Object.keys(content).join(', ')}`);
        } else if (content[key]?.schema) {
          errors.push(
            ...errorsOf(
              compile(`body:${m.method}:${m.template}`, content[key]!.schema),
              req.body,
              `${where} body`,
            ),
          );
        }
      } else if (req.body !== undefined && req.body !== '') {
        errors.push(`${where}: the spec defines no request body`);
      }
      return errors;
    },
    validateResponse(method, template, status, body) {
      const schema = responseSchema(method, template, status);
      if (!schema)
        return body === undefined ? [] : [`${method} ${template} ${status}: the spec defines no body`];
      return errorsOf(
        compile(`res:${method}:${template}:${status}`, schema),
        body,
        `${method.toUpperCase()} ${template} ${status}`,
      );
    },
    sampleResponse(method, template, status) {
      const schema = responseSchema(method, template, status);
      return schema ? sample(schema, 0) : undefined;
    },
    sampleComponent(name) {
      return sample({ $ref: `${REF_PREFIX}${name}` }, 0) as Record<string, unknown>;
    },
    validateComponent(name, value) {
      return errorsOf(compile(`component:${name}`, { $ref: `${REF_PREFIX}${name}` }), value, name);
    },
  };

  function responseSchema(method: string, template: string, status: number): Schema | undefined {
    const op = operation(method, template);
    const res = op?.responses?.[String(status)] ?? op?.responses?.default;
    if (!res) throw new Error(`${method} ${template} has no ${status} response in ${file}`);
    const resolved = resolve(res) as { content?: Record<string, { schema?: Schema }> };
    const first = Object.values(resolved.content ?? {})[0];
    return first?.schema;
  }

  /** Deterministic sample: required properties only, first enum value / branch, formats honoured, simple patterns. */
  function sample(schema: Schema, depth: number, pickBranch = true): unknown {
    if (schema.$ref) {
      const name = String(schema.$ref).slice(REF_PREFIX.length);
      const target = doc.components.schemas[name]!;
      const disc = target.discriminator as
        { propertyName: string; mapping?: Record<string, string> } | undefined;
      // A discriminated base: sample its first subtype (which extends the base) and set the discriminator.
      if (pickBranch && disc?.mapping && !target.oneOf) {
        const [value, ref] = Object.entries(disc.mapping)[0]!;
        const sub = sample({ $ref: ref }, depth, false) as Schema;
        return { ...sub, [disc.propertyName]: value };
      }
      return sample(target, depth, pickBranch && !discriminated.has(name));
    }
    if (schema.const !== undefined) return schema.const;
    if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).flat().find((v) => v !== null);
    if (Array.isArray(schema.allOf)) {
      const parts = schema.allOf.map((s) => sample(s as Schema, depth, false));
      const scalar = parts.find((x) => x === null || typeof x !== 'object' || Array.isArray(x));
      if (scalar !== undefined) return scalar;
      return Object.assign({}, ...(parts as object[]), sampleObject(schema, depth));
    }
    if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
      const options = (schema.oneOf ?? schema.anyOf) as Schema[];
      const pick = options.find((o) => o.type !== 'null') ?? options[0]!;
      return sample(pick, depth);
    }
    const type = Array.isArray(schema.type)
      ? (schema.type as string[]).find((t) => t !== 'null')
      : (schema.type as string | undefined);
    if (type === 'object' || (type === undefined && schema.properties)) return sampleObject(schema, depth);
    if (type === 'array') {
      const min = Number(schema.minItems ?? 0);
      if (depth > 5) return [];
      return Array.from({ length: Math.max(min, depth < 3 ? 1 : 0) }, () =>
        sample((schema.items as Schema) ?? {}, depth + 1),
      );
    }
    if (type === 'integer' || type === 'number')
      return Number(
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 1),
      );
    if (type === 'boolean') return false;
    if (type === 'string') return sampleString(schema);
    return {};
  }

  function sampleObject(schema: Schema, depth: number): Record<string, unknown> {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
      if (
        required.has(k) ||
        (depth < 2 && !v.readOnly && v.$ref === undefined && v.type !== 'object' && v.type !== 'array')
      ) {
        if (required.has(k) || depth < 1) out[k] = sample(v, depth + 1);
      }
    }
    return out;
  }
}

const FORMATS: Record<string, string> = {
  uuid: '095be615-a8ad-4c33-8e9c-c7612fbf6c9f',
  date: '2026-01-15',
  'date-time': '2026-01-15T09:30:00Z',
  uri: 'http://mock.invalid/resource',
  email: 'test@example.com',
  duration: 'P30D',
  hostname: 'mock.invalid',
};

function sampleString(schema: Schema): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  let s = format ?? (typeof schema.pattern === 'string' ? fromPattern(schema.pattern) : 'tekst');
  const min = Number(schema.minLength ?? 0);
  const max = schema.maxLength !== undefined ? Number(schema.maxLength) : undefined;
  if (s.length < min) s = s.padEnd(min, 'a');
  if (max !== undefined && s.length > max) s = s.slice(0, max);
  return s;
}

/** The shortest string matching a simple regex (classes, escapes, groups, alternation, quantifiers). */
export function fromPattern(pattern: string): string {
  let i = 0;
  const alt = (): string => {
    const first = seq();
    while (pattern[i] === '|') {
      i++;
      seq();
    }
    return first;
  };
  const seq = (): string => {
    let out = '';
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      let atom: string;
      const c = pattern[i]!;
      if (c === '^' || c === '$') {
        i++;
        continue;
      } else if (c === '(') {
        i++;
        if (pattern.startsWith('?:', i)) i += 2;
        atom = alt();
        i++;
      } else if (c === '[') {
        const end = pattern.indexOf(']', i + 2);
        const body = pattern.slice(i + 1, end);
        atom = body.startsWith('\\') ? (body[1] === 'd' ? '0' : body[1]!) : body[0] === '^' ? 'a' : body[0]!;
        i = end + 1;
      } else if (c === '\\') {
        const e = pattern[i + 1]!;
        atom = e === 'd' ? '0' : e === 'w' ? 'a' : e === 's' ? ' ' : e;
        i += 2;
      } else if (c === '.') {
        atom = 'a';
        i++;
      } else {
        atom = c;
        i++;
      }
      const q = pattern[i];
      if (q === '{') {
        const close = pattern.indexOf('}', i);
        const n = Number(pattern.slice(i + 1, close).split(',')[0]);
        out += atom.repeat(n);
        i = close + 1;
      } else if (q === '*' || q === '?') {
        i++;
      } else if (q === '+') {
        out += atom;
        i++;
      } else out += atom;
    }
    return out;
  };
  return alt();
}
