import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CassandraNode } from '@guestbook/cassandra';
import { withClient } from '../snapshot/cql-client.js';
import { readManifest } from '../snapshot/index.js';
import { applyGuestbookSchema } from '../seed/synthetic-entries.js';
import { copyFrom, copyTo } from './cqlsh-peer.js';
import { runMeasured, type MeasuredRun } from './measured-process.js';
import { endpointOf } from './snapshot-bench-run.js';

export type PeerStep =
  'ours: logical take' | 'ours: restore as SSTables' | 'ours: restore over CQL' | 'cqlsh COPY TO' | 'cqlsh COPY FROM';

export interface PeerResult {
  entries: number;
  /** Rows in all three tables. */
  rows: number;
  step: PeerStep;
  ms: number;
  /** Of a restore: creating the copy's keyspace and tables (COPY FROM gets them made beforehand, untimed). */
  schemaMs?: number;
  peakRssBytes: number;
  cpuMs: number;
}

const TABLES = ['entries_by_day', 'entries_by_id', 'entry_days'];
const CI_ROOT = join(import.meta.dirname, '..');

interface PeerOptions {
  production: CassandraNode;
  ci: CassandraNode;
  keyspace: string;
  /** Artifacts and CSV files go here, and are removed afterwards. */
  scratch: string;
  cqlsh: string;
  /** Also time the CQL restore (the path for targets without file access): slow at 1M. */
  cqlRestore: boolean;
  log: (line: string) => void;
}

/**
 * Our logical take and restore against cqlsh COPY TO / COPY FROM on the same keyspace, each as a process of its own (the
 * snapshot CLI, cqlsh) so that time and peak memory are the tool's own. COPY FROM loads into a keyspace created
 * beforehand (not timed); our restore's time includes verifying the artifact and creating the keyspace.
 */
export async function runPeers(entries: number, options: PeerOptions): Promise<PeerResult[]> {
  const results: PeerResult[] = [];
  let rows = 0;
  const record = (step: PeerStep, run: MeasuredRun) => {
    const schema = /schema (\d+)/.exec(run.stdout);
    results.push({
      entries,
      rows,
      step,
      ms: run.ms,
      ...(schema ? { schemaMs: Number(schema[1]) } : {}),
      peakRssBytes: run.peakRssBytes,
      cpuMs: run.cpuMs,
    });
    options.log(
      `${step} ${entries}: ${(run.ms / 1000).toFixed(2)} s, peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
  };
  const snapshotCli = (...args: string[]) =>
    runMeasured(process.execPath, ['--import', 'tsx', 'snapshot/cli.ts', ...args], { cwd: CI_ROOT });
  const source = options.production.contactPoint;
  const target = options.ci.contactPoint;
  try {
    const take = await snapshotCli(
      'take',
      '--kind',
      'logical',
      '--keyspace',
      options.keyspace,
      '--contact-points',
      source,
      '--root',
      options.scratch,
      // Side by side with cqlsh COPY, which copies text as it is: the masked take has its own row in bench:snapshot.
      '--unmasked',
    );
    const artifact = take.stdout.split('\n')[0]!.trim();
    rows = (await readManifest(artifact)).tables.reduce((sum, t) => sum + t.rows.count, 0);
    record('ours: logical take', take);
    const copyKeyspace = `peer_${entries}`;
    record(
      'ours: restore as SSTables',
      await snapshotCli(
        'restore',
        artifact,
        '--keyspace',
        copyKeyspace,
        '--node-dir',
        options.ci.directory,
        '--load',
        'sstables',
        '--replace',
        '--unmasked',
      ),
    );
    await dropKeyspace(options.ci, copyKeyspace);
    if (options.cqlRestore) {
      record(
        'ours: restore over CQL',
        await snapshotCli(
          'restore',
          artifact,
          '--keyspace',
          copyKeyspace,
          '--contact-points',
          target,
          '--load',
          'cql',
          '--unmasked',
          '--replace',
        ),
      );
      await dropKeyspace(options.ci, copyKeyspace);
    }

    const csv = join(options.scratch, `csv-${entries}`);
    record('cqlsh COPY TO', await copyTo(options.cqlsh, source, options.keyspace, TABLES, csv));
    await applyGuestbookSchema(endpointOf(options.ci), copyKeyspace);
    record('cqlsh COPY FROM', await copyFrom(options.cqlsh, target, copyKeyspace, TABLES, csv));
    await dropKeyspace(options.ci, copyKeyspace);
  } finally {
    await rm(options.scratch, { recursive: true, force: true });
  }
  return results;
}

function dropKeyspace(node: CassandraNode, keyspace: string): Promise<unknown> {
  return withClient(endpointOf(node), (client) => client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`));
}
