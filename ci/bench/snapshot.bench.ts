/**
 * npm run bench:snapshot [-- --sizes 10000,100000,1000000 --repeat 3 --dir .data/bench-snapshot --fresh]
 *                        [--entries 1000000]   (the same as --sizes, for one size)
 *                        [--skip-peers] [--cql-restore-sizes 10000,100000]
 *                        [--masking-repeat 2] [--skip-masking] [--only-masking]
 *                        [--profile-repeat 3] [--skip-profile] [--only-profile]
 *                        [--nodes 3 [--cql-sample 10000]]   (production as a cluster; default size 1M)
 *
 * A "production" node holds one keyspace per size, filled with synthetic guestbook entries spread over a year of day
 * buckets. At each size a physical and a logical snapshot are taken and restored into a keyspace on a "CI" node, timed
 * up to the copy's first answer. Before the timed runs, one small take + restore of each kind warms both JVMs' code
 * paths (the first writes a fresh node takes are several times slower). Production's data stays in --dir between runs
 * (loading 1M entries takes minutes); --fresh starts over.
 *
 * Then, per size, the logical path side by side with cqlsh COPY TO / COPY FROM (installed from PyPI into a virtualenv
 * under ~/.cache/guestbook on first use), each run as a process of its own with its time and peak memory.
 *
 * Then, per size, logical takes masked and unmasked in turn (--masking-repeat pairs): what masking adds to a take.
 * --only-masking runs only that comparison.
 *
 * Then, per size, what the drift profile adds to a logical take: takes with it off and on, alternated
 * (--profile-repeat each); --only-profile runs only that comparison.
 *
 * --nodes N runs only the cluster comparison instead (ci/bench/snapshot-cluster-bench.ts): production as an N-node
 * cluster with a replica on every node beside production as one node, each restored into a 1-node copy, physical and
 * logical, with the peak memory of every node.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { CassandraCluster, CassandraNode } from '@guestbook/cassandra';
import { writeSyntheticEntriesFast } from '../seed/entries-as-sstables.js';
import { applyGuestbookSchema } from '../seed/synthetic-entries.js';
import { endpointOf, runOnce, type RunResult } from './snapshot-bench-run.js';
import { printReport } from './snapshot-bench-report.js';
import { ensureCqlsh } from './cqlsh-peer.js';
import { printPeerReport } from './snapshot-bench-peer-report.js';
import { runPeers, type PeerResult } from './snapshot-bench-peers.js';
import { measureProfileCost, printProfileCost } from './snapshot-profile-cost.js';
import { printMaskingReport, runMaskingComparison, type MaskingRun } from './snapshot-bench-masking.js';
import { runClusterBench } from './snapshot-cluster-bench.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    entries: { type: 'string' },
    repeat: { type: 'string', default: '3' },
    'logical-repeat': { type: 'string', default: '1' },
    dir: { type: 'string', default: '.data/bench-snapshot' },
    fresh: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'skip-peers': { type: 'boolean', default: false },
    'cql-restore-sizes': { type: 'string', default: '10000,100000' },
    'masking-repeat': { type: 'string', default: '2' },
    'skip-masking': { type: 'boolean', default: false },
    'only-masking': { type: 'boolean', default: false },
    'profile-repeat': { type: 'string', default: '3' },
    'skip-profile': { type: 'boolean', default: false },
    'only-profile': { type: 'boolean', default: false },
    nodes: { type: 'string', default: '1' },
    'cql-sample': { type: 'string', default: '10000' },
  },
});
const nodes = Number(values.nodes);
const sizes = (values.entries ?? values.sizes ?? (nodes > 1 ? '1000000' : '10000,100000,1000000'))
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const home = resolve(process.env.INIT_CWD ?? process.cwd(), values.dir);
const WARM_UP_SIZE = 2000;
const log = (line: string) => console.error(line);
const quiet = values.verbose ? log : () => {};

if (values.fresh) await rm(home, { recursive: true, force: true });
await mkdir(home, { recursive: true });
// The nodes start side by side: on two busy cores each takes a minute or more (a cluster's nodes join one by one).
const startTimeoutMs = 600_000;
const [production, ci, cluster] = await Promise.all([
  CassandraNode.start({ directory: join(home, 'production'), clusterName: 'bench-production', startTimeoutMs, log }),
  CassandraNode.start({ directory: join(home, 'ci'), clusterName: 'bench-ci', startTimeoutMs, log }),
  nodes > 1
    ? CassandraCluster.start({
        directory: join(home, `cluster-${nodes}`),
        nodes,
        clusterName: 'bench-cluster',
        startTimeoutMs,
        log,
      })
    : undefined,
]);
const stopAll = () => Promise.all([production.stop(), ci.stop(), cluster?.stop()]);
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

const results: RunResult[] = [];
try {
  if (cluster) {
    await runClusterBench({
      home,
      cluster,
      sizes,
      warmUpSize: WARM_UP_SIZE,
      repeat: Number(values.repeat),
      cqlSample: Number(values['cql-sample']),
      production,
      ci,
      ensureLoaded,
      keyspaceOf,
      log,
      quiet,
    });
    sizes.length = 0;
  }
  for (const size of nodes > 1 ? [] : [WARM_UP_SIZE, ...sizes]) await ensureLoaded(size);
  if (!values['skip-masking'] && !values['only-profile'] && sizes.length > 0) await compareMasking();
  if (!values['skip-profile'] && !values['only-masking'] && sizes.length > 0) await profileCost();
  if (values['only-masking'] || values['only-profile']) sizes.length = 0;
  for (const kind of ['physical', 'logical'] as const) {
    if (sizes.length === 0) break;
    await runOnce(kind, WARM_UP_SIZE, {
      sources: [production],
      target: { node: ci },
      root: join(home, 'artifacts'),
      keyspace: keyspaceOf(WARM_UP_SIZE),
      copyKeyspace: `warm_up_${kind}`,
      log: quiet,
    });
  }
  for (const size of sizes) {
    for (const [kind, repeat] of [
      ['physical', Number(values.repeat)],
      ['logical', Number(values['logical-repeat'])],
    ] as const) {
      for (let i = 0; i < repeat; i++) {
        const result = await runOnce(kind, size, {
          sources: [production],
          target: { node: ci },
          root: join(home, 'artifacts'),
          keyspace: keyspaceOf(size),
          copyKeyspace: `copy_${kind}_${size}_${i}`,
          log: quiet,
        });
        log(
          `${kind} ${size}: take ${Math.round(result.takeMs)} ms + restore ${Math.round(result.restoreMs)} ms + first query ${Math.round(result.firstQueryMs)} ms ${JSON.stringify(result.steps)}`,
        );
        results.push(result);
      }
    }
  }
  if (sizes.length > 0) printReport(results, sizes);
  const peers: PeerResult[] = [];
  if (!values['skip-peers'] && sizes.length > 0) {
    const cqlsh = await ensureCqlsh(log);
    const cqlRestoreSizes = new Set(values['cql-restore-sizes'].split(',').map(Number));
    for (const size of sizes) {
      const scratch = join(home, 'peers');
      peers.push(
        ...(await runPeers(size, {
          production,
          ci,
          keyspace: keyspaceOf(size),
          scratch,
          cqlsh,
          cqlRestore: cqlRestoreSizes.has(size),
          log,
        })),
      );
    }
    printPeerReport(peers, sizes);
    // For the chart: npm run bench:snapshot-chart -w ci -- <this file>
    await writeFile(join(home, 'peers.json'), `${JSON.stringify(peers, null, 2)}\n`);
    log(`Peer results written to ${join(home, 'peers.json')}`);
  }
} finally {
  await stopAll();
}

/** Masked vs unmasked logical takes per size, after one warm-up pair on the small keyspace. */
async function compareMasking(): Promise<void> {
  const runs: MaskingRun[] = [];
  const common = { production, root: join(home, 'artifacts'), log };
  await runMaskingComparison(WARM_UP_SIZE, { ...common, keyspace: keyspaceOf(WARM_UP_SIZE), repeat: 1 });
  for (const size of sizes) {
    const repeat = Number(values['masking-repeat']);
    runs.push(...(await runMaskingComparison(size, { ...common, keyspace: keyspaceOf(size), repeat })));
  }
  printMaskingReport(runs, sizes);
}

