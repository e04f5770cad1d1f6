import { checkApiEnvironment } from './api-env-check.js';
import { API, CASSANDRA, K8S, WEB, k8sCassandraContactPoints } from './deploy-contract.js';
import {
  at,
  containerPort,
  containersOf,
  find,
  label,
  podTemplates,
  records,
  resolvedContainerEnv,
  secretRefs,
} from './k8s-manifests.js';
import type { Manifest } from './k8s-tools.js';

const WHERE = 'k8s/overlays/production';

/** The first container of a workload, or undefined when the workload is missing. */
const mainContainer = (workload: Manifest | undefined) => containersOf(at(workload, 'spec', 'template'))[0];

/** Three nodes, one claim each at the data path, a headless Service for stable names, ready when CQL answers. */
export function cassandraRules(manifests: Manifest[], where = WHERE): string[] {
  const set = find(manifests, 'StatefulSet', K8S.cassandra);
  if (!set) return [`${where}: no StatefulSet ${K8S.cassandra}`];
  const problems: string[] = [];
  const name = `${where} StatefulSet/${K8S.cassandra}`;
  if (at(set, 'spec', 'replicas') !== K8S.nodeCount) problems.push(`${name}: replicas must be ${K8S.nodeCount}`);
  const container = mainContainer(set);
  if (at(container, 'image') !== CASSANDRA.image) problems.push(`${name}: image must be ${CASSANDRA.image}`);
  const claim = records(at(set, 'spec', 'volumeClaimTemplates')).find(
    (c) => at(c, 'metadata', 'name') === K8S.dataClaim,
  );
  const mounted = records(at(container, 'volumeMounts')).find((m) => m.name === K8S.dataClaim);
  if (!claim || mounted?.mountPath !== CASSANDRA.dataPath) {
    problems.push(`${name}: needs a claim template "${K8S.dataClaim}" mounted at ${CASSANDRA.dataPath}`);
  }
  if (at(claim, 'spec', 'storageClassName') !== K8S.storageClass) {
    problems.push(
      `${name}: the data claims must use StorageClass ${K8S.storageClass} (its CSI driver takes group snapshots)`,
    );
  }
  for (const [key, value] of Object.entries(K8S.dataVolumeLabel)) {
    if (at(claim, 'metadata', 'labels', key) !== value) {
      problems.push(`${name}: the data claims need the label ${key}=${value}, which the group snapshot selects`);
    }
  }
  const command = JSON.stringify(at(container, 'readinessProbe', 'exec', 'command') ?? '');
  if (!command.includes('cqlsh')) problems.push(`${name}: the readiness probe must ask CQL (cqlsh)`);
  const env = resolvedContainerEnv(container);
  const seed = `${K8S.cassandra}-0.${K8S.cassandra}`;
  if (env.CASSANDRA_SEEDS !== seed) problems.push(`${name}: CASSANDRA_SEEDS must be ${seed}`);
  if (env.CASSANDRA_DC !== CASSANDRA.localDataCenter) {
    problems.push(`${name}: CASSANDRA_DC must be ${CASSANDRA.localDataCenter}, the API's local data center`);
  }
  const service = find(manifests, 'Service', String(at(set, 'spec', 'serviceName')));
  if (
    !service ||
    at(service, 'spec', 'clusterIP') !== 'None' ||
    at(service, 'spec', 'publishNotReadyAddresses') !== true
  ) {
    problems.push(
      `${name}: serviceName must be a headless Service that publishes not-ready addresses (seeds resolve early)`,
    );
  }
  return problems;
}

/** Voluntary disruptions (drains, upgrades) take at most one node: QUORUM at RF 3 keeps two replicas. */
export function disruptionRules(manifests: Manifest[]): string[] {
  const set = find(manifests, 'StatefulSet', K8S.cassandra);
  const podLabels = at(set, 'spec', 'template', 'metadata', 'labels') as Record<string, string> | undefined;
  const budget = manifests.find(
    (m) =>
      m.kind === 'PodDisruptionBudget' &&
      Object.entries((at(m, 'spec', 'selector', 'matchLabels') as Record<string, string>) ?? { none: '' }).every(
        ([key, value]) => podLabels?.[key] === value,
      ),
  );
  if (!budget) return [`${WHERE}: no PodDisruptionBudget selects the Cassandra pods`];
  return at(budget, 'spec', 'maxUnavailable') === 1
    ? []
    : [`${WHERE} ${label(budget)}: maxUnavailable must be 1 (RF ${K8S.replicationFactor}, QUORUM)`];
}

/** The API: probes on the contract's paths and port; its env through the API's own config loader. */
export function apiRules(manifests: Manifest[]): string[] {
  const deployment = find(manifests, 'Deployment', K8S.apiDeployment);
  if (!deployment) return [`${WHERE}: no Deployment ${K8S.apiDeployment}`];
  const name = `${WHERE} Deployment/${K8S.apiDeployment}`;
  const container = mainContainer(deployment);
  const problems = probeRules(container, name, { port: API.port, live: API.healthPath, ready: API.readyPath });
  const env = resolvedContainerEnv(container);
  problems.push(
    ...checkApiEnvironment(env, `${name} env`, {
      port: API.port,
      contactPoints: k8sCassandraContactPoints(),
      keyspace: CASSANDRA.keyspace,
      localDataCenter: CASSANDRA.localDataCenter,
      replication: { class: 'NetworkTopologyStrategy', [CASSANDRA.localDataCenter]: String(K8S.replicationFactor) },
      proxyChains: K8S.proxyChains,
    }),
  );
  if (K8S.replicationFactor > K8S.nodeCount) {
    problems.push(`replication factor ${K8S.replicationFactor} exceeds the ${K8S.nodeCount} Cassandra nodes`);
  }
  return problems;
}

