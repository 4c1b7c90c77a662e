import type { FastifyInstance } from 'fastify';
import { problems } from './problem';

/** No request the product knows nests deeper than a handful of levels; 32 leaves plenty of room. */
export const MAX_JSON_DEPTH = 32;

/**
 * Deepest nesting of arrays and objects in a JSON text, counted in one pass without recursion (strings are
 * skipped, so brackets inside them do not count). Stops counting as soon as `limit` is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Fastify's own JSON parser (prototype-poisoning protection included), but a body nested deeper than
 * MAX_JSON_DEPTH is a 400 problem: deep structures parse fine and then overflow the stack of every recursive
 * consumer (`JSON.stringify`, zod, SQLite JSON), which would be a 500.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(problems.badRequest(`De JSON is dieper genest dan ${MAX_JSON_DEPTH} niveaus.`), undefined);
      return;
    }
    parse(request, text, done);
  });
}
