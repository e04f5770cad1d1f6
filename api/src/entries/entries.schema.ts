import { z } from 'zod';
import { LIMITS, PAGE_SIZE } from '../contract.js';

const NAME_MAX = LIMITS.name;
const MESSAGE_MAX = LIMITS.message;

const codePoints = (s: string) => [...s].length;

// C0/C1 controls. Newline, carriage return and tab are ordinary in a multi-line message; nothing else in this class is
// something a person types, and stored NULs or escape sequences would reach terminals and logs later.
const ANY_CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

// The same rules for the OpenAPI document, where a refinement cannot be seen: JSON Schema counts lengths in code
// points, as the API does, and these patterns refuse the controls the refinements refuse. Lone surrogates are left to
// the description: fuzzers and validators hold text as Unicode scalar values, where a surrogate cannot occur.
const NAME_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';
const MESSAGE_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';
const WELL_FORMED = 'Well-formed Unicode: half of a surrogate pair is refused, as are control characters';

/** What a person is told about one text field: each sentence written for that field, none pieced together. */
interface TextErrors {
  missing: string;
  notText: string;
  illFormed: string;
  control: string;
  empty: string;
  tooLong: (length: number) => string;
}

const NAME_ERRORS: TextErrors = {
  missing: 'The name is missing.',
  notText: 'The name must be text.',
  illFormed: 'The name is not well-formed Unicode: it contains half of a surrogate pair.',
  control: 'The name must not contain control characters, such as a line break or a tab.',
  empty: 'Please write a name.',
  tooLong: (length) =>
    `The name is ${length} characters long; the limit is ${NAME_MAX} (counted in Unicode code points).`,
};

const MESSAGE_ERRORS: TextErrors = {
  missing: 'The message is missing.',
  notText: 'The message must be text.',
  illFormed: 'The message is not well-formed Unicode: it contains half of a surrogate pair.',
  control: 'The message must not contain control characters other than line breaks and tabs.',
  empty: 'Please write a message.',
  tooLong: (length) =>
    `The message is ${length} characters long; the limit is ${MESSAGE_MAX} (counted in Unicode code points).`,
};

function text(max: number, forbidden: RegExp, errors: TextErrors) {
  return (
    z
      .string({ error: (issue) => (issue.input === undefined ? errors.missing : errors.notText) })
      // A lone surrogate would be silently stored as U+FFFD by the driver: refuse it instead of changing the text.
      .refine((s) => s.isWellFormed(), { message: errors.illFormed, abort: true })
      .refine((s) => !forbidden.test(s), { message: errors.control, abort: true })
      .refine((s) => codePoints(s) >= 1, { message: errors.empty, abort: true })
      .refine((s) => codePoints(s) <= max, { error: (issue) => errors.tooLong(codePoints(String(issue.input))) })
  );
}

export const newEntrySchema = z
  .strictObject(
    {
      name: text(NAME_MAX, ANY_CONTROL, NAME_ERRORS).meta({
        description: `1 to ${NAME_MAX} code points. ${WELL_FORMED}.`,
        minLength: 1,
        maxLength: NAME_MAX,
        pattern: NAME_PATTERN,
      }),
      message: text(MESSAGE_MAX, CONTROL_EXCEPT_LINE_BREAKS, MESSAGE_ERRORS).meta({
        description: `1 to ${MESSAGE_MAX} code points. ${WELL_FORMED} other than line breaks and tabs.`,
        minLength: 1,
        maxLength: MESSAGE_MAX,
        pattern: MESSAGE_PATTERN,
      }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'An entry has only a name and a message; the request body has another field.'
          : 'The request body must be a JSON object with a name and a message.',
    },
  )
  .meta({ id: 'NewEntry', description: 'What a visitor signs. Text is stored exactly as sent.' });

const LIMIT_ERROR = 'The limit must be a whole number from 1 to 100.';

export const listQuerySchema = z.strictObject(
  {
    limit: z.coerce
      .number({ error: LIMIT_ERROR })
      .int(LIMIT_ERROR)
      .min(1, LIMIT_ERROR)
      .max(PAGE_SIZE.max, LIMIT_ERROR)
      .default(PAGE_SIZE.default)
      .meta({ description: 'How many entries to return.' }),
    cursor: z
      .string({ error: 'The cursor must be given once.' })
      .optional()
      .meta({ description: 'Where the previous page ended: its `nextCursor`, exactly as the API gave it out.' }),
  },
  { error: 'The list takes only the parameters limit and cursor.' },
);

/** Timeuuids are version 1 UUIDs; anything else cannot be an entry id. */
export const ENTRY_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-1[0-9a-fA-F]{3}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const entryIdParams = z.object({
  id: z
    .string()
    .regex(ENTRY_ID, 'The entry id must be one this API gave out (a time-based UUID).')
    .meta({ description: 'The `id` of an entry.' }),
});
