import type { SnapshotKind } from './artifact/artifact-layout.js';
import type { TakenSnapshot } from './artifact/artifact-store.js';
import { endpointOf, type CqlEndpoint, type NodeAccess } from './cql-client.js';
import { takeLogicalSnapshot } from './logical/logical-take.js';
import { SnapshotError } from './artifact/manifest.js';
import { takePhysicalSnapshot } from './physical/physical-take.js';
import type { SnapshotMasking } from './masking/snapshot-masking.js';

export interface TakeOptions {
  kind: SnapshotKind;
  keyspace: string;
  /** Artifacts root: the artifact becomes <root>/<id>/. */
  root: string;
  /** Source nodes with file access: required for physical, enough for logical too. */
  nodes?: NodeAccess[];
  /** Source over CQL only: enough for logical. */
  source?: CqlEndpoint;
  localDataCenter?: string;
  /**
   * Logical only: masks every text cell the policy shapes before it is written. Without it the manifest records
   * "unmasked"; the CLI and the pipeline ask for a key or an explicit --unmasked.
   */
  masking?: SnapshotMasking;
  /** Progress and step lines, for a terminal (stderr) or a test log. */
  log?: (line: string) => void;
}

/** Takes a physical (SSTables via nodetool snapshot) or logical (CQL scan) snapshot of one keyspace. */
export async function takeSnapshot(options: TakeOptions): Promise<TakenSnapshot> {
  const log = options.log ? { log: options.log } : {};
  const localDataCenter = options.localDataCenter ? { localDataCenter: options.localDataCenter } : {};
  if (options.kind === 'physical') {
    if (options.masking)
      throw new SnapshotError(
        'A physical snapshot copies the raw SSTables and cannot mask them: take a logical snapshot to mask at the ' +
          'source, or take this one with --unmasked and restore it with the key to mask the copy in place',
      );
    if (!options.nodes?.length)
      throw new SnapshotError('A physical snapshot needs the source nodes (file access to their data directories)');
    return takePhysicalSnapshot({
      nodes: options.nodes,
      keyspace: options.keyspace,
      root: options.root,
      ...localDataCenter,
      ...log,
    });
  }
  const source =
    options.source ?? (options.nodes?.[0] ? endpointOf(options.nodes[0], options.localDataCenter) : undefined);
  if (!source) throw new SnapshotError('A logical snapshot needs the source contact points or nodes');
  return takeLogicalSnapshot({
    source,
    keyspace: options.keyspace,
    root: options.root,
    ...log,
    ...(options.masking ? { masking: options.masking } : {}),
  });
}
