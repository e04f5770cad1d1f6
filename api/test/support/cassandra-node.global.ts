import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraNode } from '@guestbook/cassandra';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    cassandraContactPoint: string;
  }
}

/** Starts one real Cassandra node for the test run and removes it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = mkdtempSync(join(tmpdir(), 'guestbook-api-test-'));
  const node = await CassandraNode.start({ directory: join(directory, 'node'), clusterName: 'api-tests' });
  project.provide('cassandraContactPoint', node.contactPoint);
  return async () => {
    await node.stop();
    rmSync(directory, { recursive: true, force: true });
  };
}
