import type { FullConfig } from '@playwright/test';
import { fixtureEntries, readRegressionFixtures, writeFixtureEntries } from '../seed/regression-fixtures.js';
import { STACK_KEYSPACE, startStack } from './support/stack.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * With BASE_URL set, the suite is black-box against that stack (a restored production snapshot, a staging URL).
 * Without it, the suite starts its own: a Cassandra node in a temporary directory, the API, the built page.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  if (process.env.BASE_URL) {
    const health = await fetch(new URL('/healthz', process.env.BASE_URL)).catch(() => undefined);
    if (!health?.ok) throw new Error(`BASE_URL ${process.env.BASE_URL} does not answer /healthz`);
    return async () => {};
  }
  const stack = await startStack({ log });
  // Plain CI learns what production taught: the committed regression fixtures are stored rows of the stack's keyspace.
  const fixtures = fixtureEntries(readRegressionFixtures());
  await writeFixtureEntries({ contactPoints: [stack.node.contactPoint] }, STACK_KEYSPACE, fixtures);
  process.env.E2E_REGRESSION_FIXTURES = String(fixtures.length);
  // Workers start after global setup and inherit this environment; the config reads it as use.baseURL.
  process.env.BASE_URL = stack.url;
  log(`Guestbook under test: ${stack.url}`);
  return () => stack.stop();
}
