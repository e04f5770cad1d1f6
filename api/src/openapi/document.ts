import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import { authorAvatarPaths } from '../entries/author-avatar.openapi.js';
import { entriesPaths } from '../entries/entries.openapi.js';
import { healthPaths } from '../http/health.openapi.js';

export const OPENAPI_PATH = '/api/openapi.json';

const packageJson = new URL('../../package.json', import.meta.url);
const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };

const DESCRIPTION = [
  'A guestbook: sign it, read it newest first. Text is stored and returned exactly as sent.',
  '',
  'Every error is JSON, `{"error": {"code", "message", "field"?}}`: `code` is stable, `message` one sentence for a',
  'person. A path the API does not know answers 404 (`not_found`); a method a known path does not support answers 405',
  '(`method_not_allowed`) with the supported methods in `Allow`.',
].join('\n');

/** The API's contract, generated from the same zod schemas that validate its requests. */
export function createOpenApiDocument(): ReturnType<typeof createDocument> {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Guestbook API', version, description: DESCRIPTION },
    paths: {
      ...entriesPaths,
      ...authorAvatarPaths,
      ...healthPaths,
      [OPENAPI_PATH]: {
        get: {
          operationId: 'openApiDocument',
          summary: 'This document',
          responses: {
            200: {
              description: 'OpenAPI 3.1.',
              content: { 'application/json': { schema: z.looseObject({ openapi: z.literal('3.1.0') }) } },
            },
          },
        },
      },
    },
  });
}
