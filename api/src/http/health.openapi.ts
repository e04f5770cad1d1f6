import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse } from '../openapi/error-response.js';

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

export const healthPaths: ZodOpenApiPathsObject = {
  '/healthz': {
    get: {
      operationId: 'liveness',
      summary: 'The process runs',
      responses: {
        200: {
          description: 'Always, while the process runs.',
          content: json(z.strictObject({ status: z.literal('ok') })),
        },
      },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readiness',
      summary: 'The API can serve: Cassandra answers',
      responses: {
        200: { description: 'Cassandra answers.', content: json(z.strictObject({ status: z.literal('ready') })) },
        503: errorResponse('Cassandra does not answer.', ['unavailable'], { retry: true }),
      },
    },
  },
};
