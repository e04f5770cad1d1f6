import type { SnapshotKind } from './artifact/artifact-layout.js';
import type { TakenSnapshot } from './artifact/artifact-store.js';
import { endpointOf, type CqlEndpoint, type NodeAccess } from './cql-client.js';
import { takeLogicalSnapshot } from './logical/logical-take.js';
import { SnapshotError } from './artifact/manifest.js';
import { takePhysicalSnapshot } from './physical/physical-take.js';

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
  /** Progress and step lines, for a terminal (stderr) or a test log. */
  log?: (line: string) => void;
}

/** Takes a physical (SSTables via nodetool snapshot) or logical (CQL scan) snapshot of one keyspace. */
export async function takeSnapshot(o: TakeOptions): Promise<TakenSnapshot> {
  const log = o.log ? { log: o.log } : {};
  const localDataCenter = o.localDataCenter ? { localDataCenter: o.localDataCenter } : {};
  if (o.kind === 'physical') {
    if (!o.nodes?.length) throw new SnapshotError('A physical snapshot needs the source nodes (file access to their data directories)');
    return takePhysicalSnapshot({ nodes: o.nodes, keyspace: o.keyspace, root: o.root, ...localDataCenter, ...log });
  }
  const source = o.source ?? (o.nodes?.[0] ? endpointOf(o.nodes[0], o.localDataCenter) : undefined);
  if (!source) throw new SnapshotError('A logical snapshot needs the source contact points or nodes');
  return takeLogicalSnapshot({ source, keyspace: o.keyspace, root: o.root, ...log });
}
