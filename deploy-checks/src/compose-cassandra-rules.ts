import { dependency, environment, list, networksOf, type Compose } from './compose-service.js';
import { CASSANDRA, COMPOSE } from './deploy-contract.js';
import { isRecord } from './repo-files.js';

const NAMES = COMPOSE.services;

/** Production and test node alike: the pinned image, a healthcheck, the API's data center. */
export function cassandraNodeRules({ service, dc }: Compose): string[] {
  return [NAMES.cassandra, NAMES.testCassandra].flatMap((name) => {
    const node = service(name);
    const problems: string[] = [];
    if (node.image !== CASSANDRA.image) {
      problems.push(`services.${name}: image ${String(node.image)}, expected ${CASSANDRA.image}`);
    }
    if (!isRecord(node.healthcheck)) problems.push(`services.${name}: no healthcheck`);
    if (environment(node).CASSANDRA_DC !== dc) {
      problems.push(`services.${name}: CASSANDRA_DC differs from the API's local DC ${dc}`);
    }
    return problems;
  });
}

/** Production keeps its data in a named volume, and one node with the only copy syncs the commit log per write. */
export function productionCassandraRules({ service }: Compose): string[] {
  const problems: string[] = [];
  const cassandra = service(NAMES.cassandra);
  if (!list(cassandra.volumes).includes(`${COMPOSE.volumes.production}:${CASSANDRA.dataPath}`)) {
    problems.push(`services.${NAMES.cassandra}: must keep its data in the named volume ${COMPOSE.volumes.production}`);
  }
  const jvmFlags = (environment(cassandra).JVM_EXTRA_OPTS ?? '').split(/\s+/);
  const lacking = COMPOSE.cassandraJvmFlags.filter((flag) => !jvmFlags.includes(flag));
  if (lacking.length > 0) {
    problems.push(
      `services.${NAMES.cassandra}: the only copy must be on disk before a write is acknowledged; ` +
        `JVM_EXTRA_OPTS lacks ${lacking.join(' ')}`,
    );
  }
  return problems;
}

/** The test node starts on the cloned volume as a member of the same cluster, and can never reach production. */
export function testCassandraRules({ service }: Compose): string[] {
  const problems: string[] = [];
  const [cassandra, test] = [service(NAMES.cassandra), service(NAMES.testCassandra)];
  const where = `services.${NAMES.testCassandra}`;
  if (!list(test.volumes).includes(`${COMPOSE.volumes.test}:${CASSANDRA.dataPath}`)) {
    problems.push(`${where}: must run on the cloned volume ${COMPOSE.volumes.test}`);
  }
  if (environment(test).CASSANDRA_CLUSTER_NAME !== environment(cassandra).CASSANDRA_CLUSTER_NAME) {
    problems.push(`${where}: the clone keeps the production cluster name; CASSANDRA_CLUSTER_NAME must match`);
  }
  if (!environment(test).JVM_EXTRA_OPTS?.includes('-Dcassandra.load_ring_state=false')) {
    problems.push(`${where}: must start with -Dcassandra.load_ring_state=false so it never gossips with production`);
  }
  const shared = networksOf(test).filter((network) => networksOf(cassandra).includes(network));
  if (shared.length > 0) problems.push(`${where}: shares network(s) ${shared.join(', ')} with production Cassandra`);
  return problems;
}

/** The clone reads production's volume read-only, writes the test volume, and finishes before the test node starts. */
export function cloneVolumeRules({ service }: Compose): string[] {
  const problems: string[] = [];
  const cloneVolumes = list(service(NAMES.cloneVolume).volumes);
  const where = `services.${NAMES.cloneVolume}`;
  if (!cloneVolumes.some((volume) => volume.startsWith(`${COMPOSE.volumes.production}:`) && volume.endsWith(':ro'))) {
    problems.push(`${where}: must mount ${COMPOSE.volumes.production} read-only`);
  }
  if (!cloneVolumes.some((volume) => volume.startsWith(`${COMPOSE.volumes.test}:`))) {
    problems.push(`${where}: must write into ${COMPOSE.volumes.test}`);
  }
  if (dependency(service(NAMES.testCassandra), NAMES.cloneVolume) !== 'service_completed_successfully') {
    problems.push(`services.${NAMES.testCassandra}: must wait for ${NAMES.cloneVolume} to complete`);
  }
  return problems;
}
