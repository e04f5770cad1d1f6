import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isUnavailable } from '../cassandra.js';
import { HttpError, errorBody } from '../errors.js';
import type { Logger } from '../logger.js';

/** Seconds a client should wait before retrying while Cassandra is unreachable (the driver reconnects every second). */
const RETRY_AFTER_SECONDS = '5';

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `There is no route for ${req.method} ${req.baseUrl}${req.path}.`));
};

/** The one place errors become responses: JSON with a stable code, never a stack trace or a driver message. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof HttpError) {
      res
        .status(error.status)
        .set(error.headers)
        .json(errorBody(error.code, error.message, error.field));
      return;
    }
    const status = (error as { status?: number; type?: string }).status;
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).json(errorBody('payload_too_large', 'The request body is larger than 16 KiB.'));
      return;
    }
    if (status && status >= 400 && status < 500) {
      // body-parser / express client errors (aborted request, unsupported encoding, ...).
      res.status(status).json(errorBody('bad_request', 'The request could not be read.'));
      return;
    }
    if (isUnavailable(error)) {
      logger.warn({ err: error, path: req.path }, 'Cassandra unavailable');
      res
        .status(503)
        .set('Retry-After', RETRY_AFTER_SECONDS)
        .json(errorBody('unavailable', 'The guestbook database is unavailable; try again shortly.'));
      return;
    }
    logger.error({ err: error, path: req.path }, 'Unhandled error');
    res.status(500).json(errorBody('internal', 'Something went wrong on our side.'));
  };
}
