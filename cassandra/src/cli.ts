import { resolve } from 'node:path';
import { ensureJars } from './jars.js';
import { CassandraNode } from './node.js';
import { describeFailure } from './errors.js';

const USAGE = `Usage: npm run cassandra -- <command> [--dir DIR] [--verbose]
  jars               fetch the Cassandra jars from Maven Central into the cache (done on first start anyway)
  start              start a node in DIR (default .data/cassandra) and leave it running
  stop               drain and stop the node in DIR
  status             say whether the node in DIR runs, and where
  nodetool ARGS...   run nodetool against the node in DIR
A failure prints one sentence saying what to do; --verbose adds the log lines and the stack.`;

const verbose = process.argv.includes('--verbose');

function parse(argv: string[]): { command: string | undefined; dir: string; rest: string[] } {
  const rest = argv.filter((arg) => arg !== '--verbose');
  let dir = '.data/cassandra';
  const at = rest.indexOf('--dir');
  if (at >= 0) {
    dir = rest[at + 1] ?? dir;
    rest.splice(at, 2);
  }
  return { command: rest.shift(), dir: resolve(dir), rest };
}

async function main(): Promise<number> {
  const { command, dir, rest } = parse(process.argv.slice(2));
  switch (command) {
    case 'jars': {
      console.log(`Cassandra jars: ${await ensureJars((l) => console.log(l))}`);
      return 0;
    }
    case 'start': {
      const node = await CassandraNode.start({ directory: dir, log: (l) => console.log(l) });
      node.leaveRunning();
      console.log(`Running: CASSANDRA_CONTACT_POINTS=${node.contactPoint} (pid ${node.pid}, JMX ${node.jmxPort})`);
      return 0;
    }
    case 'stop': {
      const node = await CassandraNode.attach(dir);
      if (!node) return (console.log(`No node is running in ${dir}`), 0);
      await node.stop();
      console.log(`Stopped the node in ${dir}`);
      return 0;
    }
    case 'status': {
      const node = await CassandraNode.attach(dir);
      console.log(
        node
          ? `Running in ${dir}: ${node.contactPoint} (pid ${node.pid}, JMX ${node.jmxPort})`
          : `Not running (${dir})`,
      );
      return node ? 0 : 3;
    }
    case 'nodetool': {
      const node = await CassandraNode.attach(dir);
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
