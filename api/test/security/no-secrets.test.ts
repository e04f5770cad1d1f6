import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);

/** Shapes of real credentials: key blocks and the token formats of the services a project like this might touch. */
const CREDENTIAL_SHAPES: Array<[string, RegExp]> = [
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['an AWS access key id', /\bAKIA[0-9A-Z]{16}\b/],
  ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20}\b/],
  ['an npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['a Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a registry auth token', /_authToken\s*=/],
];

// Deployment descriptors may name the API's secrets only as references (${VAR}, $CI_VAR, {"secret": ...}), never as values.
const DESCRIPTOR = /(\.ya?ml|\.json|Dockerfile|\.template|\.conf|\.env)$/;
const SECRET_WITH_A_VALUE = /(?<![${])\b(CASSANDRA_PASSWORD|CURSOR_SECRET)\b["']?\s*[:=]\s*["']?(?![$"'{\s]|$)/m;

const text = (file: string) => {
  const path = join(REPO, file);
  return statSync(path, { throwIfNoEntry: false })?.isFile() && statSync(path).size < 2_000_000
    ? readFileSync(path, 'utf8')
    : '';
};

describe('no secrets in the repository', () => {
  it('when every tracked file is read, then none holds a credential', () => {
    const found = tracked.flatMap((file) =>
      CREDENTIAL_SHAPES.filter(([, shape]) => shape.test(text(file))).map(([what]) => `${file}: ${what}`),
    );

    expect(found).toEqual([]);
  });

  it('when the deployment descriptors are read, then the Cassandra password and cursor secret are references, not values', () => {
    const found = tracked.filter((file) => DESCRIPTOR.test(file) && SECRET_WITH_A_VALUE.test(text(file)));

    expect(found).toEqual([]);
  });

  it('when the file names are listed, then no key, certificate store or env file is tracked', () => {
    const found = tracked.filter((file) =>
      /^(\.env(\..*)?|.*\.(pem|key|p12|pfx|jks|keystore)|id_(rsa|ed25519|ecdsa)|\.npmrc)$/.test(basename(file)),
    );

    expect(found).toEqual([]);
  });

  it('when .gitignore is read, then local env files and the local Cassandra data stay out of git', () => {
    const ignored = (path: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: REPO });
        return true;
      } catch {
        return false;
      }
    };

    expect({ env: ignored('.env'), data: ignored('.data/cassandra/data') }).toEqual({ env: true, data: true });
  });
});