/** The drift profile off and on, per size, after one warm-up pair (which also builds the Unicode tables). */
async function profileCost(): Promise<void> {
  const common = { production, root: join(home, 'artifacts') };
  await measureProfileCost({ ...common, keyspace: keyspaceOf(WARM_UP_SIZE), repeat: 1 });
  for (const size of sizes) {
    const repeat = Number(values['profile-repeat']);
    printProfileCost(size, await measureProfileCost({ ...common, keyspace: keyspaceOf(size), repeat }));
  }
}

function keyspaceOf(size: number): string {
  return `entries_${size}`;
}

/** Fills the size's own keyspace once (synthetic entries are deterministic), then lets production settle. */
async function ensureLoaded(size: number): Promise<void> {
  const keyspace = keyspaceOf(size);
  const marker = join(home, `${keyspace}.loaded`);
  const loaded = await readFile(marker, 'utf8').then(
    () => true,
    () => false,
  );
  if (!loaded) {
    log(`Loading ${size} entries into production keyspace ${keyspace}`);
    await applyGuestbookSchema(endpointOf(production), keyspace);
    const began = performance.now();
    await writeSyntheticEntriesFast(production, keyspace, { from: 0, to: size }, (line) => log(`  ${line}`));
    log(`  loaded in ${((performance.now() - began) / 1000).toFixed(1)} s`);
    await writeFile(marker, new Date().toISOString());
  }
  // Timings should measure the snapshot, not the tail of the load: memtables flushed, compactions finished.
  await production.nodetool('flush', '--', keyspace);
  while (!/pending tasks:?\s+0\b/.test(await production.nodetool('compactionstats'))) await sleep(1000);
}
