import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CassandraNode } from '@guestbook/cassandra';
import type { NodeAccess } from './cql-client.js';
import { attachExternalNode } from './physical/external-node.js';
import { DEFAULT_DATA_CENTER, type CqlEndpoint } from './cql-client.js';

export const USAGE = `Usage: npm run snapshot -- <command> [options]

  take --kind physical|logical --keyspace KS [--root DIR] [--masking-key-file FILE | --unmasked] [--no-profile]
       physical: --node-dir DIR (once per source node this project started; its files must be on this machine)
             or, for a node started by anyone: --data-dir DIR --jmx HOST:PORT --contact-points HOST:PORT
             (once per node, in the same order; JMX_USERNAME / JMX_PASSWORD when its JMX asks for a login);
             raw SSTables, so --unmasked is required: mask the copy at restore instead
       physical, one node's part of a cluster snapshot, on the host where that node's files are:
                 --part --node-index N --tag TAG and that one node (--node-dir, or --data-dir/--jmx/--contact-points);
                 run on every node's host at once with the same TAG (from new-tag), then join the parts
       logical:  --node-dir DIR, or --contact-points HOST:PORT[,...] [--local-dc DC]; masked at the source with
                 the key ($MASKING_KEY or --masking-key-file) and ci/masking-policy.yaml, or --unmasked on purpose;
                 writes profile.json, the text columns' shapes (of the masked values when masked)
  restore ARTIFACT --keyspace NAME [--replace] [--load sstables|cql] [--masking-key-file FILE | --unmasked]
       an unmasked artifact is masked in place in the copy with the key, or restored as it is with --unmasked
       --node-dir DIR        into a keyspace on a running node (a CI node)
       --new-node-dir DIR    into a node of its own, started in DIR and left running
         --nodes N           with a physical artifact of an N-node cluster: an N-node copy cluster in DIR whose
                             node i owns source node i's tokens and gets node i's SSTables only (no streaming)
       --contact-points ...  into any cluster over CQL (logical artifacts only)
       --load                logical rows: written as SSTables and imported (default with a node and a JDK) or over CQL
  new-tag                    print a fresh tag for a cluster snapshot taken in parts
  join PART... [--out ROOT]  join every node's part (one tag, one cluster) into one verified artifact under ROOT
                             (default as --root)
  verify ARTIFACT            check every file's size and sha256 and the schema, load nothing
  list [--root DIR]          artifacts, newest first
  profile ARTIFACT --keyspace COPY --out FILE (--node-dir DIR | --contact-points ...)
       a physical snapshot's profile, read from its restored copy (logical takes carry profile.json already)
  drift OLD NEW [--format text|markdown|json] [--fail-on-new]
       what NEW holds that OLD did not (scripts, emoji, invisible characters, lengths): artifacts or profile.json
       files; exit 0 either way, or 1 with --fail-on-new when something new appeared
  prune [--root DIR] [--keep N] [--older-than 7d] [--node-dir DIR ...] [--dry-run]
       drop artifacts beyond the newest N or older than the age, and this toolkit's leftover snapshot tags

  --root defaults to $SNAPSHOT_ROOT or .data/snapshots. Credentials come from CASSANDRA_USERNAME / CASSANDRA_PASSWORD.`;

/** Raised for a command line that cannot work; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      keyspace: { type: 'string' },
      root: { type: 'string' },
      'node-dir': { type: 'string', multiple: true },
      'data-dir': { type: 'string', multiple: true },
      jmx: { type: 'string', multiple: true },
      'new-node-dir': { type: 'string' },
      'contact-points': { type: 'string' },
      'local-dc': { type: 'string' },
      replace: { type: 'boolean' },
      load: { type: 'string' },
      keep: { type: 'string' },
      'older-than': { type: 'string' },
      'dry-run': { type: 'boolean' },
      'masking-key-file': { type: 'string' },
      unmasked: { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-on-new': { type: 'boolean' },
      part: { type: 'boolean' },
      nodes: { type: 'string' },
      'node-index': { type: 'string' },
      tag: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  return { command, rest, values };
}

/** npm runs scripts in the workspace folder; paths on the command line are meant from where npm was started. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

export function artifactsRoot(root: string | undefined): string {
  return userPath(root ?? process.env.SNAPSHOT_ROOT ?? '.data/snapshots');
}

export async function attachNodes(dirs: string[] = []): Promise<CassandraNode[]> {
  return Promise.all(
    dirs.map(async (dir) => {
      const node = await CassandraNode.attach(userPath(dir));
      if (!node)
        throw new UsageError(
          `No Cassandra node is running in ${userPath(dir)} (start one with: npm run cassandra -- start --dir ${dir})`,
        );
      return node;
    }),
  );
}

export function endpointFromFlags(
  contactPoints: string | undefined,
  localDc: string | undefined,
): CqlEndpoint | undefined {
  if (!contactPoints) return undefined;
  const { CASSANDRA_USERNAME: username, CASSANDRA_PASSWORD: password } = process.env;
  return {
    contactPoints: contactPoints
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    localDataCenter: localDc ?? DEFAULT_DATA_CENTER,
    ...(username && password ? { credentials: { username, password } } : {}),
  };
}

export function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`Missing ${flag}`);
  return value;
}

/**
 * Nodes this project did not start: the i-th --data-dir, --jmx and contact point describe one node. Credentials come
 * from the environment (JMX_USERNAME / JMX_PASSWORD, CASSANDRA_USERNAME / CASSANDRA_PASSWORD), never from flags.
 */
export async function attachExternalNodes(
  dataDirs: string[] = [],
  jmxFlags: string[] = [],
  contactPoints: string | undefined,
): Promise<NodeAccess[]> {
  if (!dataDirs.length && !jmxFlags.length) return [];
  const points =
    contactPoints
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean) ?? [];
  if (dataDirs.length !== jmxFlags.length || dataDirs.length !== points.length) {
    throw new UsageError(
      `Give each node all three, in the same order: ${dataDirs.length} --data-dir, ${jmxFlags.length} --jmx and ` +
        `${points.length} --contact-points were given.`,
    );
  }
  const { JMX_USERNAME, JMX_PASSWORD, CASSANDRA_USERNAME, CASSANDRA_PASSWORD } = process.env;
  const credentials =
    CASSANDRA_USERNAME && CASSANDRA_PASSWORD
      ? { username: CASSANDRA_USERNAME, password: CASSANDRA_PASSWORD }
      : undefined;
  return Promise.all(
    dataDirs.map((dataDir, index) =>
      attachExternalNode({
        dataDirectory: userPath(dataDir),
        jmx: { ...hostAndPort(jmxFlags[index]!, '--jmx'), username: JMX_USERNAME, password: JMX_PASSWORD },
        contactPoint: points[index]!,
        credentials,
      }),
    ),
  );
}

function hostAndPort(text: string, flag: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  if (!match) throw new UsageError(`${flag} must be HOST:PORT, e.g. 10.0.0.5:7199 (got ${text})`);
  return { host: match[1]!, port: Number(match[2]) };
}
