import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], objectSrc: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
};

/** An app that answers every request with one small JSON body, behind the given headers middleware. */
async function headersOf(middleware: RequestHandler) {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => res.json({ ok: true }));
  const res = await request(app).get('/');
  const { date: _date, ...headers } = res.headers;
  return headers;
}

describe('security headers computed once', () => {
  it('when an answer goes out, then it carries exactly the headers helmet itself sets, X-Powered-By removed', async () => {
    const fromHelmet = await headersOf(helmet(OPTIONS));

    const computedOnce = await headersOf(securityHeaders(OPTIONS));

    expect(computedOnce).toEqual(fromHelmet);
    expect(computedOnce['content-security-policy']).toBe("default-src 'self';object-src 'none'");
    expect(computedOnce['x-powered-by']).toBeUndefined();
  });

  it('when the policy differs per request (a nonce), then it is refused rather than frozen', () => {
    const nonce = () => `'nonce-${randomBytes(16).toString('base64')}'`;
    const fromRequest = (req: IncomingMessage) => `'nonce-${req.headers['x-nonce']}'`;

    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: [nonce] } } })).toThrow(/nonce/);
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: [fromRequest] } } })).toThrow();
  });
});
