import type { CqlClient } from './cql-client.js';
import { SnapshotError, type Manifest } from './artifact/manifest.js';

export interface ClusterIdentity {
  clusterName: string;
  hostIds: string[];
  releaseVersion: string;
}

export async function readIdentity(client: CqlClient): Promise<ClusterIdentity> {
  const local = (await client.execute('SELECT cluster_name, host_id, release_version FROM system.local')).first();
  const peers = await client.execute('SELECT host_id FROM system.peers_v2');
  return {
    clusterName: String(local.get('cluster_name')),
    releaseVersion: String(local.get('release_version')),
    hostIds: [local.get('host_id'), ...peers.rows.map((r) => r.get('host_id'))].filter(Boolean).map(String),
  };
}

/**
 * The copy must never share a node with production, or its writes would be production writes. A shared host id means
 * the target is one of the source nodes; a shared cluster name means it may be a node added to the source since.
 */
export function assertNotSource(target: ClusterIdentity, source: Manifest['source']): void {
  const shared = target.hostIds.find((id) => source.hostIds.includes(id));
  if (shared) {
    throw new SnapshotError(
      `Refusing to restore into the source cluster: the target node ${shared} is one of the nodes the snapshot was taken from`,
    );
  }
  if (target.clusterName === source.clusterName) {
    throw new SnapshotError(
      `Refusing to restore into cluster "${target.clusterName}": it has the source cluster's name, so it may be production. ` +
        'Restore into a cluster with another cluster_name.',
    );
  }
}
