import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

interface Recorded {
  set: Map<string, string>;
  removed: Set<string>;
}

/** What helmet sets and removes on one response, recorded without a request to answer. */
function record(middleware: ReturnType<typeof helmet>): Recorded {
  const recorded: Recorded = { set: new Map(), removed: new Set() };
  const response = {
    setHeader: (name: string, value: string | number) => recorded.set.set(name, String(value)),
    removeHeader: (name: string) => recorded.removed.add(name),
  };
  let finished = false;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers synchronously: they cannot be computed once');
  return recorded;
}

/**
 * Helmet's headers, worked out once. helmet() runs its fifteen middlewares on every request and rebuilds the policy
 * string each time, yet without nonces nothing it sets depends on the request: it is run at startup against a
 * response that records what it sets and removes, and every answer gets that record (helmet was 4 % of the list's CPU
 * under load, docs/performance.md). A policy that reads the request, or differs from one run to the next (a nonce),
 * is refused here rather than frozen.
 */
export function securityHeaders(options: HelmetOptions): RequestHandler {
  const middleware = helmet(options);
  const { set, removed } = record(middleware);
  if (!isDeepStrictEqual(record(middleware), { set, removed })) {
    throw new Error('helmet set different headers on two runs (a nonce?): they cannot be computed once');
  }
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    res.setHeaders(set);
    next();
  };
}
