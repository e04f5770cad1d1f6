import { HEALTH_PATHS } from '../contract.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

/** Probes call these every few seconds; a line each would drown the requests people make. */
const PROBES = new Set<string>(Object.values(HEALTH_PATHS));

function line(req: IncomingMessage, res: ServerResponse, ms?: number): string {
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
  return `${req.method} ${path} ${res.statusCode}${ms === undefined ? '' : ` ${ms} ms`}`;
}

/**
 * One line per request, "GET /api/entries 200 4 ms". Request and response headers are logged at debug level only:
 * at info they are noise (and cookies or proxies' headers have no business in a routine log).
 */
export function requestLog(logger: Logger): RequestHandler {
  const brief = logger.isLevelEnabled('debug')
    ? {}
    : {
        serializers: {
          req: ({ id, method, url }: { id: unknown; method: string; url: string }) => ({ id, method, url }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      };
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => PROBES.has(req.url ?? '') },
    customSuccessMessage: (req, res, ms) => line(req, res, ms),
    customErrorMessage: (req, res, _error, ms?: number) => line(req, res, ms),
    ...brief,
  });
}
