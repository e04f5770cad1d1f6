import { CassandraNode, type CassandraCluster } from '@guestbook/cassandra';
import { assertNotSource, readIdentity } from './cluster-identity.js';
import { DEFAULT_DATA_CENTER, endpointOf, withClient, type CqlEndpoint, type NodeAccess } from './cql-client.js';
import { quoteIdentifier } from './logical/cql-text.js';
import { loadRows } from './logical/logical-load.js';
import { canWriteSSTables, startRowsWriter } from './logical/sstable-load.js';
import { SnapshotError } from './artifact/manifest.js';
import { openNodeControl, openNodeControls, type NodeControl } from './physical/node-control.js';
import { assertSameRingPossible, sourceReplication, startSameRingCluster } from './physical/same-ring-copy.js';
import { importSSTables } from './physical/physical-load.js';
import { prepareTargetKeyspace, type KeyspaceOptions } from './target-keyspace.js';
import { verifySnapshot } from './artifact/verify.js';
import { isMasked, UNMASKED_BY_CHOICE, type MaskingRecord } from './artifact/masking-record.js';
import { maskCopyInPlace } from './mask-copy-in-place.js';
import type { SnapshotMasking } from './masking/snapshot-masking.js';

export type RestoreTarget =
  /** A keyspace on an existing node (a CI node); physical restores need its files reachable from here. */
  | { node: NodeAccess; localDataCenter?: string }
  /**
   * A node of its own, started in this directory for the copy; or, with `nodes` > 1 and a physical artifact of that
   * many nodes, a cluster whose node i owns source node i's tokens and gets node i's SSTables only (no streaming).
   */
  | { directory: string; nodes?: number; heapMb?: number; clusterName?: string; startTimeoutMs?: number }
  /** Any cluster reachable over CQL: logical artifacts only. */
  | { endpoint: CqlEndpoint };

export interface RestoreOptions extends KeyspaceOptions {
  /** The artifact directory. */
  artifact: string;
  /** The copy's keyspace name, chosen by the caller. */
  keyspace: string;
  target: RestoreTarget;
  /**
   * How a logical artifact's rows go in: written as SSTables and imported (needs the target node's files and a JDK;
   * the default when both are there), or as CQL writes (any target).
   */
  logicalLoad?: 'sstables' | 'cql';
  /**
   * Masks the copy in place before it is handed over, when the artifact is not masked already (a physical one, or a
   * logical one taken with --unmasked); a failure drops the copy's keyspace.
   */
  masking?: SnapshotMasking;
  log?: (line: string) => void;
}

export interface RestoredCopy {
  contactPoints: string[];
  keyspace: string;
  localDataCenter: string;
  credentials?: { username: string; password: string };
  /** The node started for the copy, when the target was a directory (a cluster's first node). */
  node?: CassandraNode;
  /** The cluster started for the copy, when the target was a directory with `nodes` > 1. */
  cluster?: CassandraCluster;
  timings: Record<string, number>;
  /** Whether the copy holds masked text: masked in the artifact, masked in place here, or unmasked. */
  masking: MaskingRecord;
  /** Disposes of the copy: stops the node started for it, or drops its keyspace from the node it was restored onto. */
  stop(): Promise<void>;
}

const KEYSPACE_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;

