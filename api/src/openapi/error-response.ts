import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import type { ErrorBody } from '../errors.js';

/** Every `error.code` the API answers with; the document lists, per status, the ones that status can carry. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_cursor'
  | 'invalid_field'
  | 'invalid_id'
  | 'invalid_initials'
  | 'invalid_json'
  | 'invalid_query'
  | 'invalid_utf8'
  | 'internal'
  | 'method_not_allowed'
  | 'not_found'
  | 'page_not_built'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'unsupported_media_type';

const retryAfter = z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait before asking again.' });

function errorBodySchema(codes: [ErrorCode, ...ErrorCode[]]) {
  return z.strictObject({
    error: z.strictObject({
      code: z.enum(codes).meta({ description: 'Stable, for programs to branch on.' }),
      message: z.string().meta({ description: 'One sentence for a person, in English.' }),
      field: z.string().optional().meta({ description: 'The field, parameter or path segment the error is about.' }),
    }),
  }) satisfies z.ZodType<ErrorBody>;
}

/** A JSON error response; `retry` adds the Retry-After header that 429 and 503 carry. */
export function errorResponse(
  description: string,
  codes: [ErrorCode, ...ErrorCode[]],
  options: { retry?: boolean; headers?: z.ZodObject } = {},
): ZodOpenApiResponseObject {
  const headers = options.retry ? z.object({ 'Retry-After': retryAfter, ...options.headers?.shape }) : options.headers;
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: errorBodySchema(codes) } },
  };
}

/** The two failures any request that reads or writes Cassandra can meet. */
export const DATABASE_ERRORS = {
  500: errorResponse('Something failed that the API did not foresee; nothing about it is shown.', ['internal']),
  503: errorResponse('Cassandra cannot be reached; the API recovers by itself.', ['unavailable'], { retry: true }),
} satisfies Record<number, ZodOpenApiResponseObject>;
