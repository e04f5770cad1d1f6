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
  /** Content types of the built page nginx must gzip (as nginx's mime.types names .css, .js, .json); HTML always is. */
  gzipTypes: ['text/css', 'application/javascript', 'application/json'],
} as const;

/**
 * How a visitor's request reaches the API: the proxies in order from the visitor, by the address the next hop sees
 * each one at. Every proxy appends the address it got the request from to X-Forwarded-For (nginx's
 * $proxy_add_x_forwarded_for, marathon-lb's "option forwardfor"), so the API's TRUST_PROXY must trust each of them and
 * nothing beyond them, or the per-address sign limit counts the last proxy (everyone shares one bucket) or whatever
 * the visitor wrote in the header.
 */
export interface ProxyChain {
  via: string;
  proxies: readonly string[];
}

export const CASSANDRA = {
  image: 'cassandra:5.0',
  cqlPort: 9042,
  dataPath: '/var/lib/cassandra',
  keyspace: apiDefaults.cassandra.keyspace,
  localDataCenter: apiDefaults.cassandra.localDataCenter,
  /** Production's cluster name under Compose. */
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
  /** Variables the operator must give Compose (${VAR:?...}): a fallback written in the file would be public. */
  requiredVariables: ['CURSOR_SECRET'],
  /**
   * One node holds the only copy, so a write is acknowledged only once its commit log entry is on disk ("batch", as the
   * project's own runtime does). The image's entrypoint sets only a few cassandra.yaml keys from the environment;
   * Cassandra 5.0 takes any other key as a system property once allowed to, and "batch" refuses a sync period.
   */
  cassandraJvmFlags: [
    '-Dcassandra.config.allow_system_properties=true',
    '-Dcassandra.settings.commitlog_sync=batch',
    '-Dcassandra.settings.commitlog_sync_period=0ms',
  ],
  /**
   * The API sees the web container at an address from Docker's default pools (172.17-31.x.x, then 192.168.x.x); the
   * API's own published port is reached without a proxy, where X-Forwarded-For is only what the visitor wrote.
   */
  proxyChains: [
    { via: 'the published API port, no proxy', proxies: [] },
    { via: 'web (nginx) on a network from the 172.x pools', proxies: ['172.18.0.5'] },
    { via: 'web (nginx) on a network from the 192.168.x pools', proxies: ['192.168.32.4'] },
  ] satisfies ProxyChain[],
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
  /**
   * Public marathon-lb, the web task's agent, then marathon-lb-internal, at example private agent addresses; when
   * marathon-lb-internal runs on the API task's own agent, the bridged container sees it at the docker0 gateway.
   */
  proxyChains: [
    { via: 'marathon-lb → web (nginx) → marathon-lb-internal', proxies: ['10.0.6.21', '10.0.3.14', '10.0.2.9'] },
    {
      via: "marathon-lb → web (nginx) → marathon-lb-internal on the API task's agent",
      proxies: ['10.0.6.21', '10.0.3.14', '172.17.0.1'],
    },
  ] satisfies ProxyChain[],
} as const;

/** Each DC/OS Cassandra node answers CQL at a stable autoip name (dcos-commons naming: node-<i>-server.<service>). */
export function dcosCassandraContactPoints(): string[] {
  return Array.from(
    { length: DCOS.nodeCount },
    (_, i) => `node-${i}-server.${DCOS.cassandraService}.autoip.dcos.thisdcos.directory:${CASSANDRA.cqlPort}`,
  );
}

