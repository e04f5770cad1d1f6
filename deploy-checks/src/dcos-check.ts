import { checkApiEnvironment } from './api-env-check.js';
import { API, CASSANDRA, DCOS, WEB, dcosCassandraContactPoints, dcosTestNodeHost } from './deploy-contract.js';
import { validateWith } from './json-schemas.js';
import { isRecord } from './repo-files.js';

/* Parsed DC/OS descriptors are plain JSON; these accessors keep the checks readable without casting everywhere. */
type Doc = Record<string, unknown>;
const at = (doc: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), doc);
const records = (value: unknown): Doc[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export interface DcosDescriptors {
  options: unknown;
  apiApp: unknown;
  webApp: unknown;
  testNodeTemplate: unknown;
  replayJob: unknown;
}

/** Marathon env values may be secret references; the API sees a string there, so stand in a valid one. */
function resolvedEnv(app: unknown): Record<string, string> {
  const env = at(app, 'env');
  if (!isRecord(env)) return {};
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : `secret-store-value-for-${k}`]));
}

/** Fills the test node template the way dcos/ci/portworx-snapshot-replay.sh does (jq gsub on every string). */
export function renderTestNode(template: unknown, index: number, volume: string): unknown {
  return JSON.parse(JSON.stringify(template).replaceAll('__NODE_INDEX__', String(index)).replaceAll('__SNAPSHOT_VOLUME__', volume));
}

function checkHttpApp(app: unknown, where: string, id: string, port: number, healthPath: string): string[] {
  const problems: string[] = [];
  if (at(app, 'id') !== id) problems.push(`${where}: id ${String(at(app, 'id'))}, expected ${id}`);
  const mappings = records(at(app, 'container', 'portMappings'));
  const checks = records(at(app, 'healthChecks'));
  if (checks.length === 0) problems.push(`${where}: no health check`);
  for (const check of checks) {
    const mapping = mappings[Number(check.portIndex ?? 0)];
    if (check.path !== healthPath || mapping?.containerPort !== port) {
      problems.push(`${where}: health check must GET ${healthPath} on container port ${port} (checks ${String(check.path)} on ${String(mapping?.containerPort)})`);
    }
  }
  if (!isRecord(at(app, 'labels')) || typeof at(app, 'labels', 'HAPROXY_GROUP') !== 'string') problems.push(`${where}: no marathon-lb HAPROXY_GROUP label`);
  return problems;
}

