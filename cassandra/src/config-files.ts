import { join } from 'node:path';

export interface NodeLayout {
  clusterName: string;
  listenAddress: string;
  storagePort: number;
  nativePort: number;
  dataDir: string;
  logDir: string;
  passwordAuth: boolean;
  heapMb: number;
  /** Defaults: the node is its own seed and owns token 0 (a single-node cluster). */
  seeds?: string[];
  /** One token, or several comma-separated (a copy of a node that owns vnodes): num_tokens follows the count. */
  initialToken?: string;
}

/** cassandra.yaml for a dev/test node. 5.0 rejects unknown keys, so only 5.0 names appear here. */
export function cassandraYaml(n: NodeLayout): string {
  const seeds = n.seeds ?? [`${n.listenAddress}:${n.storagePort}`];
  // A quarter of the heap each, as Cassandra's own default; 128 MiB at the single node's 512 MB heap.
  const memtableMb = Math.floor(n.heapMb / 4);
  const tokens = n.initialToken ?? '0';
  const auth = n.passwordAuth
    ? 'authenticator: PasswordAuthenticator\nauthorizer: CassandraAuthorizer\nrole_manager: CassandraRoleManager\n'
    : '';
  return `# Generated for a local node; edits are overwritten at the next start.
cluster_name: ${JSON.stringify(n.clusterName)}
num_tokens: ${tokens.split(',').length}
initial_token: ${tokens}
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "${seeds.join(',')}"
listen_address: ${n.listenAddress}
rpc_address: ${n.listenAddress}
storage_port: ${n.storagePort}
native_transport_port: ${n.nativePort}
data_file_directories: [${JSON.stringify(join(n.dataDir, 'data'))}]
commitlog_directory: ${JSON.stringify(join(n.dataDir, 'commitlog'))}
saved_caches_directory: ${JSON.stringify(join(n.dataDir, 'saved_caches'))}
hints_directory: ${JSON.stringify(join(n.dataDir, 'hints'))}
# Nodes of a new local cluster are empty, so there is nothing to stream: each joins with the token it is given.
# (Joining a cluster that holds data this way would leave the node without its replicas.)
auto_bootstrap: false
# A write is acknowledged only once its commit log entry is on disk. With "periodic" (Cassandra's default) a killed node
# loses the writes of its last ~100 ms (the commit log marker interval) although it acknowledged them, and on one node
# that is the only copy: the API's outage test (api/test/faults) saw acknowledged entries vanish that way.
commitlog_sync: batch
concurrent_reads: 8
concurrent_writes: 8
concurrent_compactors: 1
memtable_heap_space: ${memtableMb}MiB
memtable_offheap_space: ${memtableMb}MiB
# Snapshots are taken explicitly by the snapshot toolkit; none on DROP/TRUNCATE, so test keyspaces leave no debris.
auto_snapshot: false
${auth}`;
}

export function logbackXml(logDir: string): string {
  return `<configuration scan="false">
  <appender name="SYSTEM" class="ch.qos.logback.core.FileAppender">
    <file>${join(logDir, 'system.log')}</file>
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="SYSTEM"/></root>
</configuration>
`;
}

/** nodetool's own logging: warnings only, to stderr, so its stdout stays parseable. */
export const CLIENT_LOGBACK = `<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%-5level %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="STDERR"/></root>
</configuration>
`;