/** A test node started on snapshot volume <i> is reachable at its Mesos-DNS name on the overlay network. */
export function dcosTestNodeHost(index: number | string): string {
  const group = DCOS.ciGroup.replace(/^\//, '');
  return `cassandra-${index}-${group}.marathon.containerip.dcos.thisdcos.directory`;
}

export const K8S = {
  namespace: 'guestbook',
  ciNamespace: 'guestbook-ci',
  /** The StatefulSet, its headless Service (stable pod names cassandra-<n>.cassandra) and its claim template. */
  cassandra: 'cassandra',
  dataClaim: 'data',
  nodeCount: 3,
  replicationFactor: 3,
  storageClass: 'guestbook-cassandra',
  groupSnapshotClass: 'guestbook-cassandra',
  /** The label the VolumeGroupSnapshot selects the data claims by. */
  dataVolumeLabel: { 'guestbook.example.com/volume': 'cassandra-data' },
  apiDeployment: 'api',
  webDeployment: 'web',
  /** Created by hand (never committed): the environment variable each key becomes. */
  secret: 'guestbook',
  secretKeys: {
    CURSOR_SECRET: 'cursor-secret',
    CASSANDRA_USERNAME: 'cassandra-username',
    CASSANDRA_PASSWORD: 'cassandra-password',
    MASKING_KEY: 'masking-key',
  },
  replayServiceAccount: 'guestbook-snapshot-replay',
  /** Kubernetes schemas every rendered manifest is validated against (kubernetes-validate ships them offline). */
  schemaVersion: '1.36',
  /**
   * Ingress controller pod, then a web (nginx) pod: both have pod addresses from the cluster's private range. Example
   * addresses from common pod CIDRs (kubeadm/Calico 192.168/16, Flannel 10.244/16, GKE 10.x).
   */
  proxyChains: [
    { via: 'ingress controller → web (nginx), pod network 10.244/16', proxies: ['10.244.1.7', '10.244.2.9'] },
    { via: 'ingress controller → web (nginx), pod network 192.168/16', proxies: ['192.168.41.3', '192.168.7.12'] },
  ] satisfies ProxyChain[],
} as const;

/** The API reaches each node by its StatefulSet pod name, in its own namespace. */
export function k8sCassandraContactPoints(): string[] {
  return Array.from({ length: K8S.nodeCount }, (_, i) => `${K8S.cassandra}-${i}.${K8S.cassandra}:${CASSANDRA.cqlPort}`);
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
  /** The Kubernetes variant of the snapshot replay: a Kubernetes-executor runner, opted in by this variable. */
  kubernetesReplayJob: 'replay:kubernetes-snapshot',
  kubernetesReplayVariable: 'KUBERNETES_SNAPSHOT_REPLAY',
  /** Test on data changes: a schedule or trigger opted in by this variable replays the deployed ref on new shapes. */
  dataCheckJob: 'data-check:production',
  dataCheckVariable: 'DATA_CHECK',
  /** Between pipelines the data check keeps only its accepted baseline profile (no value), in a cache. */
  dataCheckBaselineDir: '.data/snapshots/data-check/',
  dataCheckReports: 'ci/test-results/data-check/',
  /** Production access comes only from protected CI/CD variables with these names. */
  productionVariables: [
    'PROD_CASSANDRA_CONTACT_POINTS',
    'PROD_CASSANDRA_LOCAL_DC',
    'PROD_CASSANDRA_USERNAME',
    'PROD_CASSANDRA_PASSWORD',
  ],
  snapshotDir: 'artifacts/snapshots',
  /** The snapshot masks with this protected, masked variable's key, and refuses to run without it... */
  maskingKeyVariable: 'MASKING_KEY',
  /** ...unless this variable is "true": the explicit opt-in to an unmasked snapshot. */
  unmaskedOptInVariable: 'SNAPSHOT_UNMASKED',
  junitReports: ['*/test-results/*.xml'],
  playwrightReport: 'ci/playwright-report/',
  /** Selects the Cassandra the replay restores into: the project's own node, or a service container (Docker runner). */
  cassandraRuntimeVariable: 'CASSANDRA_RUNTIME',
  serviceAlias: 'cassandra',
  /**
   * Production clusters the contract knows. The service container must be named otherwise: the restore refuses a
   * cluster named like the snapshot's source, which may be production itself.
   */
  productionClusterNames: [CASSANDRA.clusterName, DCOS.cassandraService],
  /** Debian packages a Docker runner's node image adds before any npm command: what .ci/run installs. */
  toolPackagesVariable: 'TOOL_PACKAGES',
} as const;
