import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import { ConfigError, type Config } from './config.js';

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

/** Schema changes wait until the node agrees on them, which takes longer than a request on a busy machine. */
const SCHEMA_CHANGE_TIMEOUT_MS = 30_000;

/** Connects to the keyspace, creating it (with the configured replication) and applying the schema first. */
export async function connectAndMigrate(config: Config['cassandra']): Promise<CassandraClient> {
  const bootstrap = new Client(clientOptions(config));
  const client = new Client(clientOptions(config, config.keyspace));
  try {
    try {
      await bootstrap.connect();
      await createKeyspace(bootstrap, config.keyspace, config.replication);
    } finally {
      await bootstrap.shutdown();
    }
    await client.connect();
    await applySchema(client);
    return boundCalls(client, config.requestTimeoutMs);
  } catch (error) {
    // A client left behind would keep reconnecting (and the process alive) while the caller retries or exits.
    await client.shutdown();
    throw refusal(error, config) ?? error;
  }
}

/**
 * Missing or wrong credentials, or a role without the permissions the schema needs, do not heal by retrying: they become
 * a ConfigError that names the settings to fix (main.ts stops instead of retrying), without the driver's stack trace.
 */
function refusal(error: unknown, config: Config['cassandra']): ConfigError | undefined {
  const causes: unknown[] =
    error instanceof errors.NoHostAvailableError ? Object.values(error.innerErrors ?? {}) : [error];
  const where = `Cassandra at ${config.contactPoints.join(', ')}`;
  const login = causes.find((e) => e instanceof errors.AuthenticationError);
  if (login) {
    return new ConfigError(
      `${where} refused the login (${firstLine(login)}): set CASSANDRA_USERNAME and CASSANDRA_PASSWORD to a role that may log in`,
    );
  }
  const denied = causes.find(
    (e) => e instanceof errors.ResponseError && e.code === types.responseErrorCodes.unauthorized,
  );
  if (denied) {
    const role = config.credentials?.username ?? 'anonymous';
    return new ConfigError(
      `${where} does not let role ${role} set up keyspace ${config.keyspace} (${firstLine(denied)}): grant it CREATE ON ALL KEYSPACES, or create the keyspace and grant it ALL on it`,
    );
  }
  return undefined;
}

const firstLine = (error: unknown) =>
  String((error as Error).message)
    .split('\n')[0]!
    .trim();

/**
 * The driver's readTimeout bounds each message, not a call, so each call is also bounded as a whole by the same timeout
 * (or its own readTimeout when it asks for more, as schema changes do). Why: docs/internals.md.
 */
function boundCalls(client: CassandraClient, timeoutMs: number): CassandraClient {
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  const bounded = <T>(call: Promise<T>, options?: cassandra.QueryOptions): Promise<T> => {
    const ms = Math.max(timeoutMs, options?.readTimeout ?? 0);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new errors.OperationTimedOutError(`Cassandra did not answer within ${ms} ms`)),
        ms,
      );
    });
    return Promise.race([call, expired]).finally(() => clearTimeout(timer));
  };
  client.execute = ((query: string, params?: cassandra.ArrayOrObject, options?: cassandra.QueryOptions) =>
    bounded(execute(query, params, options), options)) as CassandraClient['execute'];
  client.batch = ((queries: Parameters<CassandraClient['batch']>[0], options?: cassandra.QueryOptions) =>
    bounded(batch(queries, options), options)) as CassandraClient['batch'];
  return client;
}

/** Replication as CQL's map literal has it: `{ class: 'SimpleStrategy', replication_factor: 1 }`. */
export type Replication = Record<string, string | number>;

/** Creates the keyspace (its name as CQL reads it unquoted) unless it exists; `client` need not be bound to one. */
export async function createKeyspace(
  client: CassandraClient,
  keyspace: string,
  replication: Replication,
): Promise<void> {
  const map = JSON.stringify(replication).replaceAll('"', "'");
  const cql = `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${map}`;
  await client.execute(cql, [], { prepare: false, readTimeout: SCHEMA_CHANGE_TIMEOUT_MS });
}

/** Applies every schema statement through a client bound to the keyspace; each statement is idempotent. */
export async function applySchema(client: CassandraClient): Promise<void> {
  for (const statement of schemaStatements()) {
    await client.execute(statement, [], { prepare: false, readTimeout: SCHEMA_CHANGE_TIMEOUT_MS });
  }
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
    return [
      c.unavailableException,
      c.readTimeout,
      c.writeTimeout,
      c.overloaded,
      c.isBootstrapping,
      c.readFailure,
      c.writeFailure,
    ].includes(error.code);
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
