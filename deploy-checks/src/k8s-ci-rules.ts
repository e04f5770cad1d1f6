import { K8S } from './deploy-contract.js';
import { at, containersOf, find, label, nameOf, resolvedContainerEnv, secretRefs } from './k8s-manifests.js';
import { isSnapshotObject, validateSnapshotObject } from './k8s-snapshot-schemas.js';
import type { Manifest } from './k8s-tools.js';

const WHERE = 'k8s/overlays/ci';
export const TEMPLATES = ['volume-group-snapshot', 'volume-snapshot-content', 'volume-snapshot', 'restored-claim'];

export interface RunValues {
  run: string;
  index: number;
  driver: string;
  handle: string;
}

/** Fills a template as k8s/ci/volume-group-snapshot-replay.sh does (jq gsub on every string). */
export function renderTemplate(template: Manifest, { run, index, driver, handle }: RunValues): Manifest {
  const group = `guestbook-cassandra-${run}`;
  const values: Record<string, string> = {
    __RUN__: run,
    __GROUP_SNAPSHOT__: group,
    __NODE_INDEX__: String(index),
    __COPY__: `${group}-${index}`,
    __DRIVER__: driver,
    __SNAPSHOT_HANDLE__: handle,
  };
  const text = Object.entries(values).reduce((t, [key, value]) => t.replaceAll(key, value), JSON.stringify(template));
  return JSON.parse(text) as Manifest;
}

const claimTemplate = (set: Manifest | undefined) =>
  (at(set, 'spec', 'volumeClaimTemplates') as unknown[] | undefined)?.find(
    (c) => at(c, 'metadata', 'name') === K8S.dataClaim,
  );

/** The CI ring: Cassandra only, in the CI namespace, under production's cluster name, never reaching production. */
export function ciRingRules(ci: Manifest[], production: Manifest[]): string[] {
  const problems = ci
    .filter((m) => at(m, 'metadata', 'namespace') !== K8S.ciNamespace)
    .map((m) => `${WHERE} ${label(m)}: must be in namespace ${K8S.ciNamespace}`);
  const kinds = ci.map((m) => `${String(m.kind)}/${nameOf(m)}`).sort();
  const wanted = [`Service/${K8S.cassandra}`, `StatefulSet/${K8S.cassandra}`];
  if (JSON.stringify(kinds) !== JSON.stringify(wanted)) {
    problems.push(`${WHERE}: must hold only ${wanted.join(' and ')} (holds ${kinds.join(', ')})`);
  }
  const set = find(ci, 'StatefulSet', K8S.cassandra);
  const name = `${WHERE} StatefulSet/${K8S.cassandra}`;
  const container = containersOf(at(set, 'spec', 'template'))[0];
  const env = resolvedContainerEnv(container);
  const productionEnv = resolvedContainerEnv(
    containersOf(at(find(production, 'StatefulSet', K8S.cassandra), 'spec', 'template'))[0],
  );
  if (env.CASSANDRA_CLUSTER_NAME !== productionEnv.CASSANDRA_CLUSTER_NAME || env.CASSANDRA_CLUSTER_NAME === undefined) {
    problems.push(`${name}: CASSANDRA_CLUSTER_NAME must be production's (the copied system tables hold it)`);
  }
  if (!env.JVM_EXTRA_OPTS?.includes('-Dcassandra.load_ring_state=false')) {
    problems.push(`${name}: must not gossip with production (load_ring_state=false)`);
  }
  if (secretRefs(container).length > 0) problems.push(`${name}: must not read production's Secret`);
  const claim = claimTemplate(set);
  const productionClaim = claimTemplate(find(production, 'StatefulSet', K8S.cassandra));
  if (JSON.stringify(at(claim, 'spec')) !== JSON.stringify(at(productionClaim, 'spec'))) {
    problems.push(`${name}: its claim template must equal production's (the restored claims are made to fit it)`);
  }
  return problems;
}

/**
 * The objects the script creates per run, rendered as it renders them: valid against their schemas, and wired to each
 * other (group → claims it selects; content copy ↔ snapshot copy; restored claim ← copy, named as the ring adopts it).
 */
