import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { checkApiEnvironment } from './api-env-check.js';
import { interpolateCompose } from './compose-interpolation.js';
import { API, CASSANDRA, COMPOSE, WEB } from './deploy-contract.js';
import { dockerfileStageNames } from './dockerfile-check.js';
import { isRecord, repoPath } from './repo-files.js';

type Service = Record<string, unknown>;

function environment(service: Service): Record<string, string> {
  const env = service.environment;
  if (Array.isArray(env)) return Object.fromEntries(env.map((e) => String(e).split(/=(.*)/s).slice(0, 2)));
  return isRecord(env) ? Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) : {};
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const networksOf = (s: Service) => (Array.isArray(s.networks) ? list(s.networks) : isRecord(s.networks) ? Object.keys(s.networks) : ['default']);
const dependency = (s: Service, on: string) => (isRecord(s.depends_on) && isRecord(s.depends_on[on]) ? s.depends_on[on].condition : undefined);

/** The URL a healthcheck probes, if its command names one. */
function probedUrl(s: Service): URL | undefined {
  const test = isRecord(s.healthcheck) ? list(s.healthcheck.test).join(' ') : '';
  const match = /https?:\/\/[\w.-]+:\d+\/[\w/-]*/.exec(test);
  return match ? new URL(match[0]) : undefined;
}

function containerPorts(s: Service): number[] {
  return list(s.ports).map((p) => Number(p.split('/')[0]?.split(':').at(-1)));
}

/**
 * The variables Compose must refuse to start without: given as empty strings, so a default (`:-`) or a required form
 * that lets an empty value through (`?` without the colon) both show up as not required.
 */
function requiredVariableProblems(raw: unknown): string[] {
  const { missing } = interpolateCompose(raw, Object.fromEntries(COMPOSE.requiredVariables.map((name) => [name, ''])));
  return [
    ...COMPOSE.requiredVariables.filter((name) => !missing.includes(name))
      .map((name) => `docker-compose.yml: ${name} must come from the operator (\${${name}:?message}); a fallback in the file is public`),
    ...missing.filter((name) => !(COMPOSE.requiredVariables as readonly string[]).includes(name))
      .map((name) => `docker-compose.yml: requires ${name}, which the deploy contract does not list`),
  ];
}

/**
 * Checks an (already schema-valid) compose document against the deploy contract and the API's config loader, as
 * Compose would run it for an operator who set the required variables (a secret as `openssl rand -hex 32` makes one).
 * Takes the parsed document so a test can hand it a broken copy.
 */
