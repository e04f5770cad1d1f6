import { loadConfig } from '@guestbook/api';

/**
 * The one place that says how the guestbook is deployed: names, ports, health paths, images, volumes. Every descriptor
 * (.gitlab-ci.yml, docker-compose.yml, the Dockerfiles, dcos/) is checked against these values in the tests, and the
 * values the API owns (port, keyspace, data center) are read from the API's own config defaults, so nothing here can
 * drift from what `api/src/config.ts` accepts.
 */
const apiDefaults = loadConfig({});

export const API = {
  port: apiDefaults.port,
  healthPath: '/healthz',
  readyPath: '/readyz',
  /** The runtime image starts the compiled server directly: signals reach node, not an npm wrapper. */
  command: ['node', 'dist/main.js'],
  workdir: '/app/api',
} as const;

export const WEB = {
  port: 8080,
  healthPath: '/healthz',
  /** nginx in the web image proxies /api/ and /readyz to this origin. */
  upstreamVariable: 'API_UPSTREAM',
} as const;

export const CASSANDRA = {
  image: 'cassandra:5.0',
  cqlPort: 9042,
  dataPath: '/var/lib/cassandra',
  keyspace: apiDefaults.cassandra.keyspace,
  localDataCenter: apiDefaults.cassandra.localDataCenter,
  clusterName: 'guestbook',
} as const;

export const COMPOSE = {
  services: {
    cassandra: 'cassandra',
    schema: 'schema',
    api: 'api',
    web: 'web',
    cloneVolume: 'clone-production-volume',
    testCassandra: 'cassandra-test',
    replay: 'replay',
  },
  volumes: { production: 'cassandra-data', test: 'cassandra-test-data' },
  ciProfile: 'ci',
  apiImage: 'guestbook/api:local',
  webImage: 'guestbook/web:local',
  replayImage: 'guestbook/replay:local',
} as const;

export const DCOS = {
  /** The DC/OS Cassandra service (Portworx-backed); its name is also the Cassandra cluster name there. */
  cassandraService: 'guestbook-cassandra',
  nodeCount: 3,
  apiAppId: '/guestbook/api',
  webAppId: '/guestbook/web',
  /** marathon-lb group that serves the public virtual host, and the internal one the web proxies through. */
  publicLbGroup: 'external',
  internalLbGroup: 'internal',
  internalLbHost: 'marathon-lb-internal.marathon.mesos',
  apiServicePort: 10300,
  replicationFactor: 3,
  ciGroup: '/guestbook-ci',
  replayJobId: 'guestbook-ci-replay',
} as const;

/** Each DC/OS Cassandra node answers CQL at a stable autoip name (dcos-commons naming: node-<i>-server.<service>). */
export function dcosCassandraContactPoints(): string[] {
  return Array.from({ length: DCOS.nodeCount }, (_, i) =>
    `node-${i}-server.${DCOS.cassandraService}.autoip.dcos.thisdcos.directory:${CASSANDRA.cqlPort}`);
}

/** A test node started on snapshot volume <i> is reachable at its Mesos-DNS name on the overlay network. */
export function dcosTestNodeHost(index: number | string): string {
  const group = DCOS.ciGroup.replace(/^\//, '');
  return `cassandra-${index}-${group}.marathon.containerip.dcos.thisdcos.directory`;
}

export const PIPELINE = {
  stages: ['install', 'test', 'snapshot', 'replay'],
  installJob: 'install',
  testJob: 'test:dummy-data',
  /** Set to a narrower npm script (e.g. "typecheck") to exercise the test job's plumbing quickly. */
  testScriptVariable: 'TEST_NPM_SCRIPT',
  snapshotJob: 'snapshot:production',
  portworxSnapshotJob: 'snapshot:portworx',
  replayJob: 'replay:production-data',
  replayServiceJob: 'replay:production-data:service-container',
  /** Production access comes only from protected CI/CD variables with these names. */
  productionVariables: ['PROD_CASSANDRA_CONTACT_POINTS', 'PROD_CASSANDRA_LOCAL_DC', 'PROD_CASSANDRA_USERNAME', 'PROD_CASSANDRA_PASSWORD'],
  snapshotDir: 'artifacts/snapshots',
  junitReports: ['*/test-results/*.xml'],
  playwrightReport: 'ci/playwright-report/',
  /** Selects the Cassandra the replay restores into: the project's own node, or a service container on a Docker runner. */
  cassandraRuntimeVariable: 'CASSANDRA_RUNTIME',
  serviceAlias: 'cassandra',
} as const;
