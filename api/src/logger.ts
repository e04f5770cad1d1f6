import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** One structured logger, JSON to stdout; redacts credentials wherever they appear. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: ['cassandra.credentials.password', 'req.headers.authorization', 'req.headers.cookie'],
  });
}
