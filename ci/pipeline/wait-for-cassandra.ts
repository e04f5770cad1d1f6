import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { withClient, type CqlClient } from '../snapshot/cql-client.js';

/**
 * Waits until a Cassandra answers CQL. A CI service container or a freshly started test node accepts TCP well before
 * it serves queries, so a port check is not enough.
 *   tsx ci/pipeline/wait-for-cassandra.ts host:port[,host:port] [--timeout-seconds 180] [--local-dc datacenter1]
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'timeout-seconds': { type: 'string', default: '180' },
    'local-dc': { type: 'string', default: process.env.CASSANDRA_LOCAL_DC ?? 'datacenter1' },
  },
});

const contactPoints = (positionals[0] ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const timeoutMs = Number(values['timeout-seconds']) * 1000;
if (contactPoints.length === 0 || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
  console.error('Usage: wait-for-cassandra host:port[,host:port] [--timeout-seconds N] [--local-dc DC]');
  process.exit(2);
}

// Short timeouts: the loop retries every two seconds, a hung attempt would only hold it up.
const PROBE_TIMEOUTS = { connectMs: 2000, readMs: 5000 };
const releaseVersion = async (client: CqlClient) =>
  String((await client.execute('SELECT release_version FROM system.local')).first()?.get('release_version'));

const deadline = Date.now() + timeoutMs;
let lastError = 'no attempt made';
for (let attempt = 1; Date.now() < deadline; attempt++) {
  try {
    const endpoint = { contactPoints, localDataCenter: values['local-dc'] };
    const version = await withClient(endpoint, releaseVersion, undefined, PROBE_TIMEOUTS);
    console.log(`Cassandra ${version} answers at ${contactPoints.join(',')} (attempt ${attempt})`);
    process.exit(0);
  } catch (error) {
    lastError = (error as Error).message;
    await sleep(Math.min(2000, Math.max(0, deadline - Date.now())));
  }
}
console.error(
  `Cassandra did not answer at ${contactPoints.join(',')} within ${values['timeout-seconds']} s: ${lastError}`,
);
process.exit(1);
