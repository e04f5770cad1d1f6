import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { clientJvmArgs, ensureJars, javaBinary } from '@guestbook/cassandra';
import type { NodeAccess } from '../cql-client.js';
import { compiledClasses } from '../java-classes.js';
import { SnapshotError } from '../artifact/manifest.js';
import type { NodeControl } from '../physical/node-control.js';
import { rowProgress } from '../progress.js';
import { planJob, type SSTableJob } from './sstable-job.js';
import type { VerifiedArtifact } from '../artifact/verify.js';

const SOURCE = fileURLToPath(new URL('./sstables/RowsToSSTables.java', import.meta.url));
// The writer runs as an offline tool: it needs a configuration, of which only these keys matter. The CASSANDRA_4 mode
// makes it write "nb" SSTables, which Cassandra 4.0 and 5.0 in every storage_compatibility_mode import.
const TOOL_YAML = `cluster_name: rows-to-sstables
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
commitlog_sync: periodic
commitlog_sync_period: 10000ms
endpoint_snitch: SimpleSnitch
storage_compatibility_mode: CASSANDRA_4
`;
// Cassandra logs through logback, which prints everything to stdout without a configuration: warnings to stderr only.
const LOGBACK = `<configuration><appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
<encoder><pattern>%-5level %msg%n</pattern></encoder></appender><root level="WARN"><appender-ref ref="E"/></root></configuration>`;

interface SSTableLoadOptions {
  /** Writer threads; by default one per core. */
  threads?: number;
  log?: (line: string) => void;
}

/** Whether this machine can write SSTables (a JDK to compile the writer); otherwise a restore loads over CQL. */
export async function canWriteSSTables(): Promise<boolean> {
  return (await compiledClasses(SOURCE, 'rows-to-sstables', `${await ensureJars()}/*`)) !== undefined;
}

export interface RowsWriter {
  /**
   * Writes a logical artifact's rows as SSTables in the staging directory and has the node import them (verified, then
   * hard-linked in) as a physical restore does. Write times and TTLs are set per cell group as the CQL loader sets them.
   */
  load(control: NodeControl, artifact: VerifiedArtifact, keyspace: string, options?: SSTableLoadOptions): Promise<void>;
  /** Writes a job planned elsewhere (its units' files and directories under `staging`), then imports it the same way. */
  run(
    control: NodeControl,
    job: SSTableJob,
    keyspace: string,
    options: { total: number; log?: (line: string) => void },
  ): Promise<void>;
  /** A directory on the node's filesystem, removed by close. */
  staging: string;
  /** Stops the writer if it still runs and removes the staging directory. */
  close(): Promise<void>;
}

/**
 * Starts Cassandra's CQLSSTableWriter (RowsToSSTables.java) for a restore onto `node`, with a staging directory on the
 * node's filesystem. The JVM and Cassandra's classes take seconds to load: started early, that overlaps with creating
 * the target keyspace, and the rows follow once it exists.
 */
export async function startRowsWriter(node: NodeAccess, artifactId: string): Promise<RowsWriter> {
  const staging = join(node.dataDirectory, '..', 'snapshot-import', `${artifactId}-${randomBytes(3).toString('hex')}`);
  const jars = await ensureJars();
  const classes = await compiledClasses(SOURCE, 'rows-to-sstables', `${jars}/*`);
  if (!classes) throw new SnapshotError('Writing SSTables needs a JDK (javac); restore over CQL instead');
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, 'logback.xml'), LOGBACK);
  await writeFile(join(staging, 'cassandra.yaml'), TOOL_YAML);
  // The client flags without their small heap and C1-only compiler: this one runs long and wants full speed.
  const moduleFlags = clientJvmArgs().filter((flag) => !flag.startsWith('-X'));
  const child = spawn(
    javaBinary(),
    [
      '-Xmx512m',
      '-XX:+UseParallelGC',
      ...moduleFlags,
      `-Dlogback.configurationFile=${join(staging, 'logback.xml')}`,
      `-Dcassandra.config=file://${join(staging, 'cassandra.yaml')}`,
      `-Dcassandra.storagedir=${staging}`,
      '-cp',
      `${classes}:${jars}/*`,
      'RowsToSSTables',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('close', resolve);
  });

  const writer: RowsWriter = {
    staging,
    load(control, artifact, keyspace, options = {}) {
      const job = planJob(artifact, keyspace, staging, options.threads ?? availableParallelism());
      const total = artifact.manifest.tables.reduce((sum, t) => sum + t.rows.count, 0);
      return writer.run(control, job, keyspace, { total, ...(options.log ? { log: options.log } : {}) });
    },
    async run(control, job, keyspace, { total, log }) {
      for (const unit of job.units) await mkdir(unit.directory, { recursive: true });
      const progress = rowProgress(keyspace, log ?? (() => {}), { total });
      const written = new Map<number, number>();
      lines.on('line', (line) => {
        const [, unit, rows] = /^(?:progress|done) (\d+) (\d+)$/.exec(line) ?? [];
        if (unit === undefined) return;
        progress.add(Number(rows) - (written.get(Number(unit)) ?? 0));
        written.set(Number(unit), Number(rows));
      });
      child.stdin.end(JSON.stringify(job));
      const code = await exited;
      if (code !== 0) throw new SnapshotError(`Writing SSTables failed (exit ${code}): ${stderr.trim()}`);
      progress.done();
      const byTable = new Map<string, string[]>();
      for (const unit of job.units)
        byTable.set(unit.table.name, [...(byTable.get(unit.table.name) ?? []), unit.directory]);
      await Promise.all(
        [...byTable].map(([table, directories]) => control.importSSTables(keyspace, table, directories)),
      );
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
      await rm(staging, { recursive: true, force: true });
    },
  };
  return writer;
}
