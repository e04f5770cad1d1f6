import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { OPENAPI_PATH } from './document.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** Each path of the document, with its parameters filled in, and the methods the document gives it. */
const PATHS: [template: string, concrete: string, documented: Method[]][] = [
  ['/api/entries', '/api/entries', ['get', 'post']],
  ['/api/entries/{id}', '/api/entries/5b6962dd-3f90-11ef-9a5b-0242ac120002', ['get']],
  ['/api/avatars/{initials}.svg', '/api/avatars/AL.svg', ['get']],
  ['/healthz', '/healthz', ['get']],
  ['/readyz', '/readyz', ['get']],
  [OPENAPI_PATH, OPENAPI_PATH, ['get']],
];

const allowFor = (documented: Method[]) =>
  [...documented.flatMap((m) => (m === 'get' ? ['GET', 'HEAD'] : [m.toUpperCase()])), 'OPTIONS'].join(', ');

describe(`GET ${OPENAPI_PATH}`, () => {
  it('when asked, then it answers an OpenAPI 3.1 document of exactly the paths and methods served', async () => {
    const res = await request(t.app).get(OPENAPI_PATH);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openapi: '3.1.0', info: { title: 'Guestbook API', version: expect.any(String) } });
    const paths = Object.entries(res.body.paths as Record<string, object>);
    const documented = Object.fromEntries(paths.map(([path, item]) => [path, Object.keys(item)]));
    expect(documented).toEqual(Object.fromEntries(PATHS.map(([template, , methods]) => [template, methods])));
  });

  it('when an operation can fail, then each status it answers with is documented with its error codes', async () => {
    const { paths } = (await request(t.app).get(OPENAPI_PATH)).body;
    const statuses = (path: string, method: string) => Object.keys(paths[path][method].responses);

    expect(statuses('/api/entries', 'post')).toEqual(['201', '400', '413', '415', '429', '500', '503']);
    expect(statuses('/api/entries', 'get')).toEqual(['200', '400', '500', '503']);
    expect(statuses('/api/entries/{id}', 'get')).toEqual(['200', '400', '404', '500', '503']);
    expect(statuses('/api/avatars/{initials}.svg', 'get')).toEqual(['200', '400', '500']);
    expect(statuses('/readyz', 'get')).toEqual(['200', '503']);
    const tooMany = paths['/api/entries'].post.responses['429'];
    expect(tooMany.headers).toHaveProperty('Retry-After');
    expect(tooMany.content['application/json'].schema.properties.error.properties.code.enum).toEqual(['rate_limited']);
  });
});

describe('a method a known path does not support (RFC 9110)', () => {
  const unsupported = PATHS.flatMap(([, path, documented]) =>
    METHODS.filter((m) => !documented.includes(m)).map((m) => [m.toUpperCase(), path, allowFor(documented)] as const),
  );

  it.each(unsupported)('when %s %s, then 405 with Allow: %s and a JSON error', async (method, path, allow) => {
    const res = await request(t.app)[method.toLowerCase() as Method](path);

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const message = `This address does not answer ${method}; it answers ${allow}.`;
    expect(res.body).toEqual({ error: { code: 'method_not_allowed', message } });
  });

  const everyPath = PATHS.map(([, path, documented]) => [path, allowFor(documented)]);

  it.each(everyPath)('when OPTIONS %s, then 204 with Allow: %s', async (path, allow) => {
    const res = await request(t.app).options(path);

    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe(allow);
  });

  it('when HEAD asks for a GET path, then it is answered like GET without a body', async () => {
    const res = await request(t.app).head('/api/entries');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('when the path itself is unknown, then it stays 404, whatever the method', async () => {
    const res = await request(t.app).delete('/api/nothing-here');

    expect(res.status).toBe(404);
    expect(res.headers.allow).toBeUndefined();
    const message = 'There is no route for DELETE /api/nothing-here.';
    expect(res.body).toEqual({ error: { code: 'not_found', message } });
  });
});
