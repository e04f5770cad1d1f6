import { z } from 'zod';
import { LIMITS, PAGE_SIZE } from '../contract.js';

const codePoints = (s: string) => [...s].length;

// C0/C1 controls. Newline, carriage return and tab are ordinary in a multi-line message; nothing else in this class is
// something a person types, and stored NULs or escape sequences would reach terminals and logs later.
const ANY_CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

function text(max: number, forbidden: RegExp, forbiddenWhat: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    // A lone surrogate would be silently stored as U+FFFD by the driver: refuse it instead of changing the text.
    .refine((s) => s.isWellFormed(), { message: 'must be well-formed Unicode (it contains a lone surrogate)', abort: true })
    .refine((s) => !forbidden.test(s), { message: `must not contain ${forbiddenWhat}`, abort: true })
    .refine((s) => codePoints(s) >= 1, { message: 'must not be empty', abort: true })
    .refine((s) => codePoints(s) <= max, { message: `must be at most ${max} characters (Unicode code points)` });
}

export const newEntrySchema = z.strictObject(
  {
    name: text(LIMITS.name, ANY_CONTROL, 'control characters'),
    message: text(LIMITS.message, CONTROL_EXCEPT_LINE_BREAKS, 'control characters other than newline, carriage return and tab'),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'is not a field of an entry' : 'must be a JSON object') },
);

export const listQuerySchema = z.strictObject(
  {
    limit: z.coerce
      .number({ error: 'must be a whole number from 1 to 100' })
      .int('must be a whole number from 1 to 100')
      .min(1, 'must be a whole number from 1 to 100')
      .max(PAGE_SIZE.max, 'must be a whole number from 1 to 100')
      .default(PAGE_SIZE.default),
    cursor: z.string({ error: 'must be given once' }).optional(),
  },
  { error: 'is not a parameter of this list' },
);

// Timeuuids are version 1 UUIDs; anything else cannot be an entry id.
export const entryIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an entry id') });
