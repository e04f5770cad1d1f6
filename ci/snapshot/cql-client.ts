import cassandra from 'cassandra-driver';

const { Client, types } = cassandra;
export type CqlClient = InstanceType<typeof Client>;

/** How to reach a cluster over CQL. */
export interface CqlEndpoint {
  contactPoints: string[];
  localDataCenter?: string;
  credentials?: { username: string; password: string };
}

/**
 * A node this toolkit can reach over CQL and whose files it can read: CassandraNode from @guestbook/cassandra fits, and so
 * does any wrapper around a node on another machine that runs nodetool there and mounts its data directory.
 */
export interface NodeAccess {
  contactPoint: string;
  /** Holds <keyspace>/<table>-<id>/ folders. */
  dataDirectory: string;
  credentials?: { username: string; password: string } | undefined;
  /** JMX port: when known, node operations go through one JMX client instead of a nodetool JVM per call. */
  jmxPort?: number;
  /** Where that port listens; 127.0.0.1 when absent (the nodes this project starts). */
  jmxHost?: string;
  /** The JMX user, for a node that runs JMX with authentication on. */
  jmxCredentials?: { username: string; password: string } | undefined;
  nodetool(...args: string[]): Promise<string>;
}

export const DEFAULT_DATA_CENTER = 'datacenter1';

export function endpointOf(node: NodeAccess, localDataCenter = DEFAULT_DATA_CENTER): CqlEndpoint {
  return {
    contactPoints: [node.contactPoint],
    localDataCenter,
    ...(node.credentials ? { credentials: node.credentials } : {}),
  };
}

/** How long to wait for a connection and for each answer; a probe that polls wants both short. */
interface ClientTimeouts {
  connectMs: number;
  readMs: number;
}

const DEFAULT_TIMEOUTS: ClientTimeouts = { connectMs: 10_000, readMs: 60_000 };

/** The one place the toolkit builds a Cassandra client: every connection in ci/ comes from here. */
export async function connect(
  endpoint: CqlEndpoint,
  keyspace?: string,
  timeouts = DEFAULT_TIMEOUTS,
): Promise<CqlClient> {
  const client = new Client({
    contactPoints: endpoint.contactPoints,
    ...(keyspace ? { keyspace } : {}),
    localDataCenter: endpoint.localDataCenter ?? DEFAULT_DATA_CENTER,
    ...(endpoint.credentials ? { credentials: endpoint.credentials } : {}),
    // LOCAL_QUORUM: a logical snapshot of a replicated cluster sees every write that was acknowledged at LOCAL_QUORUM.
    queryOptions: { consistency: types.consistencies.localQuorum, prepare: true },
    // Maps and sets decode to Map/Set so that non-string keys survive the round trip through the encoder.
    encoding: { map: Map, set: Set },
    socketOptions: { connectTimeout: timeouts.connectMs, readTimeout: timeouts.readMs },
  });
  try {
    await client.connect();
  } catch (error) {
    // A client that never connected still holds reconnection timers that keep the process alive.
    await client.shutdown().catch(() => {});
    throw error;
  }
  return client;
}

/** Runs `work` with a connected client (bound to `keyspace` when given) and always shuts it down. */
export async function withClient<T>(
  endpoint: CqlEndpoint,
  work: (client: CqlClient) => Promise<T>,
  keyspace?: string,
  timeouts = DEFAULT_TIMEOUTS,
): Promise<T> {
  const client = await connect(endpoint, keyspace, timeouts);
  try {
    return await work(client);
  } finally {
    await client.shutdown();
  }
}
