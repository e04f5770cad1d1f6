import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSecurityHeaders } from '../src/api-security-headers.js';
import { checkWebNginx, type WebImageFiles } from '../src/nginx-check.js';
import { parseNginx } from '../src/nginx-config.js';
import { readText, repoPath } from '../src/repo-files.js';

const SNIPPET = 'web/nginx-security-headers.conf';

/** The web image's files, with some replaced by a broken copy. */
function webImage(replaced: Record<string, string> = {}): WebImageFiles {
  const read = (relative: string) =>
    replaced[relative] ?? (existsSync(repoPath(relative)) ? readText(relative) : undefined);
  return { dockerfile: read('web/Dockerfile')!, template: read('web/nginx.conf.template')!, read };
}

let api: Record<string, string> = {};
beforeAll(async () => {
  api = await apiSecurityHeaders();
});

describe("web/nginx.conf.template against the API's own answers", () => {
  it('when the API answers, then its security headers include the strict CSP and X-Frame-Options DENY', () => {
    expect(api['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(api['x-frame-options']).toBe('DENY');
  });

  it('when rendered with the files the image copies, then gzip is on and the page and assets carry every API security header', () => {
    expect(checkWebNginx(webImage(), api)).toEqual([]);
  });

  it('when the page keeps an older CSP, then the check shows both policies for the page and its assets', () => {
    const policy = api['content-security-policy']!;
    const framable = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

    expect(checkWebNginx(webImage({ [SNIPPET]: readText(SNIPPET).replace(policy, framable) }), api)).toEqual(
      ['/', '/assets/'].map(
        (location) =>
          `web/nginx.conf.template location ${location}: content-security-policy is "${framable}", the API sends "${policy}"`,
      ),
    );
  });

  it('when X-Frame-Options is missing, or sent without "always", then the check reports it', () => {
    const without = readText(SNIPPET).replace(/^add_header X-Frame-Options.*\n/m, '');
    const notAlways = readText(SNIPPET).replace('X-Frame-Options DENY always;', 'X-Frame-Options DENY;');

    expect(checkWebNginx(webImage({ [SNIPPET]: without }), api)).toEqual([
      'web/nginx.conf.template location /: no x-frame-options (the API sends "DENY")',
      'web/nginx.conf.template location /assets/: no x-frame-options (the API sends "DENY")',
    ]);
    expect(checkWebNginx(webImage({ [SNIPPET]: notAlways }), api)[0]).toBe(
      'web/nginx.conf.template location /: x-frame-options without "always": error answers would go out without it',
    );
  });

  it('when a location adds its own header without the snippet, then it loses the security headers, and the check says so', () => {
    const template = readText('web/nginx.conf.template').replace(/(location \/assets\/ \{\s*)include [^;]+;/, '$1');

    expect(checkWebNginx(webImage({ 'web/nginx.conf.template': template }), api)).toEqual(
      Object.entries(api).map(
        ([name, value]) => `web/nginx.conf.template location /assets/: no ${name} (the API sends "${value}")`,
      ),
    );
  });

  it('when a proxied location adds a security header, then the check reports the duplicate', () => {
    const template = readText('web/nginx.conf.template').replace(
      'location /api/ {',
      'location /api/ {\n    add_header X-Frame-Options DENY always;',
    );

    expect(checkWebNginx(webImage({ 'web/nginx.conf.template': template }), api)).toEqual([
      "web/nginx.conf.template location /api/: adds x-frame-options, which the API's answer already has (sent twice)",
    ]);
  });

  it('when gzip is off or misses JSON, then the check reports it', () => {
    const template = readText('web/nginx.conf.template');

    expect(
      checkWebNginx(webImage({ 'web/nginx.conf.template': template.replace('gzip on;', 'gzip off;') }), api),
    ).toEqual(["web/nginx.conf.template: gzip must be on (the page's script and stylesheet)"]);
    expect(
      checkWebNginx(webImage({ 'web/nginx.conf.template': template.replace(' application/json', '') }), api),
    ).toEqual(['web/nginx.conf.template: gzip_types lacks application/json']);
  });

  it('when the image does not copy the included snippet, then the check names the missing file', () => {
    const dockerfile = readText('web/Dockerfile').replace(/^COPY web\/nginx-security-headers\.conf .*\n/m, '');

    expect(checkWebNginx({ ...webImage(), dockerfile }, api)).toEqual([
      'web/nginx.conf.template: include /etc/nginx/snippets/security-headers.conf: the image has no such file',
    ]);
  });

  it('when a block is not closed or a directive lacks its semicolon, then parsing fails as nginx would', () => {
    expect(() => parseNginx('server { listen 8080;', 'x')).toThrow('x: unexpected end of file (missing } or ;)');
    expect(() => parseNginx('server { listen 8080 }', 'x')).toThrow(
      'x: unexpected "}" after "listen 8080" (missing ;)',
    );
    expect(parseNginx(`location = /healthz { return 200 '{"status":"ok"}'; }`, 'x')).toEqual([
      { name: 'location', args: ['=', '/healthz'], block: [{ name: 'return', args: ['200', '{"status":"ok"}'] }] },
    ]);
  });
});
