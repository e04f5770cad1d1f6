import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { DATABASE_ERRORS, errorResponse } from '../openapi/error-response.js';
import { ENTRY_ID, entryIdParams, listQuerySchema, newEntrySchema } from './entries.schema.js';
import type { Entry } from './entry.js';
import type { EntryList } from './entries.service.js';

// Answers describe what is stored, which may predate today's rules (a replayed production copy): no limits here.
const entrySchema = z
  .strictObject({
    id: z.string().regex(ENTRY_ID).meta({ description: 'A time-based UUID (version 1).' }),
    name: z.string().meta({ description: 'Exactly as signed.' }),
    message: z.string().meta({ description: 'Exactly as signed.' }),
    createdAt: z.iso.datetime().meta({ description: 'When it was signed, UTC.' }),
    initials: z.string().meta({ description: "Up to two user-perceived characters of the name, or '?'." }),
    avatarUrl: z
      .string()
      .regex(/^\/api\/avatars\/[^/]+\.svg$/)
      .meta({ description: 'The avatar drawn from the initials.' }),
  })
  .meta({ id: 'Entry' }) satisfies z.ZodType<Entry>;

const entryListSchema = z
  .strictObject({
    entries: z.array(entrySchema).meta({ description: 'Newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass it as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'EntryList' }) satisfies z.ZodType<EntryList>;

// express-rate-limit's draft-8 headers: the policy, and what is left of it for this address.
const rateLimitHeaders = z.object({
  'RateLimit-Policy': z.string().meta({ description: 'The limit: signs per address per minute.' }),
  RateLimit: z.string().meta({ description: 'Signs left for this address, and seconds until the window resets.' }),
});

export const entriesPaths: ZodOpenApiPathsObject = {
  '/api/entries': {
    get: {
      operationId: 'listEntries',
      summary: 'A page of entries, newest first',
      requestParams: { query: listQuerySchema },
      responses: {
        200: { description: 'The page.', content: { 'application/json': { schema: entryListSchema } } },
        400: errorResponse('A parameter is refused, or the cursor is not one the API gave out.', [
          'invalid_query',
          'invalid_cursor',
        ]),
        ...DATABASE_ERRORS,
      },
    },
    post: {
      operationId: 'signEntry',
      summary: 'Sign the guestbook',
      requestBody: { required: true, content: { 'application/json': { schema: newEntrySchema } } },
      responses: {
        201: {
          description: 'Stored exactly as sent.',
          headers: z.object({
            Location: z.string().meta({ description: 'The new entry.' }),
            ...rateLimitHeaders.shape,
          }),
          content: { 'application/json': { schema: entrySchema } },
        },
        400: errorResponse('A field is refused (named in `field`), or the body is not UTF-8 JSON.', [
          'invalid_field',
          'invalid_json',
          'invalid_utf8',
          'bad_request',
        ]),
        413: errorResponse('The body is larger than 16 KiB (after decompression).', ['payload_too_large']),
        415: errorResponse('The body is not JSON, not UTF-8, or in an encoding the API cannot undo.', [
          'unsupported_media_type',
          'bad_request',
        ]),
        429: errorResponse('This address signed too often in the last minute.', ['rate_limited'], {
          retry: true,
          headers: rateLimitHeaders,
        }),
        ...DATABASE_ERRORS,
      },
    },
  },
  '/api/entries/{id}': {
    get: {
      operationId: 'getEntry',
      summary: 'One entry',
      requestParams: { path: entryIdParams },
      responses: {
        200: { description: 'The entry.', content: { 'application/json': { schema: entrySchema } } },
        400: errorResponse('The id cannot be an entry id.', ['invalid_id']),
        404: errorResponse('There is no entry with this id.', ['not_found']),
        ...DATABASE_ERRORS,
      },
    },
  },
};