export function checkComposeAgainstContract(raw: unknown): string[] {
  const problems = requiredVariableProblems(raw);
  const given = Object.fromEntries(COMPOSE.requiredVariables.map((name) => [name, randomBytes(32).toString('hex')]));
  const doc = interpolateCompose(raw, given).value as Record<string, unknown>;
  const services = (isRecord(doc.services) ? doc.services : {}) as Record<string, Service>;
  const get = (name: string): Service => {
    const service = services[name];
    if (!service) problems.push(`docker-compose.yml: no service "${name}"`);
    return service ?? {};
  };
  const { cassandra: cassandraName, schema: schemaName, api: apiName, web: webName, cloneVolume, testCassandra, replay } = COMPOSE.services;
  const cassandra = get(cassandraName);
  const test = get(testCassandra);
  const dc = environment(cassandra).CASSANDRA_DC ?? CASSANDRA.localDataCenter;
  const expectApi = { port: API.port, contactPoints: [`${cassandraName}:${CASSANDRA.cqlPort}`], keyspace: CASSANDRA.keyspace, localDataCenter: dc };

  for (const [name, service] of [[cassandraName, cassandra], [testCassandra, test]] as const) {
    if (service.image !== CASSANDRA.image) problems.push(`services.${name}: image ${String(service.image)}, expected ${CASSANDRA.image}`);
    if (!isRecord(service.healthcheck)) problems.push(`services.${name}: no healthcheck`);
    if (environment(service).CASSANDRA_DC !== dc) problems.push(`services.${name}: CASSANDRA_DC differs from the API's local DC ${dc}`);
  }
  if (!list(cassandra.volumes).includes(`${COMPOSE.volumes.production}:${CASSANDRA.dataPath}`)) {
    problems.push(`services.${cassandraName}: must keep its data in the named volume ${COMPOSE.volumes.production}`);
  }
  if (!list(test.volumes).includes(`${COMPOSE.volumes.test}:${CASSANDRA.dataPath}`)) {
    problems.push(`services.${testCassandra}: must run on the cloned volume ${COMPOSE.volumes.test}`);
  }
  if (environment(test).CASSANDRA_CLUSTER_NAME !== environment(cassandra).CASSANDRA_CLUSTER_NAME) {
    problems.push(`services.${testCassandra}: the clone keeps the production cluster name; CASSANDRA_CLUSTER_NAME must match`);
  }
  if (!environment(test).JVM_EXTRA_OPTS?.includes('-Dcassandra.load_ring_state=false')) {
    problems.push(`services.${testCassandra}: must start with -Dcassandra.load_ring_state=false so it never gossips with production`);
  }
  const jvmFlags = (environment(cassandra).JVM_EXTRA_OPTS ?? '').split(/\s+/);
  const lacking = COMPOSE.cassandraJvmFlags.filter((f) => !jvmFlags.includes(f));
  if (lacking.length > 0) {
    problems.push(`services.${cassandraName}: the only copy must be on disk before a write is acknowledged; JVM_EXTRA_OPTS lacks ${lacking.join(' ')}`);
  }
  const shared = networksOf(test).filter((n) => networksOf(cassandra).includes(n));
  if (shared.length > 0) problems.push(`services.${testCassandra}: shares network(s) ${shared.join(', ')} with production Cassandra`);

  const clone = get(cloneVolume);
  const cloneVolumes = list(clone.volumes);
  if (!cloneVolumes.some((v) => v.startsWith(`${COMPOSE.volumes.production}:`) && v.endsWith(':ro'))) {
    problems.push(`services.${cloneVolume}: must mount ${COMPOSE.volumes.production} read-only`);
  }
  if (!cloneVolumes.some((v) => v.startsWith(`${COMPOSE.volumes.test}:`))) problems.push(`services.${cloneVolume}: must write into ${COMPOSE.volumes.test}`);
  if (dependency(test, cloneVolume) !== 'service_completed_successfully') {
    problems.push(`services.${testCassandra}: must wait for ${cloneVolume} to complete`);
  }

  const api = get(apiName);
  problems.push(...checkApiEnvironment(environment(get(schemaName)), `docker-compose.yml services.${schemaName}.environment`, expectApi));
  const apiEnvironment = environment(api);
  problems.push(...checkApiEnvironment(apiEnvironment, `docker-compose.yml services.${apiName}.environment`, { ...expectApi, proxyChains: COMPOSE.proxyChains }));
  if (apiEnvironment.CURSOR_SECRET !== given.CURSOR_SECRET) {
    problems.push(`services.${apiName}: CURSOR_SECRET must be the one given to Compose (\${CURSOR_SECRET:?...})`);
  }
  if (!containerPorts(api).includes(API.port)) problems.push(`services.${apiName}: publishes ${list(api.ports).join(', ')}, not container port ${API.port}`);
  const apiProbe = probedUrl(api);
  if (!apiProbe || Number(apiProbe.port) !== API.port || ![API.healthPath, API.readyPath].includes(apiProbe.pathname as never)) {
    problems.push(`services.${apiName}: healthcheck must probe :${API.port}${API.readyPath} or ${API.healthPath} (probes ${apiProbe?.href ?? 'nothing'})`);
  }
  if (dependency(get(schemaName), cassandraName) !== 'service_healthy') problems.push(`services.${schemaName}: must wait for a healthy ${cassandraName}`);
  if (dependency(api, schemaName) !== 'service_completed_successfully') problems.push(`services.${apiName}: must start after ${schemaName} completed`);

  const web = get(webName);
  if (environment(web)[WEB.upstreamVariable] !== `http://${apiName}:${API.port}`) {
    problems.push(`services.${webName}: ${WEB.upstreamVariable} must be http://${apiName}:${API.port}`);
  }
  if (!containerPorts(web).includes(WEB.port)) problems.push(`services.${webName}: does not publish container port ${WEB.port}`);
  const webProbe = probedUrl(web);
  if (!webProbe || Number(webProbe.port) !== WEB.port || webProbe.pathname !== WEB.healthPath) {
    problems.push(`services.${webName}: healthcheck must probe :${WEB.port}${WEB.healthPath}`);
  }

  const replayService = get(replay);
  const command = list(replayService.command).join(' ');
  if (!command.includes(`--contact-points ${testCassandra}:${CASSANDRA.cqlPort}`) || !command.includes(`--keyspace ${CASSANDRA.keyspace}`)) {
    problems.push(`services.${replay}: must replay against ${testCassandra}:${CASSANDRA.cqlPort}, keyspace ${CASSANDRA.keyspace} (command: ${command})`);
  }
  if (dependency(replayService, testCassandra) !== 'service_healthy') problems.push(`services.${replay}: must wait for a healthy ${testCassandra}`);

  problems.push(...checkProfilesAndReferences(doc, services));
  return problems;
}

