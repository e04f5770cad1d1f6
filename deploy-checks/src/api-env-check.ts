import { ConfigError, loadConfig, type Config } from '@guestbook/api';
import { apiConfigKeys } from './api-config-keys.js';
import { checkClientAddresses } from './client-address-check.js';
import type { ProxyChain } from './deploy-contract.js';

/** Variables a descriptor may set on the API container that the API itself does not read. */
const RUNTIME_VARIABLES = new Set(['NODE_ENV']);

export interface ExpectedApiConfig {
  port?: number;
  contactPoints?: string[];
  keyspace?: string;
  localDataCenter?: string;
  replication?: Record<string, string>;
  /** The proxies visitors come through: TRUST_PROXY must let the API tell each visitor apart behind them. */
  proxyChains?: readonly ProxyChain[];
}

/**
 * Runs a descriptor's API environment through the API's real config loader and compares the result with what the
 * rest of that descriptor assumes (published port, Cassandra service, keyspace, the proxies in front). Returns
 * problems, empty when it agrees.
 */
export function checkApiEnvironment(env: Record<string, string>, where: string, expected: ExpectedApiConfig): string[] {
  const known = new Set(apiConfigKeys());
  const problems = Object.keys(env)
    .filter((key) => !known.has(key) && !RUNTIME_VARIABLES.has(key))
    .map((key) => `${where}: sets ${key}, which api/src/config.ts does not read`);
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [...problems, `${where}: the API would refuse this environment: ${error.message}`];
  }
  const compare = (what: string, actual: unknown, wanted: unknown) => {
    if (wanted !== undefined && JSON.stringify(actual) !== JSON.stringify(wanted)) {
      problems.push(
        `${where}: the API would use ${what} ${JSON.stringify(actual)}, but the deployment expects ${JSON.stringify(wanted)}`,
      );
    }
  };
  compare('port', config.port, expected.port);
  compare('contact points', config.cassandra.contactPoints, expected.contactPoints);
  compare('keyspace', config.cassandra.keyspace, expected.keyspace);
  compare('local data center', config.cassandra.localDataCenter, expected.localDataCenter);
  compare('replication', config.cassandra.replication, expected.replication);
  if (expected.proxyChains) problems.push(...checkClientAddresses(config.trustProxy, expected.proxyChains, where));
  return problems;
}