/** Verifies the artifact, then loads it into an isolated, writable copy under the chosen keyspace name. */
export async function restoreSnapshot(options: RestoreOptions): Promise<RestoredCopy> {
  if (!KEYSPACE_NAME.test(options.keyspace))
    throw new SnapshotError(`Invalid keyspace name "${options.keyspace}": letters, digits and _, at most 48`);
  const began = performance.now();
  const timings: Record<string, number> = {};
  const lap = (step: string, since: number) => (timings[step] = Math.round(performance.now() - since));

  const verified = await verifySnapshot(options.artifact);
  lap('verifyMs', began);
  const { kind } = verified.manifest;
  if (kind === 'physical' && 'endpoint' in options.target) {
    throw new SnapshotError(
      'A physical artifact is loaded with nodetool import: restore it onto { node } or into a new node { directory }',
    );
  }

  // Decided before a node is started for the copy, so that a refusal leaves nothing running.
  const viaSSTables =
    kind === 'logical' && (await loadsAsSSTables(options.logicalLoad, !('endpoint' in options.target)));
  const copyNodes = 'directory' in options.target ? (options.target.nodes ?? 1) : 1;
  if (copyNodes > 1) assertSameRingPossible(verified.manifest, copyNodes);
  const replication = options.replication ?? (copyNodes > 1 ? await sourceReplication(verified) : undefined);
  let t = performance.now();
  const cluster =
    'directory' in options.target && copyNodes > 1
      ? await startSameRingCluster(verified.manifest, {
          ...options.target,
          nodes: copyNodes,
          ...(options.log ? { log: options.log } : {}),
        })
      : undefined;
  const started =
    cluster?.nodes[0] ??
    ('directory' in options.target
      ? await CassandraNode.start({
          directory: options.target.directory,
          clusterName: options.target.clusterName ?? 'snapshot-copy',
          heapMb: options.target.heapMb ?? 512,
          ...(options.target.startTimeoutMs ? { startTimeoutMs: options.target.startTimeoutMs } : {}),
        })
      : undefined);
  if (started) lap(cluster ? 'startClusterMs' : 'startNodeMs', t);
  const stopStarted = () => (cluster ? cluster.stop() : (started?.stop() ?? Promise.resolve()));
  const node = 'node' in options.target ? options.target.node : started;
  const localDataCenter =
    'node' in options.target ? (options.target.localDataCenter ?? DEFAULT_DATA_CENTER) : DEFAULT_DATA_CENTER;
  const endpoint: CqlEndpoint =
    'endpoint' in options.target
      ? options.target.endpoint
      : { ...endpointOf(node!, localDataCenter), ...(cluster ? { contactPoints: cluster.contactPoints } : {}) };

  // The nodes' JMX clients, and the SSTable writer, start while the keyspace is being created.
  const controlling: Promise<NodeControl[]> | undefined = cluster
    ? kind === 'physical'
      ? openNodeControls(cluster.nodes)
      : undefined
    : kind === 'physical' || viaSSTables
      ? openNodeControl(node!).then((control) => [control])
      : undefined;
  controlling?.catch(() => {});
  const writing = viaSSTables ? startRowsWriter(node!, verified.manifest.id) : undefined;
  writing?.catch(() => {});
  let masking: MaskingRecord = verified.manifest.masking ?? UNMASKED_BY_CHOICE;
  try {
    await withClient(endpoint, async (client) => {
      assertNotSource(await readIdentity(client), verified.manifest.source);
      t = performance.now();
      const created = await prepareTargetKeyspace(client, verified, options.keyspace, {
        ...options,
        ...(replication ? { replication } : {}),
      });
      lap('schemaMs', t);
      t = performance.now();
      try {
        const log = options.log ? { log: options.log } : {};
        const controls = await controlling;
        if (kind === 'physical' && cluster)
          await Promise.all(
            cluster.nodes.map((copyNode, at) =>
              importSSTables(copyNode, controls![at]!, verified, options.keyspace, at + 1),
            ),
          );
        else if (kind === 'physical') await importSSTables(node!, controls![0]!, verified, options.keyspace);
        else if (writing) await (await writing).load(controls![0]!, verified, options.keyspace, log);
        else await loadRows(client, verified, options.keyspace, log);
        lap('loadMs', t);
        if (options.masking && !isMasked(verified.manifest.masking)) {
          t = performance.now();
          masking = await maskCopyInPlace({
            client,
            keyspace: options.keyspace,
            tables: verified.manifest.tables,
            masking: options.masking,
            ...(node ? { node } : {}),
            ...log,
          });
          lap('maskMs', t);
        }
      } catch (error) {
        if (created)
          await client
            .execute(`DROP KEYSPACE IF EXISTS ${quoteIdentifier(options.keyspace)}`, [], { prepare: false })
            .catch(() => {});
        throw error;
      }
    });
  } catch (error) {
    await stopStarted();
    throw error;
  } finally {
    await controlling?.then(
      (controls) => Promise.all(controls.map((c) => c.close())),
      () => {},
    );
    await writing?.then(
      (w) => w.close(),
      () => {},
    );
  }
  lap('totalMs', began);

  return {
    contactPoints: endpoint.contactPoints,
    keyspace: options.keyspace,
    localDataCenter: endpoint.localDataCenter ?? DEFAULT_DATA_CENTER,
    ...(endpoint.credentials ? { credentials: endpoint.credentials } : {}),
    ...(started ? { node: started } : {}),
    ...(cluster ? { cluster } : {}),
    timings,
    masking,
    stop: started
      ? stopStarted
      : () =>
          withClient(endpoint, (c) =>
            c.execute(`DROP KEYSPACE IF EXISTS ${quoteIdentifier(options.keyspace)}`, [], { prepare: false }),
          ).then(() => {}),
  };
}

async function loadsAsSSTables(choice: RestoreOptions['logicalLoad'], nodeFiles: boolean): Promise<boolean> {
  if (choice === 'cql') return false;
  if (!nodeFiles) {
    if (choice === 'sstables')
      throw new SnapshotError(
        "Loading rows as SSTables needs the target node's files: restore onto { node } or { directory }",
      );
    return false;
  }
  if (await canWriteSSTables()) return true;
  if (choice === 'sstables') throw new SnapshotError('Loading rows as SSTables needs a JDK (javac) on this machine');
  return false;
}
