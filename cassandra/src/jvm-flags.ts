// Module access flags from Cassandra 5.0's conf/jvm17-server.options and jvm17-clients.options: without them JDK 17
// refuses Cassandra's reflective access at class-load time.
const EXPORTS = [
  'java.base/jdk.internal.misc',
  'java.base/jdk.internal.ref',
  'java.base/sun.nio.ch',
  'java.base/java.lang.ref',
  'java.management.rmi/com.sun.jmx.remote.internal.rmi',
  'java.management/com.sun.jmx.remote.security',
  'java.rmi/sun.rmi.registry',
  'java.rmi/sun.rmi.server',
  'java.sql/java.sql',
  'jdk.unsupported/sun.misc',
];
const OPENS = [
  'java.base/java.lang.module',
  'java.base/jdk.internal.loader',
  'java.base/jdk.internal.ref',
  'java.base/jdk.internal.reflect',
  'java.base/jdk.internal.math',
  'java.base/jdk.internal.module',
  'java.base/jdk.internal.util.jar',
  'java.base/sun.nio.ch',
  'java.base/java.io',
  'java.base/java.lang.reflect',
  'java.base/java.lang',
  'java.base/java.util',
  'java.base/java.nio',
  'jdk.management/com.sun.management.internal',
];

export const MODULE_FLAGS = [
  ...EXPORTS.flatMap((m) => ['--add-exports', `${m}=ALL-UNNAMED`]),
  ...OPENS.flatMap((m) => ['--add-opens', `${m}=ALL-UNNAMED`]),
  '-Dio.netty.tryReflectionSetAccessible=true',
];

export interface ServerJvmOptions {
  heapMb: number;
  configFile: string;
  logbackFile: string;
  storageDir: string;
  logDir: string;
  jmxPort: number;
  /** A node that joins other nodes (a local cluster's non-seed) needs time to hear from its seed. */
  joinsRing?: boolean;
}

export function serverJvmArgs(options: ServerJvmOptions): string[] {
  return [
    `-Xms${options.heapMb}m`,
    `-Xmx${options.heapMb}m`,
    '-Xss256k',
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.net.preferIPv4Stack=true',
    '-Djdk.attach.allowAttachSelf=true',
    ...MODULE_FLAGS,
    '-Dcassandra-foreground=yes',
    `-Dcassandra.config=file://${options.configFile}`,
    `-Dcassandra.storagedir=${options.storageDir}`,
    `-Dcassandra.logdir=${options.logDir}`,
    `-Dlogback.configurationFile=${options.logbackFile}`,
    `-Dcassandra.jmx.local.port=${options.jmxPort}`,
    '-Dcom.sun.management.jmxremote.authenticate=false',
    // A single-node cluster has no gossip to settle and no ring to wait for: these cut start-up from ~30 s to ~6 s.
    // A joining node's first gossip round with its seed waits up to the ring delay: 100 ms made it fail ("Unable to
    // gossip with any peers") on this loaded machine; 5 s did not.
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.load_ring_state=false',
    `-Dcassandra.ring_delay_ms=${options.joinsRing ? 5000 : 100}`,
    '-Dcassandra.superuser_setup_delay_ms=0',
  ];
}

/** nodetool is a short-lived client: a small serial-GC heap and C1 only start it in about half a second. */
export function clientJvmArgs(): string[] {
  return ['-Xmx128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', ...MODULE_FLAGS];
}