/** Generic rules compose itself only enforces at `up` time: profiles, named volumes, dependencies, build files. */
function checkProfilesAndReferences(doc: Record<string, unknown>, services: Record<string, Service>): string[] {
  const problems: string[] = [];
  const ciOnly = new Set<string>([COMPOSE.services.cloneVolume, COMPOSE.services.testCassandra, COMPOSE.services.replay]);
  const declaredVolumes = isRecord(doc.volumes) ? Object.keys(doc.volumes) : [];
  const declaredNetworks = ['default', ...(isRecord(doc.networks) ? Object.keys(doc.networks) : [])];
  for (const [name, service] of Object.entries(services)) {
    const inCi = list(service.profiles).includes(COMPOSE.ciProfile);
    if (inCi !== ciOnly.has(name)) problems.push(`services.${name}: ${inCi ? 'must not be' : 'must be'} in the "${COMPOSE.ciProfile}" profile only`);
    for (const volume of list(service.volumes)) {
      const source = volume.split(':')[0] ?? '';
      if (!/^[./~]/.test(source) && !declaredVolumes.includes(source)) problems.push(`services.${name}: volume ${source} is not declared`);
    }
    for (const network of networksOf(service)) {
      if (!declaredNetworks.includes(network)) problems.push(`services.${name}: network ${network} is not declared`);
    }
    for (const dep of isRecord(service.depends_on) ? Object.keys(service.depends_on) : list(service.depends_on)) {
      if (!services[dep]) problems.push(`services.${name}: depends on unknown service ${dep}`);
    }
    if (isRecord(service.build)) {
      const dockerfile = String(service.build.dockerfile ?? 'Dockerfile');
      if (!existsSync(repoPath(dockerfile))) problems.push(`services.${name}: build.dockerfile ${dockerfile} does not exist`);
      else if (service.build.target && !dockerfileStageNames(dockerfile).includes(String(service.build.target))) {
        problems.push(`services.${name}: build.target ${String(service.build.target)} is not a stage of ${dockerfile}`);
      }
    }
  }
  for (const [image, builder] of [[COMPOSE.apiImage, 'api/Dockerfile'], [COMPOSE.webImage, 'web/Dockerfile']] as const) {
    const users = Object.entries(services).filter(([, s]) => s.image === image);
    if (users.length === 0) problems.push(`no service runs the image ${image}`);
    for (const [name, s] of users) {
      if (!isRecord(s.build) || s.build.dockerfile !== builder) problems.push(`services.${name}: ${image} must be built from ${builder}`);
    }
  }
  const replayNetwork = isRecord(doc.networks) ? doc.networks.replay : undefined;
  if (!isRecord(replayNetwork) || replayNetwork.internal !== true) problems.push('networks.replay: must be internal (no route to production)');
  return problems;
}
