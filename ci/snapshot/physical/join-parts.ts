import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { partialDirectory } from '../artifact/artifact-layout.js';
import type { TakenSnapshot } from '../artifact/artifact-store.js';
import { MANIFEST_FORMAT, SCHEMA_FILE, SnapshotError, writeManifest, type Manifest } from '../artifact/manifest.js';
import { cutWindowOf } from '../artifact/node-record.js';
import { placeFile } from '../artifact/place-file.js';
import { verifySnapshot } from '../artifact/verify.js';
import { readPart, type PartManifest } from './snapshot-part.js';

export interface JoinPartsOptions {
  /** Every node's part directory, one per node of the source ring. */
  parts: string[];
  /** The artifact goes into <root>/<tag>/. Same filesystem as the parts → hard links. */
  root: string;
}

interface ReadPart {
  directory: string;
  part: PartManifest;
}

/** Joins one part per node (taken under one tag) into one artifact, which is verified before it is put in place. */
export async function joinSnapshotParts(options: JoinPartsOptions): Promise<TakenSnapshot> {
  const began = performance.now();
  const parts = await Promise.all(
    options.parts.map(async (directory) => ({ directory, part: await readPart(directory) })),
  );
  const problem = joinProblem(parts);
  if (problem) throw new SnapshotError(`Cannot join these parts: ${problem}`);
  parts.sort((a, b) => a.part.nodes![0]!.index - b.part.nodes![0]!.index);
  const [first] = parts as [ReadPart, ...ReadPart[]];
  const id = first.part.id;
  const partial = partialDirectory(options.root, id);
  try {
    await mkdir(partial, { recursive: true });
    await copyFile(join(first.directory, SCHEMA_FILE), join(partial, SCHEMA_FILE));
    for (const { directory, part } of parts) {
      for (const file of part.files.filter((f) => f.table)) {
        await mkdir(dirname(join(partial, file.path)), { recursive: true });
        await placeFile(join(directory, file.path), join(partial, file.path));
      }
    }
    const manifest = joinedManifest(parts.map(({ part }) => part));
    await writeManifest(partial, manifest);
    // Every file against the sha256 its part recorded, and the node records: a damaged part stops the join here.
    await verifySnapshot(partial);
    const directory = join(options.root, id);
    await rename(partial, directory);
    return { id, directory, manifest, timings: { totalMs: Math.round(performance.now() - began) } };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

function joinedManifest(parts: PartManifest[]): Manifest {
  const [first] = parts as [PartManifest, ...PartManifest[]];
  const nodes = parts.map((part) => part.nodes![0]!);
  const cut = cutWindowOf(nodes);
  return {
    format: MANIFEST_FORMAT,
    id: first.id,
    kind: 'physical',
    source: { ...first.source, contactPoints: parts.flatMap((part) => part.source.contactPoints) },
    takenAt: cut.earliest,
    completedAt: parts.map((part) => part.completedAt).sort()[parts.length - 1]!,
    tables: first.tables.map((table) => {
      const byNode = parts.map((part) => part.tables.find((t) => t.name === table.name)!.rows.count);
      return { ...table, rows: { ...table.rows, count: byNode.reduce((sum, n) => sum + n, 0), byNode } };
    }),
    files: [first.files.find((f) => f.path === SCHEMA_FILE)!, ...parts.flatMap((p) => p.files.filter((f) => f.table))],
    nodes,
    cut,
    ...(first.masking ? { masking: first.masking } : {}),
  };
}

/** The first reason these parts are not one snapshot of one cluster, one part per node; undefined when they are. */
function joinProblem(parts: ReadPart[]): string | undefined {
  const [first] = parts;
  if (!first) return 'no parts were given';
  const differing = (what: string, of: (part: PartManifest) => string) => {
    const other = parts.find(({ part }) => of(part) !== of(first.part));
    return (
      other &&
      `they are of different ${what}: ${first.directory} has ${of(first.part)}, ${other.directory} has ${of(other.part)}`
    );
  };
  const schemaHash = (part: PartManifest) => part.files.find((f) => f.path === SCHEMA_FILE)?.sha256 ?? 'none';
  const found =
    differing('tags', (part) => part.id) ??
    differing('clusters', (part) => `${part.source.clusterName} (ring ${[...part.source.hostIds].sort().join(' ')})`) ??
    differing('keyspaces', (part) => part.source.keyspace) ??
    differing('schemas', (part) => `schema.cql sha256 ${schemaHash(part)}`);
  if (found) return found;

  const node = ({ part }: ReadPart) => part.nodes![0]!;
  for (const [at, read] of parts.entries()) {
    const twin = parts.slice(0, at).find((earlier) => node(earlier).index === node(read).index);
    if (twin) return `node ${node(read).index} is given twice: ${twin.directory} and ${read.directory}`;
    const same = parts.slice(0, at).find((earlier) => node(earlier).hostId === node(read).hostId);
    if (same) return `host ${node(read).hostId} is given twice: ${same.directory} and ${read.directory}`;
  }
  const missingHost = first.part.source.hostIds.find((id) => !parts.some((read) => node(read).hostId === id));
  if (missingHost) return `the ring's node with host id ${missingHost} has no part (${parts.length} given)`;
  const missingIndex = parts.map((_, at) => at + 1).find((index) => !parts.some((read) => node(read).index === index));
  if (missingIndex) return `no part is node ${missingIndex}: nodes must be numbered 1..${parts.length}`;
  return undefined;
}
