import type { NodeAccess } from '../cql-client.js';
import { SnapshotError } from '../artifact/manifest.js';
import { openJmxSession } from './jmx-session.js';
import { identityFromJmx, identityFromNodetool, type NodeIdentity } from './node-identity.js';

/** The node operations a snapshot and a restore need, whichever way they reach the node. */
export interface NodeControl {
  /** Flushes, then hard-links every live SSTable of the keyspace under snapshots/<tag>/. */
  snapshot(tag: string, keyspace: string): Promise<void>;
  clearSnapshot(tag: string, keyspace: string): Promise<void>;
  /** Host id, ring address and tokens, asked of the node itself (a contact point may route a query elsewhere). */
  identity(): Promise<NodeIdentity>;
  /** nodetool import's defaults (verify the SSTables and their tokens, reset level and repair state) with copy semantics. */
  importSSTables(keyspace: string, table: string, directories: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Through one JMX client process when the node's JMX port is known and a JDK is at hand (about 0.15 s to start, then
 * milliseconds per call); otherwise through nodetool, one JVM (~0.5 s or more) per call. Both make the same MBean calls.
 */
export async function openNodeControl(node: NodeAccess): Promise<NodeControl> {
  const jmx =
    node.jmxPort === undefined
      ? undefined
      : await openJmxSession(node.jmxHost ?? '127.0.0.1', node.jmxPort, node.jmxCredentials);
  if (jmx) {
    return {
      snapshot: (tag, keyspace) => jmx.call('snapshot', tag, keyspace).then(() => {}),
      clearSnapshot: (tag, keyspace) => jmx.call('clearsnapshot', tag, keyspace).then(() => {}),
      identity: () => jmx.call('identity').then(identityFromJmx),
      importSSTables: async (keyspace, table, directories) => {
        const failed = await jmx.call('import', keyspace, table, ...directories);
        if (failed.length > 0)
          throw new SnapshotError(
            `Import of table ${table} into ${keyspace} failed for ${failed.join(', ')} (see the node's system.log)`,
          );
      },
      close: () => jmx.close(),
    };
  }
  return {
    snapshot: (tag, keyspace) => node.nodetool('snapshot', '-t', tag, '--', keyspace).then(() => {}),
    clearSnapshot: (tag, keyspace) => node.nodetool('clearsnapshot', '-t', tag, '--', keyspace).then(() => {}),
    identity: async () => identityFromNodetool(await node.nodetool('info', '-T'), await node.nodetool('status')),
    importSSTables: (keyspace, table, directories) =>
      node.nodetool('import', '--copy-data', '--', keyspace, table, ...directories).then(
        () => {},
        (error: Error) => {
          throw new SnapshotError(`Import of table ${table} into ${keyspace} failed: ${error.message}`);
        },
      ),
    close: async () => {},
  };
}

/** Controls for every node, or none: when one cannot be opened, those already open are closed. */
export async function openNodeControls(nodes: NodeAccess[]): Promise<NodeControl[]> {
  const opened = await Promise.allSettled(nodes.map(openNodeControl));
  const failure = opened.find((options): options is PromiseRejectedResult => options.status === 'rejected');
  const controls = opened.flatMap((options) => (options.status === 'fulfilled' ? [options.value] : []));
  if (failure) {
    await closeControls(controls);
    throw failure.reason;
  }
  return controls;
}

export const closeControls = (controls: NodeControl[]) =>
  Promise.all(controls.map((c) => c.close().catch(() => {}))).then(() => {});
