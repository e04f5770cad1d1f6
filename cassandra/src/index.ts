export { CassandraNode, type StartNodeOptions } from './node.js';
export { CassandraCluster, type StartClusterOptions } from './cluster.js';
export { CASSANDRA_VERSION, ensureJars, jarsDirectory } from './jars.js';
export { MissingPrerequisiteError, assertJava17, javaBinary } from './prerequisites.js';
export { clientJvmArgs } from './jvm-flags.js';
export { freePort } from './ports.js';
export { onShutdown, type ShutdownStep } from './process-registry.js';
export { cassandraJvmsUnder } from './processes.js';
export { NodeStartError, describeFailure } from './errors.js';
