import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * Validate HTTP response bodies against the response schemas of an OpenAPI 3.0 document (test helper).
 *
 * OAS 3.0 is not JSON Schema, so the schemas are converted first:
 * - `nullable: true` → the schema also accepts `null` (wrapped in `anyOf` when it has no own `type`, e.g. `allOf: [$ref]`);
 * - `oneOf` + `discriminator.mapping` → an if/then chain on the discriminator property, so the branch is chosen by
 *   its value (plain `oneOf` fails when several branches match, which polymorphic serializers without
 *   `additionalProperties: false` always do);
 * - `example` is dropped; `readOnly` stays (a response must contain the readOnly fields the schema requires);
 * - local `$ref`s are made absolute so inline schemas resolve too.
 */
export interface OasValidationResult {
  valid: boolean;
  /** Where the schema came from, e.g. `GET /klantcontacten 200 → #/components/schemas/PaginatedExpandKlantcontactList`. */
  schema: string;
  errors: string[];
}

export interface OasValidator {
  validateResponse(method: string, url: string, status: number, body: unknown): OasValidationResult;
  /** Validate a value against a named component schema. */
  validateComponent(name: string, value: unknown): OasValidationResult;
}

type SchemaObject = Record<string, unknown>;
const DOC_ID = 'oas-document';

function convertSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convertSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = { ...(schema as SchemaObject) };
  delete s.example;

  if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) s.$ref = `${DOC_ID}${s.$ref}`;
  if (s.properties && typeof s.properties === 'object') {
    s.properties = Object.fromEntries(
      Object.entries(s.properties as SchemaObject).map(([k, v]) => [k, convertSchema(v)]),
    );
  }
  if (s.items !== undefined) s.items = convertSchema(s.items);
  if (s.additionalProperties !== undefined && typeof s.additionalProperties === 'object') {
    s.additionalProperties = convertSchema(s.additionalProperties);
  }
  if (s.not !== undefined) s.not = convertSchema(s.not);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) s[k] = convertSchema(s[k]);

  const discriminator = s.discriminator as
    { propertyName: string; mapping?: Record<string, string> } | undefined;
  delete s.discriminator;
  if (discriminator?.mapping && Array.isArray(s.oneOf)) {
    const prop = discriminator.propertyName;
    const entries = Object.entries(discriminator.mapping);
    delete s.oneOf;
    s.allOf = [
      ...((s.allOf as unknown[] | undefined) ?? []),
      { type: 'object', required: [prop], properties: { [prop]: { enum: entries.map(([k]) => k) } } },
      ...entries.map(([value, ref]) => ({
        if: { properties: { [prop]: { const: value } }, required: [prop] },
        then: { $ref: ref.startsWith('#/') ? `${DOC_ID}${ref}` : ref },
      })),
    ];
  }

  if (s.nullable === true) {
    delete s.nullable;
    const simple =
      typeof s.type === 'string' &&
      s.allOf === undefined &&
      s.anyOf === undefined &&
      s.oneOf === undefined &&
      s.$ref === undefined;
    if (simple) {
      s.type = [s.type as string, 'null'];
      if (Array.isArray(s.enum)) s.enum = [...(s.enum as unknown[]), null];
      return s;
    }
    const { description, title, readOnly, deprecated, ...rest } = s;
    const meta = Object.fromEntries(
      Object.entries({ description, title, readOnly, deprecated }).filter(([, v]) => v !== undefined),
    );
    return { ...meta, anyOf: [{ type: 'null' }, rest] };
  }
  delete s.nullable;
  return s;
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export function loadOasValidator(specPath: string): OasValidator {
  const doc = parseYaml(fs.readFileSync(specPath, 'utf8')) as {
    servers?: { url: string }[];
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };
  const basePath = (doc.servers?.[0]?.url ?? '').replace(/\/+$/, '');
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS: its default export is the plugin function, or nested once under ESM interop.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    a: Ajv,
  ) => Ajv;
  addFormats(ajv);
  const schemas = Object.fromEntries(
    Object.entries(doc.components.schemas).map(([k, v]) => [k, convertSchema(v)]),
  );
  ajv.addSchema({ $id: DOC_ID, components: { schemas } });

  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{[^}]+\}/g) ?? []).length,
      re: new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}/?$`,
      ),
    }))
    .sort((a, b) => a.params - b.params);

  const cache = new Map<string, ValidateFunction>();
  const compiled = (key: string, schema: unknown): ValidateFunction => {
    let fn = cache.get(key);
    if (!fn) {
      fn = ajv.compile(convertSchema(schema) as SchemaObject);
      cache.set(key, fn);
    }
    return fn;
  };
  const run = (fn: ValidateFunction, schema: string, body: unknown): OasValidationResult => {
    const valid = fn(body) === true;
    return {
      valid,
      schema,
      errors: valid
        ? []
        : (fn.errors ?? []).map(
            (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
          ),
    };
  };

  return {
    validateResponse(method, url, status, body) {
      const pathname = new URL(url, 'http://placeholder').pathname;
      const path = basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
      const match = templates.find((t) => t.re.test(path));
      if (!match) return { valid: false, schema: '(none)', errors: [`No path in the spec matches ${path}`] };
      const op = doc.paths[match.template]?.[method.toLowerCase()];
      if (!op)
        return { valid: false, schema: '(none)', errors: [`${method} ${match.template} is not in the spec`] };
      const response = op.responses?.[String(status)];
      if (!response) {
        return {
          valid: false,
          schema: '(none)',
          errors: [`${method} ${match.template} has no ${status} response in the spec`],
        };
      }
      const schema = response.content?.['application/json']?.schema;
      if (schema === undefined) {
        const empty = body === undefined || body === null || body === '';
        return {
          valid: empty,
          schema: `${method} ${match.template} ${status} (no body)`,
          errors: empty ? [] : ['Expected no body'],
        };
      }
      const ref = (schema as { $ref?: string }).$ref;
      const label = `${method.toUpperCase()} ${match.template} ${status} → ${ref ?? 'inline schema'}`;
      return run(compiled(`${method} ${match.template} ${status}`, schema), label, body);
    },
    validateComponent(name, value) {
      if (!(name in doc.components.schemas))
        return { valid: false, schema: name, errors: [`Unknown component ${name}`] };
      return run(
        compiled(`component:${name}`, { $ref: `#/components/schemas/${name}` }),
        `#/components/schemas/${name}`,
        value,
      );
    },
  };
}
