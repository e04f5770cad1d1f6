import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse } from '../openapi/error-response.js';

// One or two code points that are neither controls nor the XML-forbidden U+FFFE/U+FFFF (lone surrogates neither).
// The API also draws up to two grapheme clusters of more code points (an emoji family, a flag): no pattern says that.
const INITIALS_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]{1,2}$';

export const authorAvatarPaths: ZodOpenApiPathsObject = {
  '/api/avatars/{initials}.svg': {
    get: {
      operationId: 'getAvatar',
      summary: "An author's avatar: the initials an entry's `avatarUrl` names, drawn as SVG",
      requestParams: {
        path: z.object({
          initials: z.string().meta({
            description: 'One or two user-perceived characters (grapheme clusters) of well-formed text, URL-encoded.',
            pattern: INITIALS_PATTERN,
          }),
        }),
      },
      responses: {
        200: {
          description: 'The picture; it depends on the URL alone, so it is cached for a year.',
          headers: z.object({ 'Cache-Control': z.literal('public, max-age=31536000, immutable') }),
          content: { 'image/svg+xml': { schema: z.string() } },
        },
        400: errorResponse('The initials are more than two characters, or text an SVG cannot hold.', [
          'invalid_initials',
        ]),
        500: errorResponse('Something failed that the API did not foresee.', ['internal']),
      },
    },
  },
};
