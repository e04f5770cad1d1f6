import { checkApiEnvironment } from './api-env-check.js';
import { replayJobRules, testNodeRules } from './dcos-ci-rules.js';
import { at, records, resolvedEnv, type DcosDescriptors, type Ring } from './dcos-descriptors.js';
import { API, CASSANDRA, DCOS, WEB, dcosCassandraContactPoints } from './deploy-contract.js';
import { validateWith } from './json-schemas.js';

export type { DcosDescriptors } from './dcos-descriptors.js';

const API_APP = 'dcos/api.marathon.json';
const WEB_APP = 'dcos/web.marathon.json';

/** Checks every dcos/ descriptor against its schema, the deploy contract, the API's config loader and each other. */
export function checkDcos(descriptors: DcosDescriptors): string[] {
  const { options } = descriptors;
  const ring = { dc: String(at(options, 'service', 'data_center')), nodes: Number(at(options, 'nodes', 'count')) };
  return [
    ...schemaRules(descriptors),
    ...cassandraServiceRules(options, ring),
    ...apiAppRules(descriptors.apiApp, ring),
    ...webAppRules(descriptors.webApp),
    ...Array.from({ length: ring.nodes }, (_, index) => testNodeRules(descriptors, ring, index)).flat(),
    ...replayJobRules(descriptors.replayJob, ring),
  ];
}

function schemaRules(descriptors: DcosDescriptors): string[] {
  return [
    ...validateWith('cassandra-options.schema.json', descriptors.options, 'dcos/cassandra-options.json'),
    ...validateWith('marathon-app.schema.json', descriptors.apiApp, API_APP),
    ...validateWith('marathon-app.schema.json', descriptors.webApp, WEB_APP),
    ...validateWith('metronome-job.schema.json', descriptors.replayJob, 'dcos/ci/replay.metronome.json'),
  ];
}

function cassandraServiceRules(options: unknown, { nodes }: Ring): string[] {
  const problems: string[] = [];
  if (at(options, 'service', 'name') !== DCOS.cassandraService) {
    problems.push(`cassandra-options: service.name must be ${DCOS.cassandraService}`);
  }
  if (nodes !== DCOS.nodeCount) {
    problems.push(`cassandra-options: nodes.count ${nodes}, the apps expect ${DCOS.nodeCount}`);
  }
  if (at(options, 'cassandra', 'native_transport_port') !== CASSANDRA.cqlPort) {
    problems.push(`cassandra-options: CQL port must be ${CASSANDRA.cqlPort}`);
  }
  return problems;
}

/** An app behind marathon-lb: its id, a health check on the contract's port and path, and a marathon-lb group. */
interface HttpApp {
  id: string;
  port: number;
  healthPath: string;
}

function httpAppRules(app: unknown, where: string, expected: HttpApp): string[] {
  const problems: string[] = [];
  if (at(app, 'id') !== expected.id) problems.push(`${where}: id ${String(at(app, 'id'))}, expected ${expected.id}`);
  const mappings = records(at(app, 'container', 'portMappings'));
  const checks = records(at(app, 'healthChecks'));
  if (checks.length === 0) problems.push(`${where}: no health check`);
  for (const check of checks) {
    const mapping = mappings[Number(check.portIndex ?? 0)];
    if (check.path !== expected.healthPath || mapping?.containerPort !== expected.port) {
      problems.push(
        `${where}: health check must GET ${expected.healthPath} on container port ${expected.port} ` +
          `(checks ${String(check.path)} on ${String(mapping?.containerPort)})`,
      );
    }
  }
  if (typeof at(app, 'labels', 'HAPROXY_GROUP') !== 'string') {
    problems.push(`${where}: no marathon-lb HAPROXY_GROUP label`);
  }
  return problems;
}

/** The API: its env must be what the API accepts and must point at the DC/OS Cassandra service. */
function apiAppRules(apiApp: unknown, { dc, nodes }: Ring): string[] {
  const problems = httpAppRules(apiApp, API_APP, { id: DCOS.apiAppId, port: API.port, healthPath: API.healthPath });
  problems.push(
    ...checkApiEnvironment(resolvedEnv(apiApp), `${API_APP} env`, {
      port: API.port,
      contactPoints: dcosCassandraContactPoints(),
      keyspace: CASSANDRA.keyspace,
      localDataCenter: dc,
      replication: { class: 'NetworkTopologyStrategy', [dc]: String(DCOS.replicationFactor) },
      proxyChains: DCOS.proxyChains,
    }),
  );
  if (DCOS.replicationFactor > nodes) {
    problems.push(`replication factor ${DCOS.replicationFactor} exceeds the ${nodes} Cassandra nodes`);
  }
  const readiness = records(at(apiApp, 'readinessChecks'))[0];
  const portNames = records(at(apiApp, 'container', 'portMappings')).map((mapping) => mapping.name);
  if (readiness?.path !== API.readyPath || !portNames.includes(readiness.portName)) {
    problems.push(`${API_APP}: readiness check must GET ${API.readyPath} on a named port mapping`);
  }
  const servicePort = at(apiApp, 'container', 'portMappings', 0, 'servicePort');
  if (servicePort !== DCOS.apiServicePort || at(apiApp, 'labels', 'HAPROXY_GROUP') !== DCOS.internalLbGroup) {
    problems.push(
      `${API_APP}: must be on marathon-lb group "${DCOS.internalLbGroup}" ` + `at service port ${DCOS.apiServicePort}`,
    );
  }
  return problems;
}

/** The web: proxies to the API through the internal marathon-lb, and is the public virtual host. */
function webAppRules(webApp: unknown): string[] {
  const problems = httpAppRules(webApp, WEB_APP, { id: DCOS.webAppId, port: WEB.port, healthPath: WEB.healthPath });
  const upstream = `http://${DCOS.internalLbHost}:${DCOS.apiServicePort}`;
  if (at(webApp, 'env', WEB.upstreamVariable) !== upstream) {
    problems.push(`${WEB_APP}: ${WEB.upstreamVariable} must be ${upstream}`);
  }
  if (at(webApp, 'labels', 'HAPROXY_GROUP') !== DCOS.publicLbGroup || !at(webApp, 'labels', 'HAPROXY_0_VHOST')) {
    problems.push(`${WEB_APP}: must be on marathon-lb group "${DCOS.publicLbGroup}" with HAPROXY_0_VHOST`);
  }
  return problems;
}
