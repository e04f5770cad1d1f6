import type { z } from 'zod';
import { badRequest } from '../errors.js';

/** Parses with a zod schema; the first problem becomes a 400 naming the field and the reason. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, code = 'invalid_field'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.map(String).join('.') || undefined;
  const message = field ? `${field} ${issue.message}` : `The request body ${issue.message}`;
  throw badRequest(code, message, field);
}
