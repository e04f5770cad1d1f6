import type { z } from 'zod';
import { badRequest } from '../errors.js';

/**
 * Parses with a zod schema; the first problem becomes a 400 naming the field. The schemas word each problem as a
 * sentence of its own, so the message is passed on as written.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, code = 'invalid_field'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.map(String).join('.') || undefined;
  throw badRequest(code, issue.message, field);
}