/** Checks every dcos/ descriptor against its schema, the deploy contract, the API's config loader and each other. */
export function checkDcos(d: DcosDescriptors): string[] {
  const problems = [
    ...validateWith('cassandra-options.schema.json', d.options, 'dcos/cassandra-options.json'),
    ...validateWith('marathon-app.schema.json', d.apiApp, 'dcos/api.marathon.json'),
    ...validateWith('marathon-app.schema.json', d.webApp, 'dcos/web.marathon.json'),
    ...validateWith('metronome-job.schema.json', d.replayJob, 'dcos/ci/replay.metronome.json'),
  ];
  const dc = String(at(d.options, 'service', 'data_center'));
  const nodes = Number(at(d.options, 'nodes', 'count'));
  if (at(d.options, 'service', 'name') !== DCOS.cassandraService) problems.push(`cassandra-options: service.name must be ${DCOS.cassandraService}`);
  if (nodes !== DCOS.nodeCount) problems.push(`cassandra-options: nodes.count ${nodes}, the apps expect ${DCOS.nodeCount}`);
  if (at(d.options, 'cassandra', 'native_transport_port') !== CASSANDRA.cqlPort) problems.push(`cassandra-options: CQL port must be ${CASSANDRA.cqlPort}`);

  // The API: its env must be what the API accepts and must point at the DC/OS Cassandra service described above.
  problems.push(...checkHttpApp(d.apiApp, 'dcos/api.marathon.json', DCOS.apiAppId, API.port, API.healthPath));
  problems.push(...checkApiEnvironment(resolvedEnv(d.apiApp), 'dcos/api.marathon.json env', {
    port: API.port,
    contactPoints: dcosCassandraContactPoints(),
    keyspace: CASSANDRA.keyspace,
    localDataCenter: dc,
    replication: { class: 'NetworkTopologyStrategy', [dc]: String(DCOS.replicationFactor) },
    proxyChains: DCOS.proxyChains,
  }));
  if (DCOS.replicationFactor > nodes) problems.push(`replication factor ${DCOS.replicationFactor} exceeds the ${nodes} Cassandra nodes`);
  const readiness = records(at(d.apiApp, 'readinessChecks'))[0];
  const portNames = records(at(d.apiApp, 'container', 'portMappings')).map((m) => m.name);
  if (readiness?.path !== API.readyPath || !portNames.includes(readiness.portName)) {
    problems.push(`dcos/api.marathon.json: readiness check must GET ${API.readyPath} on a named port mapping`);
  }
  const apiServicePort = at(d.apiApp, 'container', 'portMappings', 0, 'servicePort');
  if (apiServicePort !== DCOS.apiServicePort || at(d.apiApp, 'labels', 'HAPROXY_GROUP') !== DCOS.internalLbGroup) {
    problems.push(`dcos/api.marathon.json: must be on marathon-lb group "${DCOS.internalLbGroup}" at service port ${DCOS.apiServicePort}`);
  }

  // The web: proxies to the API through the internal marathon-lb, and is the public virtual host.
  problems.push(...checkHttpApp(d.webApp, 'dcos/web.marathon.json', DCOS.webAppId, WEB.port, WEB.healthPath));
  const upstream = `http://${DCOS.internalLbHost}:${DCOS.apiServicePort}`;
  if (at(d.webApp, 'env', WEB.upstreamVariable) !== upstream) problems.push(`dcos/web.marathon.json: ${WEB.upstreamVariable} must be ${upstream}`);
  if (at(d.webApp, 'labels', 'HAPROXY_GROUP') !== DCOS.publicLbGroup || !at(d.webApp, 'labels', 'HAPROXY_0_VHOST')) {
    problems.push(`dcos/web.marathon.json: must be on marathon-lb group "${DCOS.publicLbGroup}" with HAPROXY_0_VHOST`);
  }

  // The test ring: one node per snapshot volume, rendered as the snapshot script renders it.
  for (let index = 0; index < nodes; index++) {
    const where = `dcos/ci/test-cassandra-node.marathon.json (node ${index})`;
    const node = renderTestNode(d.testNodeTemplate, index, `${String(at(d.options, 'nodes', 'portworx_volume_name'))}-${index}-ci-1`);
    problems.push(...validateWith('marathon-app.schema.json', node, where));
    if (at(node, 'id') !== `${DCOS.ciGroup}/cassandra-${index}`) problems.push(`${where}: id must be ${DCOS.ciGroup}/cassandra-${index}`);
    if (at(node, 'container', 'docker', 'image') !== CASSANDRA.image) problems.push(`${where}: image must be ${CASSANDRA.image}`);
    const volume = records(at(node, 'container', 'volumes'))[0];
    if (volume?.containerPath !== CASSANDRA.dataPath || at(volume, 'external', 'options', 'dvdi/driver') !== 'pxd') {
      problems.push(`${where}: must mount the Portworx snapshot volume at ${CASSANDRA.dataPath}`);
    }
    const env = resolvedEnv(node);
    if (env.CASSANDRA_CLUSTER_NAME !== DCOS.cassandraService) problems.push(`${where}: CASSANDRA_CLUSTER_NAME must be the production cluster's, ${DCOS.cassandraService}`);
    if (env.CASSANDRA_DC !== dc) problems.push(`${where}: CASSANDRA_DC must be ${dc}`);
    if (env.CASSANDRA_SEEDS !== dcosTestNodeHost(0)) problems.push(`${where}: CASSANDRA_SEEDS must be the first test node, ${dcosTestNodeHost(0)}`);
    if (!env.JVM_EXTRA_OPTS?.includes('-Dcassandra.load_ring_state=false')) problems.push(`${where}: must not gossip with production (load_ring_state=false)`);
    if (at(node, 'networks', 0, 'mode') === 'host') problems.push(`${where}: must not use host networking (it would collide with production nodes)`);
  }

  // The replay job: talks to every test node, in the keyspace the API uses.
  const jobEnv = resolvedEnv(at(d.replayJob, 'run'));
  const { CI: _ci, ...replayEnv } = jobEnv;
  problems.push(...checkApiEnvironment(replayEnv, 'dcos/ci/replay.metronome.json run.env', {
    contactPoints: Array.from({ length: nodes }, (_, i) => `${dcosTestNodeHost(i)}:${CASSANDRA.cqlPort}`),
    keyspace: CASSANDRA.keyspace,
    localDataCenter: dc,
  }));
  const cmd = String(at(d.replayJob, 'run', 'cmd'));
  if (!cmd.includes('npm run replay') || !cmd.includes('$CASSANDRA_CONTACT_POINTS') || !cmd.includes('$CASSANDRA_KEYSPACE')) {
    problems.push('dcos/ci/replay.metronome.json: cmd must run the replay against $CASSANDRA_CONTACT_POINTS and $CASSANDRA_KEYSPACE');
  }
  if (at(d.replayJob, 'id') !== DCOS.replayJobId) problems.push(`dcos/ci/replay.metronome.json: id must be ${DCOS.replayJobId}`);
  return problems;
}
