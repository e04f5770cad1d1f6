import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import type { Config } from './config.js';

const { Client, types, policies, errors } = cassandra;
export type CassandraClient = InstanceType<typeof Client>;

const CQL_DIR = fileURLToPath(new URL('../cql/', import.meta.url));

function clientOptions(c: Config['cassandra'], keyspace?: string): cassandra.ClientOptions {
  return {
    contactPoints: c.contactPoints,
    localDataCenter: c.localDataCenter,
    ...(keyspace ? { keyspace } : {}),
    ...(c.credentials ? { credentials: c.credentials } : {}),
    // Set once here so no query can forget it: LOCAL_QUORUM reads see LOCAL_QUORUM writes at any replication factor.
    queryOptions: { consistency: types.consistencies.localQuorum, prepare: true },
    // Requests fail fast when the node is gone (the API answers 503 instead of hanging) and reconnect every second.
    socketOptions: { connectTimeout: c.requestTimeoutMs, readTimeout: c.requestTimeoutMs },
    policies: { reconnection: new policies.reconnection.ConstantReconnectionPolicy(1000) },
  };
}

/** Connects to the keyspace, creating it (with the configured replication) and applying the schema first. */
export async function connectAndMigrate(config: Config['cassandra']): Promise<CassandraClient> {
  const bootstrap = new Client(clientOptions(config));
  try {
    await bootstrap.connect();
    const replication = JSON.stringify(config.replication).replaceAll('"', "'");
    await bootstrap.execute(`CREATE KEYSPACE IF NOT EXISTS ${config.keyspace} WITH replication = ${replication}`);
  } finally {
    await bootstrap.shutdown();
  }
  const client = new Client(clientOptions(config, config.keyspace));
  await client.connect();
  for (const statement of schemaStatements()) await client.execute(statement, [], { prepare: false });
  return client;
}

/** Every statement of cql/*.cql in file-name order (the files are numbered); each is idempotent. */
export function schemaStatements(): string[] {
  return readdirSync(CQL_DIR)
    .filter((f) => f.endsWith('.cql'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(CQL_DIR, f), 'utf8')
        .replace(/--.*$/gm, '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    );
}

/** True for driver errors that mean "Cassandra can't answer right now" rather than "this request is wrong". */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof errors.NoHostAvailableError || error instanceof errors.OperationTimedOutError) return true;
  if (error instanceof errors.ResponseError) {
    const c = types.responseErrorCodes;
    return [c.unavailableException, c.readTimeout, c.writeTimeout, c.overloaded, c.isBootstrapping, c.readFailure, c.writeFailure]
      .includes(error.code);
  }
  return false;
}

export async function isReady(client: CassandraClient): Promise<boolean> {
  try {
    await client.execute('SELECT release_version FROM system.local');
    return true;
  } catch {
    return false;
  }
}
