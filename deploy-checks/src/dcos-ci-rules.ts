import { checkApiEnvironment } from './api-env-check.js';
import { at, records, resolvedEnv, type DcosDescriptors, type Ring } from './dcos-descriptors.js';
import { CASSANDRA, DCOS, dcosTestNodeHost } from './deploy-contract.js';
import { validateWith } from './json-schemas.js';

const REPLAY_JOB = 'dcos/ci/replay.metronome.json';

/** Fills the test node template the way dcos/ci/portworx-snapshot-replay.sh does (jq gsub on every string). */
function renderTestNode(template: unknown, index: number, volume: string): unknown {
  const text = JSON.stringify(template);
  return JSON.parse(text.replaceAll('__NODE_INDEX__', String(index)).replaceAll('__SNAPSHOT_VOLUME__', volume));
}

/** The test ring: one node per snapshot volume, rendered as the snapshot script renders it. */
export function testNodeRules({ options, testNodeTemplate }: DcosDescriptors, { dc }: Ring, index: number): string[] {
  const where = `dcos/ci/test-cassandra-node.marathon.json (node ${index})`;
  const volumeName = `${String(at(options, 'nodes', 'portworx_volume_name'))}-${index}-ci-1`;
  const node = renderTestNode(testNodeTemplate, index, volumeName);
  const problems = validateWith('marathon-app.schema.json', node, where);
  const id = `${DCOS.ciGroup}/cassandra-${index}`;
  if (at(node, 'id') !== id) problems.push(`${where}: id must be ${id}`);
  if (at(node, 'container', 'docker', 'image') !== CASSANDRA.image) {
    problems.push(`${where}: image must be ${CASSANDRA.image}`);
  }
  const volume = records(at(node, 'container', 'volumes'))[0];
  if (volume?.containerPath !== CASSANDRA.dataPath || at(volume, 'external', 'options', 'dvdi/driver') !== 'pxd') {
    problems.push(`${where}: must mount the Portworx snapshot volume at ${CASSANDRA.dataPath}`);
  }
  problems.push(...testNodeEnvRules(resolvedEnv(node), where, dc));
  if (at(node, 'networks', 0, 'mode') === 'host') {
    problems.push(`${where}: must not use host networking (it would collide with production nodes)`);
  }
  return problems;
}

/** A test node joins its own ring under production's cluster name, and never reaches production. */
function testNodeEnvRules(env: Record<string, string>, where: string, dc: string): string[] {
  const problems: string[] = [];
  if (env.CASSANDRA_CLUSTER_NAME !== DCOS.cassandraService) {
    problems.push(`${where}: CASSANDRA_CLUSTER_NAME must be the production cluster's, ${DCOS.cassandraService}`);
  }
  if (env.CASSANDRA_DC !== dc) problems.push(`${where}: CASSANDRA_DC must be ${dc}`);
  if (env.CASSANDRA_SEEDS !== dcosTestNodeHost(0)) {
    problems.push(`${where}: CASSANDRA_SEEDS must be the first test node, ${dcosTestNodeHost(0)}`);
  }
  if (!env.JVM_EXTRA_OPTS?.includes('-Dcassandra.load_ring_state=false')) {
    problems.push(`${where}: must not gossip with production (load_ring_state=false)`);
  }
  return problems;
}

/** The replay job: talks to every test node, in the keyspace the API uses. */
export function replayJobRules(replayJob: unknown, { dc, nodes }: Ring): string[] {
  const { CI: _ci, ...replayEnv } = resolvedEnv(at(replayJob, 'run'));
  const problems = checkApiEnvironment(replayEnv, `${REPLAY_JOB} run.env`, {
    contactPoints: Array.from({ length: nodes }, (_, index) => `${dcosTestNodeHost(index)}:${CASSANDRA.cqlPort}`),
    keyspace: CASSANDRA.keyspace,
    localDataCenter: dc,
  });
  const cmd = String(at(replayJob, 'run', 'cmd'));
  if (!['npm run replay', '$CASSANDRA_CONTACT_POINTS', '$CASSANDRA_KEYSPACE'].every((part) => cmd.includes(part))) {
    problems.push(`${REPLAY_JOB}: cmd must run the replay against $CASSANDRA_CONTACT_POINTS and $CASSANDRA_KEYSPACE`);
  }
  if (at(replayJob, 'id') !== DCOS.replayJobId) problems.push(`${REPLAY_JOB}: id must be ${DCOS.replayJobId}`);
  return problems;
}
