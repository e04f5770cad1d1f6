export { CassandraNode, type StartNodeOptions } from './node.js';
export { CASSANDRA_VERSION, ensureJars, jarsDirectory } from './jars.js';
export { MissingPrerequisiteError, assertJava17 } from './prerequisites.js';
export { freePort } from './ports.js';
