import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLIENT_LOGBACK, ensureJars, runNodetool } from '@guestbook/cassandra';
import { SnapshotError } from '../artifact/manifest.js';
import type { NodeAccess } from '../cql-client.js';
import { openJmxSession } from './jmx-session.js';

/** A node this project did not start (production's): everything the take needs, given by hand, no node.json. */
export interface ExternalNodeOptions {
  /** One of the node's data_file_directories: the folder that holds a folder per keyspace (system_schema, ...). */
  dataDirectory: string;
  jmx: { host: string; port: number; username?: string; password?: string };
  /** The node's CQL address, `host:port`. */
  contactPoint: string;
  credentials?: { username: string; password: string };
}

/**
 * Checks what can be checked before a take (the data directory looks like Cassandra's, JMX answers with these
 * credentials) so that a wrong flag fails with one sentence instead of half-way through a snapshot.
 */
export async function attachExternalNode(options: ExternalNodeOptions): Promise<NodeAccess> {
  const dataDirectory = resolve(options.dataDirectory);
  if (!existsSync(join(dataDirectory, 'system_schema'))) {
    throw new SnapshotError(
      `${dataDirectory} is not a Cassandra data directory (it has no system_schema folder): pass one of the node's ` +
        'data_file_directories from its cassandra.yaml, e.g. /var/lib/cassandra/data.',
    );
  }
  const { jmx } = options;
  const jmxCredentials = jmx.username ? { username: jmx.username, password: jmx.password ?? '' } : undefined;
  await assertJmxAnswers(jmx.host, jmx.port, jmxCredentials);
  const tools = await nodetoolHome();
  const jarsDir = await ensureJars();
  return {
    contactPoint: options.contactPoint,
    dataDirectory,
    credentials: options.credentials,
    jmxHost: jmx.host,
    jmxPort: jmx.port,
    jmxCredentials,
    nodetool: (...args) => runNodetool(jmx, args, { jarsDir, ...tools }),
  };
}

async function assertJmxAnswers(
  host: string,
  port: number,
  credentials: { username: string; password: string } | undefined,
): Promise<void> {
  const session = await openJmxSession(host, port, credentials).catch((error: Error) => {
    const refused = /Authentication failed|Credentials required|SecurityException/.test(error.message);
    throw new SnapshotError(
      refused
        ? `JMX at ${host}:${port} refused the login: set JMX_USERNAME and JMX_PASSWORD to a user in the node's JMX password file.`
        : `JMX at ${host}:${port} did not answer: check --jmx against the node's JMX port (JMX_PORT in cassandra-env.sh).`,
    );
  });
  await session?.close();
}

/** nodetool's logging configuration and home, written once under the user's cache. */
async function nodetoolHome(): Promise<{ logbackFile: string; homeDirectory: string }> {
  const homeDirectory = join(homedir(), '.cache', 'guestbook', 'nodetool-client');
  await mkdir(homeDirectory, { recursive: true });
  const logbackFile = join(homeDirectory, 'logback-tools.xml');
  await writeFile(logbackFile, CLIENT_LOGBACK);
  return { logbackFile, homeDirectory };
}
