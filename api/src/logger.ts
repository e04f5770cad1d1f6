import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.js';

export type { Logger };

export interface LoggerOptions {
  logLevel: Config['logLevel'];
  /** `auto` is readable lines when the output is a terminal, JSON otherwise (files, containers, log collectors). */
  logFormat?: Config['logFormat'];
  /** Where the lines go; stdout unless a test reads them. */
  destination?: NodeJS.WritableStream & { isTTY?: boolean };
}

const REDACT = ['cassandra.credentials.password', 'req.headers.authorization', 'req.headers.cookie'];

/** One structured logger to stdout; redacts credentials wherever they appear. */
export function createLogger({ logLevel, logFormat = 'auto', destination = process.stdout }: LoggerOptions): Logger {
  const options = { level: logLevel, redact: REDACT };
  // stdout is written through its file descriptor, synchronously (pino's own default): the last lines before a crash
  // or Ctrl-C are not left in a buffer.
  const toStdout = destination === process.stdout;
  const readable = logFormat === 'pretty' || (logFormat === 'auto' && destination.isTTY === true);
  if (!readable) return toStdout ? pino(options) : pino(options, destination);
  const lines = pretty({
    destination: toStdout ? 1 : destination,
    sync: true,
    colorize: destination.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    // The request line says method, path, status and time; the objects behind it are for JSON and debug level.
    ignore: 'pid,hostname,req,res,responseTime',
    singleLine: true,
  });
  return pino(options, lines);
}
