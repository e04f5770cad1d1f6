import { resolve } from 'node:path';
import { ensureJars } from './jars.js';
import { CassandraCluster } from './cluster.js';
import { CassandraNode } from './node.js';
import { describeFailure } from './errors.js';

const USAGE = `Usage: npm run cassandra -- <command> [--dir DIR] [--verbose]
  jars               fetch the Cassandra jars from Maven Central into the cache (done on first start anyway)
  start              start a node in DIR (default .data/cassandra) and leave it running
  start --nodes N    start an N-node cluster (2-9) in DIR (default .data/cluster), one node per 127.0.0.<n>
  stop               drain and stop the node, or every node of the cluster, in DIR
  status             say whether the node (or each node of the cluster) in DIR runs, and where
  nodetool ARGS...   run nodetool against the node in DIR (a cluster's first node)
A failure prints one sentence saying what to do; --verbose adds the log lines and the stack.`;

const verbose = process.argv.includes('--verbose');

function parse(argv: string[]) {
  const rest = argv.filter((arg) => arg !== '--verbose');
  const take = (flag: string) => {
    const at = rest.indexOf(flag);
    return at >= 0 ? rest.splice(at, 2)[1] : undefined;
  };
  const nodesText = take('--nodes');
  const nodes = nodesText === undefined ? undefined : Number(nodesText);
  const dir = take('--dir') ?? (nodes ? '.data/cluster' : '.data/cassandra');
  return { command: rest.shift(), dir: resolve(dir), nodes, rest };
}

/** A cluster directory (cluster.json) is handled node by node; anything else is a single node, as before. */
async function attach(dir: string): Promise<CassandraNode[]> {
  if (CassandraCluster.isClusterDirectory(dir)) return (await CassandraCluster.attach(dir))?.nodes ?? [];
  const node = await CassandraNode.attach(dir);
  return node ? [node] : [];
}

async function main(): Promise<number> {
  const { command, dir, nodes: nodeCount, rest } = parse(process.argv.slice(2));
  switch (command) {
    case 'jars': {
      console.log(`Cassandra jars: ${await ensureJars((l) => console.log(l))}`);
      return 0;
    }
    case 'start': {
      if (nodeCount !== undefined || CassandraCluster.isClusterDirectory(dir)) {
        const cluster = await CassandraCluster.start({ directory: dir, nodes: nodeCount, log: (l) => console.log(l) });
        cluster.leaveRunning();
        console.log(`Running: CASSANDRA_CONTACT_POINTS=${cluster.contactPoints.join(',')}`);
        return 0;
      }
      const node = await CassandraNode.start({ directory: dir, log: (l) => console.log(l) });
      node.leaveRunning();
      console.log(`Running: CASSANDRA_CONTACT_POINTS=${node.contactPoint} (pid ${node.pid}, JMX ${node.jmxPort})`);
      return 0;
    }
    case 'stop': {
      const nodes = await attach(dir);
      if (!nodes.length) return (console.log(`No node is running in ${dir}`), 0);
      await Promise.all(nodes.map((node) => node.stop()));
      console.log(`Stopped ${nodes.length === 1 ? 'the node' : `${nodes.length} nodes`} in ${dir}`);
      return 0;
    }
    case 'status': {
      const nodes = await attach(dir);
      for (const node of nodes) {
        console.log(`Running in ${node.directory}: ${node.contactPoint} (pid ${node.pid}, JMX ${node.jmxPort})`);
      }
      if (!nodes.length) console.log(`Not running (${dir})`);
      return nodes.length ? 0 : 3;
    }
    case 'nodetool': {
      const [node] = await attach(dir);
      if (!node) return (console.error(`No node is running in ${dir}`), 1);
      process.stdout.write(await node.nodetool(...rest));
      return 0;
    }
    default:
      console.error(USAGE);
      return command ? 1 : 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(describeFailure(error, verbose));
    process.exit(1);
  },
);
