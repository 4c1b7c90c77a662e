import { loadSpec } from '../connectors/oas-spec';

/**
 * Response validation by request URL (test helper): finds the operation a full URL belongs to (the spec's server
 * path stripped) and validates with the one OpenAPI → JSON Schema conversion in `test-support/connectors/oas-spec.ts`
 * (nullable, `discriminator` mapping, OAS 3.1).
 */
export interface OasValidationResult {
  valid: boolean;
  /** Which operation the body was checked against, e.g. `GET /klantcontacten 200`. */
  schema: string;
  errors: string[];
}

export interface OasValidator {
  validateResponse(method: string, url: string, status: number, body: unknown): OasValidationResult;
  /** Validate a value against a named component schema. */
  validateComponent(name: string, value: unknown): OasValidationResult;
}

const result = (schema: string, errors: string[]): OasValidationResult => ({
  valid: errors.length === 0,
  schema,
  errors,
});

/** `file`: a spec in `assets/specs`, e.g. `klantinteracties-v1.yaml`. */
export function loadOasValidator(file: string): OasValidator {
  const spec = loadSpec(file);
  return {
    validateResponse(method, url, status, body) {
      const pathname = new URL(url, 'http://placeholder').pathname;
      const path =
        spec.basePath && pathname.startsWith(spec.basePath) ? pathname.slice(spec.basePath.length) : pathname;
      const match = spec.match(method, path);
      if (!match) return result('(none)', [`${method} ${path}: no such operation in ${file}`]);
      const label = `${method.toUpperCase()} ${match.template} ${status}`;
      try {
        return result(label, spec.validateResponse(method, match.template, status, body ?? undefined));
      } catch (error) {
        return result(label, [(error as Error).message]);
      }
    },
    validateComponent(name, value) {
      return result(`#/components/schemas/${name}`, spec.validateComponent(name, value));
    },
  };
}
