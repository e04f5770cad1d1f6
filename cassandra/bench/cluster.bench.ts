// Starts a local N-node cluster (default 3), prints how long start and stop took and what each node holds in memory,
// then stops it. Not a test: figures depend on the machine and its load. Usage: npm run bench:cluster -w cassandra
// [-- --nodes 3 --heap-mb 256]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CassandraCluster } from '../src/cluster.js';

const { values } = parseArgs({ options: { nodes: { type: 'string' }, 'heap-mb': { type: 'string' } } });
const nodes = Number(values.nodes ?? 3);
const heapMb = Number(values['heap-mb'] ?? 256);

/** Resident memory of a process, from /proc: what the node really takes, heap, metaspace, off-heap and code. */
function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Math.round(Number(line[1]) / 1024) : NaN;
}

const directory = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
try {
  const began = performance.now();
  const cluster = await CassandraCluster.start({ directory, nodes, heapMb });
  const startS = (performance.now() - began) / 1000;
  const rss = cluster.nodes.map((node) => residentMb(node.pid));
  const stopping = performance.now();
  await cluster.stop();
  const stopS = (performance.now() - stopping) / 1000;
  console.log(
    `${nodes} nodes, heap ${heapMb} MB each, load average ${loadavg()[0]!.toFixed(1)} at the end of start-up`,
  );
  console.log('node  address     RSS (MB)');
  cluster.nodes.forEach((node, index) =>
    console.log(`${String(index + 1).padEnd(5)} ${node.host.padEnd(11)} ${rss[index]}`),
  );
  console.log(
    `total RSS ${rss.reduce((a, b) => a + b, 0)} MB; start ${startS.toFixed(1)} s (until all Up/Normal and a read at ALL); stop ${stopS.toFixed(1)} s`,
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