export function ciTemplateRules(templates: Record<string, Manifest>, production: Manifest[]): string[] {
  const run = 'ci-1';
  const problems: string[] = [];
  for (let index = 0; index < K8S.nodeCount; index++) {
    const values = { run, index, driver: 'csi.example.com', handle: `snapshot-handle-${index}` };
    const rendered = Object.fromEntries(
      TEMPLATES.map((name) => [name, renderTemplate(templates[name] ?? {}, values)]),
    ) as Record<string, Manifest>;
    for (const [name, manifest] of Object.entries(rendered)) {
      const where = `k8s/ci/templates/${name}.json (node ${index})`;
      if (isSnapshotObject(manifest)) problems.push(...validateSnapshotObject(manifest, where));
    }
    problems.push(...wiringRules(rendered, production, index));
  }
  return problems;
}

function wiringRules(rendered: Record<string, Manifest>, production: Manifest[], index: number): string[] {
  const problems: string[] = [];
  const where = (name: string) => `k8s/ci/templates/${name}.json (node ${index})`;
  const group = rendered['volume-group-snapshot'];
  const content = rendered['volume-snapshot-content'];
  const snapshot = rendered['volume-snapshot'];
  const claim = rendered['restored-claim'];
  const productionClaim = claimTemplate(find(production, 'StatefulSet', K8S.cassandra));
  const selector = (at(group, 'spec', 'source', 'selector', 'matchLabels') ?? {}) as Record<string, string>;
  const claimLabels = (at(productionClaim, 'metadata', 'labels') ?? {}) as Record<string, string>;
  if (
    Object.keys(selector).length === 0 ||
    !Object.entries(selector).every(([key, value]) => claimLabels[key] === value)
  ) {
    problems.push(`${where('volume-group-snapshot')}: its selector must match the production data claims' labels`);
  }
  if (at(group, 'metadata', 'namespace') !== K8S.namespace) {
    problems.push(`${where('volume-group-snapshot')}: must be taken in ${K8S.namespace}, where the claims are`);
  }
  if (at(group, 'spec', 'volumeGroupSnapshotClassName') !== K8S.groupSnapshotClass) {
    problems.push(`${where('volume-group-snapshot')}: class must be ${K8S.groupSnapshotClass}`);
  }
  if (at(content, 'spec', 'deletionPolicy') !== 'Retain') {
    problems.push(`${where('volume-snapshot-content')}: must Retain (the group snapshot owns the storage snapshot)`);
  }
  const ref = at(content, 'spec', 'volumeSnapshotRef');
  if (at(ref, 'name') !== nameOf(snapshot) || at(ref, 'namespace') !== at(snapshot, 'metadata', 'namespace')) {
    problems.push(`${where('volume-snapshot-content')}: volumeSnapshotRef must name the snapshot copy`);
  }
  if (at(snapshot, 'spec', 'source', 'volumeSnapshotContentName') !== nameOf(content)) {
    problems.push(`${where('volume-snapshot')}: must bind to the content copy`);
  }
  for (const manifest of [snapshot, claim]) {
    if (at(manifest, 'metadata', 'namespace') !== K8S.ciNamespace) {
      problems.push(`${where(nameOf(manifest))}: must be in ${K8S.ciNamespace}`);
    }
  }
  const adopted = `${K8S.dataClaim}-${K8S.cassandra}-${index}`;
  if (nameOf(claim) !== adopted)
    problems.push(`${where('restored-claim')}: must be named ${adopted}, as the ring adopts it`);
  const source = at(claim, 'spec', 'dataSource');
  if (at(source, 'kind') !== 'VolumeSnapshot' || at(source, 'name') !== nameOf(snapshot)) {
    problems.push(`${where('restored-claim')}: must be restored from the snapshot copy`);
  }
  for (const field of ['accessModes', 'storageClassName', 'resources']) {
    if (JSON.stringify(at(claim, 'spec', field)) !== JSON.stringify(at(productionClaim, 'spec', field))) {
      problems.push(`${where('restored-claim')}: spec.${field} must equal the production claims'`);
    }
  }
  return problems;
}
