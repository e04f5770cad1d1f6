import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

type SerializedRequest = { id: unknown; method: string; url: string; remoteAddress: string; remotePort: number };

/**
 * One line per answered request. Below debug it names the request and the status only: pino-http serialises the
 * request for every request, whether or not a line is written, and a browser's dozen request headers and the answer's
 * fifteen security headers are work nobody reads at info level (the log was 6–8 % of the API's CPU under load,
 * docs/performance.md). At debug, everything pino-http logs by default, headers included (credentials and cookies stay
 * redacted).
 */
export function requestLog(logger: Logger): RequestHandler {
  const slim = !logger.isLevelEnabled('debug');
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    ...(slim && {
      serializers: {
        req: ({ id, method, url, remoteAddress, remotePort }: SerializedRequest) =>
          ({ id, method, url, remoteAddress, remotePort }),
        res: ({ statusCode }: { statusCode: number }) => ({ statusCode }),
      },
    }),
  });
}