/** The page: probes on /healthz, and its nginx proxies to the API Service on the API's port. */
export function webRules(manifests: Manifest[]): string[] {
  const deployment = find(manifests, 'Deployment', K8S.webDeployment);
  if (!deployment) return [`${WHERE}: no Deployment ${K8S.webDeployment}`];
  const name = `${WHERE} Deployment/${K8S.webDeployment}`;
  const container = mainContainer(deployment);
  const problems = probeRules(container, name, { port: WEB.port, live: WEB.healthPath, ready: WEB.healthPath });
  const upstream = `http://${K8S.apiDeployment}:${API.port}`;
  if (resolvedContainerEnv(container)[WEB.upstreamVariable] !== upstream) {
    problems.push(`${name}: ${WEB.upstreamVariable} must be ${upstream}`);
  }
  return problems;
}

function probeRules(container: unknown, name: string, wanted: { port: number; live: string; ready: string }): string[] {
  const problems: string[] = [];
  for (const [probe, path] of [
    ['livenessProbe', wanted.live],
    ['readinessProbe', wanted.ready],
  ] as const) {
    const get = at(container, probe, 'httpGet');
    const port = containerPort(container, at(get, 'port'));
    if (at(get, 'path') !== path || port !== wanted.port) {
      problems.push(
        `${name}: ${probe} must GET ${path} on port ${wanted.port} (gets ${String(at(get, 'path'))} on ${String(port)})`,
      );
    }
  }
  return problems;
}

/** Every Service selects a workload's pods and targets one of their ports; the Ingress sends visitors to the page. */
export function serviceRules(manifests: Manifest[], where = WHERE): string[] {
  const pods = podTemplates(manifests).map(({ pod }) => pod);
  const problems = manifests
    .filter((m) => m.kind === 'Service')
    .flatMap((service) => {
      const selector = (at(service, 'spec', 'selector') ?? {}) as Record<string, string>;
      const pod = pods.find((p) =>
        Object.entries(selector).every(([key, value]) => at(p, 'metadata', 'labels', key) === value),
      );
      if (!pod || Object.keys(selector).length === 0) return [`${where} ${label(service)}: selects no workload's pods`];
      return records(at(service, 'spec', 'ports'))
        .filter((port) => containersOf(pod).every((c) => containerPort(c, port.targetPort) === undefined))
        .map((port) => `${where} ${label(service)}: targetPort ${String(port.targetPort)} is no container port`);
    });
  return [...problems, ...ingressRules(manifests, where)];
}

function ingressRules(manifests: Manifest[], where: string): string[] {
  return manifests
    .filter((m) => m.kind === 'Ingress')
    .flatMap((ingress) =>
      records(at(ingress, 'spec', 'rules')).flatMap((rule) =>
        records(at(rule, 'http', 'paths')).flatMap((path) => {
          const backend = at(path, 'backend', 'service');
          const web = find(manifests, 'Service', K8S.webDeployment);
          const port = records(at(web, 'spec', 'ports')).find((p) => p.name === at(backend, 'port', 'name'));
          const target = containerPort(
            mainContainer(find(manifests, 'Deployment', K8S.webDeployment)),
            port?.targetPort,
          );
          return at(backend, 'name') === K8S.webDeployment && target === WEB.port
            ? []
            : [`${where} ${label(ingress)}: must route to Service ${K8S.webDeployment}, the page on port ${WEB.port}`];
        }),
      ),
    );
}

/** Secrets come from the hand-made Secret, each variable under its contract key; none is committed or inlined. */
export function secretRules(manifests: Manifest[], where = WHERE): string[] {
  const problems = manifests
    .filter((m) => m.kind === 'Secret')
    .map((m) => `${where} ${label(m)}: never commit a Secret`);
  const keys: Record<string, string> = K8S.secretKeys;
  for (const { owner, pod } of podTemplates(manifests)) {
    for (const container of containersOf(pod)) {
      const name = `${where} ${label(owner)} container ${String(container.name)}`;
      for (const ref of secretRefs(container)) {
        if (ref.secret !== K8S.secret || keys[ref.variable] !== ref.key) {
          problems.push(
            `${name}: ${ref.variable} must come from Secret ${K8S.secret} key ${keys[ref.variable] ?? '(none)'}`,
          );
        }
      }
      for (const entry of records(at(container, 'env'))) {
        if (String(entry.name) in keys && entry.value !== undefined) {
          problems.push(`${name}: ${String(entry.name)} is written in the manifest; take it from Secret ${K8S.secret}`);
        }
      }
    }
  }
  return problems;
}
