import { mkdir, rm } from 'node:fs/promises';
import { newArtifactId, partialDirectory, snapshotTag } from '../artifact/artifact-layout.js';
import { finishArtifact, type TakenSnapshot } from '../artifact/artifact-store.js';
import { readIdentity } from '../cluster-identity.js';
import { DEFAULT_DATA_CENTER, withClient, type NodeAccess } from '../cql-client.js';
import { SnapshotError, type Manifest } from '../artifact/manifest.js';
import type { NodeRecord } from '../artifact/node-record.js';
import { closeControls, openNodeControls } from './node-control.js';
import { placeNodeFiles } from './node-snapshot-files.js';
import { describePlacedFiles, physicalManifest } from './physical-manifest.js';
import { readKeyspaceSchema } from '../source-schema.js';

export interface PhysicalTakeOptions {
  /** Every node of the source cluster, each with file access to its data directory. */
  nodes: NodeAccess[];
  keyspace: string;
  /** Where artifacts live; the artifact goes into <root>/<id>/. Same filesystem as the nodes → hard links. */
  root: string;
  localDataCenter?: string;
  /** The artifact's id (and so the nodes' snapshot tag); a new one by default. */
  id?: string;
  log?: (line: string) => void;
}

export type Lap = (step: string, since: number) => void;

/** A name a coordinator may give a take: it becomes a folder name and a snapshot tag. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export function assertArtifactId(id: string): void {
  if (!ID_PATTERN.test(id))
    throw new SnapshotError(`"${id}" cannot name a snapshot: letters, digits, - and _, at most 100 (e.g. a new-tag)`);
}

/** The source as the take needs it: how to reach it over CQL, who it is, the keyspace's schema, a control per node. */
export async function openSource(options: Pick<PhysicalTakeOptions, 'nodes' | 'keyspace' | 'localDataCenter'>) {
  const first = options.nodes[0];
  if (!first) throw new SnapshotError('A physical snapshot needs at least one source node');
  const endpoint = {
    contactPoints: options.nodes.map((node) => node.contactPoint),
    localDataCenter: options.localDataCenter ?? DEFAULT_DATA_CENTER,
    ...(first.credentials ? { credentials: first.credentials } : {}),
  };
  // The node connections start while the schema is read.
  const controlling = openNodeControls(options.nodes);
  controlling.catch(() => {});
  const { identity, schema } = await withClient(endpoint, async (client) => ({
    identity: await readIdentity(client),
    schema: await readKeyspaceSchema(client, options.keyspace),
  })).catch(async (error: unknown) => {
    await closeControls(await controlling.catch(() => []));
    throw error;
  });
  return { endpoint, identity, schema, controls: await controlling };
}

export type Source = Awaited<ReturnType<typeof openSource>>;

export interface NodesRun {
  source: Source;
  nodes: NodeAccess[];
  /** N of sstables/node<N>/ for each of `nodes`. */
  indexes: number[];
  id: string;
  keyspace: string;
  partial: string;
  lap: Lap;
  log: (line: string) => void;
}

/**
 * A snapshot (as `nodetool snapshot`: flush, then hard-link every live SSTable) on each of the nodes at once, each
 * node's call and answer timed as its cut; the files are placed into `partial`, the tag is cleared on the nodes, and
 * the manifest describing them is returned (not yet written). Production serves reads and writes throughout: a
 * snapshot takes no lock, and the flush only moves memtables to disk.
 */
export async function snapshotNodesInto(run: NodesRun): Promise<Manifest> {
  const { source, nodes, indexes, keyspace, partial, lap } = run;
  const tag = snapshotTag(run.id);
  const clearTag = () => Promise.all(source.controls.map((control) => control.clearSnapshot(tag, keyspace)));
  let clearing: Promise<unknown> | undefined;
  try {
    await mkdir(partial, { recursive: true });
    const identities = await Promise.all(source.controls.map((control) => control.identity()));
    let since = performance.now();
    run.log(`Snapshotting ${keyspace} on ${nodes.length} node(s) as ${tag}`);
    const cuts = await Promise.all(
      source.controls.map(async (control) => {
        const issuedAt = new Date().toISOString();
        await control.snapshot(tag, keyspace);
        return { issuedAt, returnedAt: new Date().toISOString() };
      }),
    );
    lap('snapshotMs', since);

    since = performance.now();
    const tables = source.schema.tables.map((table) => table.name);
    const placed = (
      await Promise.all(nodes.map((node, at) => placeNodeFiles(node, indexes[at]!, keyspace, tag, tables, partial)))
    ).flat();
    lap('placeFilesMs', since);
    // The artifact holds its own links now: the tag can go while the files are hashed.
    clearing = clearTag();
    const described = await describePlacedFiles(partial, placed, lap);
    await clearing;

    const records: NodeRecord[] = nodes.map((node, at) => ({
      index: indexes[at]!,
      ...identities[at]!,
      contactPoint: node.contactPoint,
      cut: cuts[at]!,
    }));
    const { identity, schema, endpoint } = source;
    return await physicalManifest({
      id: run.id,
      keyspace,
      identity,
      schema,
      contactPoints: endpoint.contactPoints,
      nodes: records,
      partial,
      placed,
      described,
    });
  } catch (error) {
    await (clearing ?? clearTag()).catch(() => {}); // a tag left behind is cleared by prune
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** A physical snapshot of every node of the cluster, from one machine that reaches all of their files. */
export async function takePhysicalSnapshot(options: PhysicalTakeOptions): Promise<TakenSnapshot> {
  const { keyspace, root, nodes } = options;
  const log = options.log ?? (() => {});
  const began = performance.now();
  const timings: Record<string, number> = {};
  const lap: Lap = (step, since) => (timings[step] = Math.round(performance.now() - since));
  const id = options.id ?? newArtifactId('physical');
  assertArtifactId(id);

  const source = await openSource(options);
  lap('schemaMs', began);
  const partial = partialDirectory(root, id);
  try {
    const indexes = nodes.map((_, at) => at + 1);
    const manifest = await snapshotNodesInto({ source, nodes, indexes, id, keyspace, partial, lap, log });
    const directory = await finishArtifact(partial, root, manifest).catch(async (error: unknown) => {
      await rm(partial, { recursive: true, force: true });
      throw error;
    });
    lap('totalMs', began);
    const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
    log(
      `Took ${id}: ${manifest.files.length} files, ${bytes} bytes in ${timings.totalMs} ms, cut skew ${manifest.cut?.skewMs} ms`,
    );
    return { id, directory, manifest, timings };
  } finally {
    await closeControls(source.controls);
  }
}
