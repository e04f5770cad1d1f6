import { randomBytes } from 'node:crypto';
import { interpolateCompose } from './compose-interpolation.js';
import { apiServiceRules, replayServiceRules, schemaServiceRules, webServiceRules } from './compose-app-rules.js';
import {
  cassandraNodeRules,
  cloneVolumeRules,
  productionCassandraRules,
  testCassandraRules,
} from './compose-cassandra-rules.js';
import { checkProfilesAndReferences } from './compose-references.js';
import { environment, type Compose, type Service } from './compose-service.js';
import { CASSANDRA, COMPOSE } from './deploy-contract.js';
import { isRecord } from './repo-files.js';

const NAMES = COMPOSE.services;

/**
 * Checks an (already schema-valid) compose document against the deploy contract and the API's config loader, as
 * Compose would run it for an operator who set the required variables (a secret as `openssl rand -hex 32` makes one).
 * Takes the parsed document so a test can hand it a broken copy.
 */
export function checkComposeAgainstContract(raw: unknown): string[] {
  const compose = interpolated(raw);
  return [
    ...requiredVariableRules(raw),
    ...missingServiceRules(compose),
    ...cassandraNodeRules(compose),
    ...productionCassandraRules(compose),
    ...testCassandraRules(compose),
    ...cloneVolumeRules(compose),
    ...schemaServiceRules(compose),
    ...apiServiceRules(compose),
    ...webServiceRules(compose),
    ...replayServiceRules(compose),
    ...checkProfilesAndReferences(compose.doc, compose.services),
  ];
}

function interpolated(raw: unknown): Compose {
  const given = Object.fromEntries(COMPOSE.requiredVariables.map((name) => [name, randomBytes(32).toString('hex')]));
  const doc = interpolateCompose(raw, given).value as Record<string, unknown>;
  const services = (isRecord(doc.services) ? doc.services : {}) as Record<string, Service>;
  const service = (name: string): Service => services[name] ?? {};
  const dc = environment(service(NAMES.cassandra)).CASSANDRA_DC ?? CASSANDRA.localDataCenter;
  return { doc, services, service, given, dc };
}

/**
 * The variables Compose must refuse to start without: given as empty strings, so a default (`:-`) or a required form
 * that lets an empty value through (`?` without the colon) both show up as not required.
 */
function requiredVariableRules(raw: unknown): string[] {
  const { missing } = interpolateCompose(raw, Object.fromEntries(COMPOSE.requiredVariables.map((name) => [name, ''])));
  const required: readonly string[] = COMPOSE.requiredVariables;
  return [
    ...required
      .filter((name) => !missing.includes(name))
      .map(
        (name) =>
          `docker-compose.yml: ${name} must come from the operator (\${${name}:?message}); ` +
          'a fallback in the file is public',
      ),
    ...missing
      .filter((name) => !required.includes(name))
      .map((name) => `docker-compose.yml: requires ${name}, which the deploy contract does not list`),
  ];
}

function missingServiceRules({ services }: Compose): string[] {
  return Object.values(NAMES)
    .filter((name) => !services[name])
    .map((name) => `docker-compose.yml: no service "${name}"`);
}
