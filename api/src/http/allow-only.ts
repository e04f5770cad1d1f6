import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/**
 * The last handler of a route: a method the path does not support gets 405 with the methods it does support in
 * `Allow` (RFC 9110 §15.5.6), where a router would say 404 as if the path did not exist. OPTIONS gets the list.
 */
export function allowOnly(...methods: string[]): RequestHandler {
  const allow = [...methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])), 'OPTIONS'].join(', ');
  return (req, res) => {
    if (req.method === 'OPTIONS') {
      res.set('Allow', allow).status(204).end();
      return;
    }
    const sentence = `This address does not answer ${req.method}; it answers ${allow}.`;
    throw new HttpError(405, 'method_not_allowed', sentence, undefined, { Allow: allow });
  };
}
