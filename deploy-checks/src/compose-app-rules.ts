import { checkApiEnvironment, type ExpectedApiConfig } from './api-env-check.js';
import { containerPorts, dependency, environment, list, probedUrl, type Compose } from './compose-service.js';
import { API, CASSANDRA, COMPOSE, WEB } from './deploy-contract.js';

const NAMES = COMPOSE.services;

/** What the API's config loader must make of a service's environment in this file. */
function expectedApi({ dc }: Compose): ExpectedApiConfig {
  const contactPoints = [`${NAMES.cassandra}:${CASSANDRA.cqlPort}`];
  return { port: API.port, contactPoints, keyspace: CASSANDRA.keyspace, localDataCenter: dc };
}

/** The schema job runs the API's own migration once Cassandra is healthy. */
export function schemaServiceRules(compose: Compose): string[] {
  const schema = compose.service(NAMES.schema);
  const where = `docker-compose.yml services.${NAMES.schema}.environment`;
  const problems = checkApiEnvironment(environment(schema), where, expectedApi(compose));
  if (dependency(schema, NAMES.cassandra) !== 'service_healthy') {
    problems.push(`services.${NAMES.schema}: must wait for a healthy ${NAMES.cassandra}`);
  }
  return problems;
}

export function apiServiceRules(compose: Compose): string[] {
  const api = compose.service(NAMES.api);
  const apiEnvironment = environment(api);
  const where = `docker-compose.yml services.${NAMES.api}.environment`;
  const expected = { ...expectedApi(compose), proxyChains: COMPOSE.proxyChains };
  const problems = checkApiEnvironment(apiEnvironment, where, expected);
  if (apiEnvironment.CURSOR_SECRET !== compose.given.CURSOR_SECRET) {
    problems.push(`services.${NAMES.api}: CURSOR_SECRET must be the one given to Compose (\${CURSOR_SECRET:?...})`);
  }
  if (!containerPorts(api).includes(API.port)) {
    problems.push(`services.${NAMES.api}: publishes ${list(api.ports).join(', ')}, not container port ${API.port}`);
  }
  const probe = probedUrl(api);
  if (!probe || Number(probe.port) !== API.port || ![API.healthPath, API.readyPath].includes(probe.pathname as never)) {
    problems.push(
      `services.${NAMES.api}: healthcheck must probe :${API.port}${API.readyPath} or ${API.healthPath} ` +
        `(probes ${probe?.href ?? 'nothing'})`,
    );
  }
  if (dependency(api, NAMES.schema) !== 'service_completed_successfully') {
    problems.push(`services.${NAMES.api}: must start after ${NAMES.schema} completed`);
  }
  return problems;
}

export function webServiceRules({ service }: Compose): string[] {
  const problems: string[] = [];
  const web = service(NAMES.web);
  const upstream = `http://${NAMES.api}:${API.port}`;
  if (environment(web)[WEB.upstreamVariable] !== upstream) {
    problems.push(`services.${NAMES.web}: ${WEB.upstreamVariable} must be ${upstream}`);
  }
  if (!containerPorts(web).includes(WEB.port)) {
    problems.push(`services.${NAMES.web}: does not publish container port ${WEB.port}`);
  }
  const probe = probedUrl(web);
  if (!probe || Number(probe.port) !== WEB.port || probe.pathname !== WEB.healthPath) {
    problems.push(`services.${NAMES.web}: healthcheck must probe :${WEB.port}${WEB.healthPath}`);
  }
  return problems;
}

/** The replay talks to the test node only, in the API's keyspace, once that node is healthy. */
export function replayServiceRules({ service }: Compose): string[] {
  const problems: string[] = [];
  const replay = service(NAMES.replay);
  const command = list(replay.command).join(' ');
  const target = `${NAMES.testCassandra}:${CASSANDRA.cqlPort}`;
  if (!command.includes(`--contact-points ${target}`) || !command.includes(`--keyspace ${CASSANDRA.keyspace}`)) {
    problems.push(
      `services.${NAMES.replay}: must replay against ${target}, keyspace ${CASSANDRA.keyspace} ` +
        `(command: ${command})`,
    );
  }
  if (dependency(replay, NAMES.testCassandra) !== 'service_healthy') {
    problems.push(`services.${NAMES.replay}: must wait for a healthy ${NAMES.testCassandra}`);
  }
  return problems;
}
