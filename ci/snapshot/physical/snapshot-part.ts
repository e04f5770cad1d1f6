import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { partialDirectory } from '../artifact/artifact-layout.js';
import { manifestSchema, PART_FILE, SnapshotError, type Manifest } from '../artifact/manifest.js';
import type { NodeAccess } from '../cql-client.js';
import { closeControls } from './node-control.js';
import { assertArtifactId, openSource, snapshotNodesInto, type Lap } from './physical-take.js';

/**
 * One node's part of a cluster snapshot, taken on the host that holds that node's files. A coordinator picks the tag
 * and starts every node's part at once; `join` makes one artifact of the parts (docs/snapshots.md, Cluster snapshots).
 * part.json is a physical manifest describing this one node, under a format of its own so that no reader of artifacts
 * mistakes a part for a whole snapshot.
 */
export const PART_FORMAT = 'guestbook-snapshot-part/1';
const partSchema = manifestSchema.extend({ format: z.literal(PART_FORMAT) });
export type PartManifest = z.infer<typeof partSchema>;

export interface SnapshotPartOptions {
  node: NodeAccess;
  /** N of node<N>: this node's place in the cluster, the same on every run (node1 on the first host, ...). */
  nodeIndex: number;
  /** The tag every node's part is taken under; it becomes the joined artifact's id. */
  tag: string;
  keyspace: string;
  /** The part goes into <root>/part-<tag>-node<N>/. */
  root: string;
  localDataCenter?: string;
  log?: (line: string) => void;
}

export interface TakenPart {
  directory: string;
  manifest: PartManifest;
  timings: Record<string, number>;
}

export const partDirectoryName = (tag: string, nodeIndex: number) => `part-${tag}-node${nodeIndex}`;

export async function takeSnapshotPart(options: SnapshotPartOptions): Promise<TakenPart> {
  const { node, nodeIndex, tag, keyspace, root } = options;
  assertArtifactId(tag);
  if (!Number.isInteger(nodeIndex) || nodeIndex < 1)
    throw new SnapshotError(`The node index must be a whole number from 1 (got ${nodeIndex})`);
  const began = performance.now();
  const timings: Record<string, number> = {};
  const lap: Lap = (step, since) => (timings[step] = Math.round(performance.now() - since));
  const source = await openSource({ ...options, nodes: [node] });
  const name = partDirectoryName(tag, nodeIndex);
  const partial = partialDirectory(root, name);
  try {
    const run = { source, nodes: [node], indexes: [nodeIndex], id: tag, keyspace, partial, lap };
    const manifest: Manifest = await snapshotNodesInto({ ...run, log: options.log ?? (() => {}) });
    const part: PartManifest = { ...manifest, format: PART_FORMAT };
    const directory = join(root, name);
    try {
      await writeFile(join(partial, PART_FILE), `${JSON.stringify(part, null, 2)}\n`);
      await rename(partial, directory);
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw error;
    }
    lap('totalMs', began);
    return { directory, manifest: part, timings };
  } finally {
    await closeControls(source.controls);
  }
}

export async function readPart(directory: string): Promise<PartManifest> {
  const path = join(directory, PART_FILE);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new SnapshotError(`Not a snapshot part: ${path} is missing`);
  });
  const parsed = partSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(`${path} is not a ${PART_FORMAT} part: ${issue?.path.join('.')} ${issue?.message}`);
  }
  if (parsed.data.nodes?.length !== 1) throw new SnapshotError(`${path} must describe exactly one node`);
  return parsed.data;
}
