import type { z } from 'zod';
import { problems, zodToInvalidParams } from './problem';

/** Parse one part of a request with a zod schema, or throw a 400 problem with invalidParams. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'body' | 'query' | 'params' | 'header',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw problems.invalid(zodToInvalidParams(result.error, part === 'body' ? undefined : part));
  }
  return result.data;
}
