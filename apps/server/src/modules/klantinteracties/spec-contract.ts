import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../../config';

/**
 * What the API takes from `assets/specs/klantinteracties-v1.yaml` at start-up: the operations (path template ×
 * method) and the query parameters of each, with their schema. The routes refuse query parameters that are not
 * in the spec for that operation and check the values by the parameter's type, so the accepted parameters can
 * never drift from the spec (vng-api-common answers unknown ones with `unknown-parameters`).
 */
export const KLANTINTERACTIES_SPEC_PATH = path.join(REPO_ROOT, 'assets', 'specs', 'klantinteracties-v1.yaml');

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface QueryParameterSpec {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'array';
  format?: string;
  enum?: readonly string[];
  /** For arrays (`expand`): the allowed item values. */
  itemEnum?: readonly string[];
}

export interface OperationSpec {
  method: HttpMethod;
  /** Spec path template, e.g. `/partijen/{uuid}`. */
  template: string;
  query: Map<string, QueryParameterSpec>;
}

export interface SpecContract {
  operations: OperationSpec[];
  operation(method: HttpMethod, template: string): OperationSpec | undefined;
  methodsOf(template: string): HttpMethod[];
  templates(): string[];
}

interface RawParameter {
  name?: string;
  in?: string;
  $ref?: string;
  schema?: { type?: string; format?: string; enum?: unknown[]; items?: { type?: string; enum?: unknown[] } };
}

export function loadSpecContract(specPath: string = KLANTINTERACTIES_SPEC_PATH): SpecContract {
  const doc = parseYaml(fs.readFileSync(specPath, 'utf8')) as {
    paths: Record<string, Record<string, { parameters?: RawParameter[] }> & { parameters?: RawParameter[] }>;
    components?: { parameters?: Record<string, RawParameter> };
  };
  const resolve = (p: RawParameter): RawParameter =>
    p.$ref ? (doc.components?.parameters?.[p.$ref.split('/').pop() ?? ''] ?? {}) : p;
  const operations: OperationSpec[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters ?? []).map(resolve);
    for (const method of HTTP_METHODS) {
      const op = item[method.toLowerCase()] as { parameters?: RawParameter[] } | undefined;
      if (!op) continue;
      const query = new Map<string, QueryParameterSpec>();
      for (const p of [...shared, ...(op.parameters ?? []).map(resolve)]) {
        if (p.in !== 'query' || !p.name) continue;
        const s = p.schema ?? {};
        query.set(p.name, {
          name: p.name,
          type: (s.type ?? 'string') as QueryParameterSpec['type'],
          ...(s.format ? { format: s.format } : {}),
          ...(s.enum ? { enum: s.enum.map(String) } : {}),
          ...(s.items?.enum ? { itemEnum: s.items.enum.map(String) } : {}),
        });
      }
      operations.push({ method, template, query });
    }
  }
  const byKey = new Map(operations.map((o) => [`${o.method} ${o.template}`, o]));
  return {
    operations,
    operation: (method, template) => byKey.get(`${method} ${template}`),
    methodsOf: (template) => operations.filter((o) => o.template === template).map((o) => o.method),
    templates: () => [...new Set(operations.map((o) => o.template))],
  };
}

let cached: SpecContract | undefined;
/** The contract of the shipped spec, read once per process. */
export function specContract(): SpecContract {
  cached ??= loadSpecContract();
  return cached;
}
