import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse } from '../openapi/error-response.js';

export const healthPaths: ZodOpenApiPathsObject = {
  '/healthz': {
    get: {
      operationId: 'liveness',
      summary: 'The process runs',
      responses: {
        200: { description: 'Always, while the process runs.', content: { 'application/json': { schema: z.strictObject({ status: z.literal('ok') }) } } },
      },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readiness',
      summary: 'The API can serve: Cassandra answers',
      responses: {
        200: { description: 'Cassandra answers.', content: { 'application/json': { schema: z.strictObject({ status: z.literal('ready') }) } } },
        503: errorResponse('Cassandra does not answer.', ['unavailable'], { retry: true }),
      },
    },
  },
};
