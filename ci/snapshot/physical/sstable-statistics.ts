import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientJvmArgs, ensureJars, javaBinary } from '@guestbook/cassandra';
import { readTotalRows } from './sstable-total-rows.js';

// sstablemetadata only needs a configuration to exist; it reads Statistics.db and writes nothing.
const TOOL_YAML = `cluster_name: sstable-statistics
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
commitlog_sync: periodic
commitlog_sync_period: 10000ms
endpoint_snitch: SimpleSnitch
`;
const TOOL_LOGBACK = `<configuration><appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
<encoder><pattern>%-5level %msg%n</pattern></encoder></appender><root level="WARN"><appender-ref ref="E"/></root></configuration>`;

/**
 * Rows per SSTable from each SSTable's own statistics (`totalRows`): exact per SSTable and independent of the data
 * size, where a CQL COUNT(*) over 1M rows would take seconds or time out. Keys are the Data.db paths given.
 */
export async function sstableRowCounts(dataFiles: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  // The formats this code can read itself need no JVM (which takes ~0.8 s to start); the rest go to sstablemetadata.
  const unread: string[] = [];
  for (const file of dataFiles) {
    const rows = await readTotalRows(file);
    if (rows === undefined) unread.push(file);
    else counts.set(file, rows);
  }
  if (unread.length > 0) for (const [file, rows] of await runSSTableMetadata(unread)) counts.set(file, rows);
  return counts;
}

/** Cassandra's sstablemetadata over the given Data.db files, in one JVM. */
export async function runSSTableMetadata(dataFiles: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const jars = await ensureJars();
  const scratch = await mkdtemp(join(tmpdir(), 'sstable-statistics-'));
  try {
    await writeFile(join(scratch, 'cassandra.yaml'), TOOL_YAML);
    await writeFile(join(scratch, 'logback.xml'), TOOL_LOGBACK);
    const output = await run(javaBinary(), [
      ...clientJvmArgs(),
      `-Dcassandra.config=file://${join(scratch, 'cassandra.yaml')}`,
      `-Dcassandra.storagedir=${scratch}`,
      `-Dlogback.configurationFile=${join(scratch, 'logback.xml')}`,
      '-cp',
      `${jars}/*`,
      'org.apache.cassandra.tools.SSTableMetadataViewer',
      ...dataFiles,
    ]);
    let current: string | undefined;
    for (const line of output.split('\n')) {
      const sstable = /^SSTable: (.+)$/.exec(line);
      if (sstable) current = `${sstable[1]}-Data.db`;
      const rows = /^totalRows: (\d+)$/.exec(line);
      if (rows && current) counts.set(current, Number(rows[1]));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const missing = dataFiles.find((f) => !counts.has(f));
  if (missing) throw new Error(`sstablemetadata reported no totalRows for ${missing}`);
  return counts;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done(stdout) : fail(new Error(`sstablemetadata failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
