import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newArtifactId, partialDirectory, snapshotTag, sstablesPath } from '../artifact/artifact-layout.js';
import { finishArtifact, type TakenSnapshot } from '../artifact/artifact-store.js';
import { hashFiles } from '../artifact/checksums.js';
import { readIdentity } from '../cluster-identity.js';
import { DEFAULT_DATA_CENTER, withClient, type NodeAccess } from '../cql-client.js';
import { UNMASKED_RAW_SSTABLES } from '../artifact/masking-record.js';
import { MANIFEST_FORMAT, SCHEMA_FILE, SnapshotError, type Manifest } from '../artifact/manifest.js';
import { closeControls, openNodeControls } from './node-control.js';
import { placeFile } from '../artifact/place-file.js';
import { readKeyspaceSchema } from '../source-schema.js';
import { sstableRowCounts } from './sstable-statistics.js';

export interface PhysicalTakeOptions {
  /** Every node of the source cluster, each with file access to its data directory. */
  nodes: NodeAccess[];
  keyspace: string;
  /** Where artifacts live; the artifact goes into <root>/<id>/. Same filesystem as the nodes → hard links. */
  root: string;
  localDataCenter?: string;
  log?: (line: string) => void;
}

type Lap = (step: string, since: number) => void;

/** The source as the take needs it: how to reach it over CQL, who it is, the keyspace's schema, a control per node. */
async function openSource(options: PhysicalTakeOptions) {
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

type Source = Awaited<ReturnType<typeof openSource>>;

/** sha256 of every placed file and the row count of every Data.db, read side by side. */
async function describePlacedFiles(partial: string, placed: PlacedFile[], lap: Lap) {
  const began = performance.now();
  const dataFiles = placed.filter((file) => file.path.endsWith('-Data.db')).map((file) => join(partial, file.path));
  const [hashes, rowCounts] = await Promise.all([
    hashFiles(placed.map((file) => join(partial, file.path))).then((found) => (lap('hashMs', began), found)),
    sstableRowCounts(dataFiles).then((found) => (lap('rowCountMs', began), found)),
  ]);
  return { hashes, rowCounts };
}

interface ManifestParts {
  id: string;
  keyspace: string;
  source: Source;
  takenAt: Date;
  partial: string;
  placed: PlacedFile[];
  described: Awaited<ReturnType<typeof describePlacedFiles>>;
}

async function physicalManifest({ id, keyspace, source, takenAt, partial, placed, described }: ManifestParts) {
  const { identity, schema, endpoint } = source;
  await writeFile(join(partial, SCHEMA_FILE), schema.cql);
  const schemaHash = (await hashFiles([join(partial, SCHEMA_FILE)])).get(join(partial, SCHEMA_FILE))!;
  const rowsOf = (table: string) =>
    placed
      .filter((file) => file.table === table && file.path.endsWith('-Data.db'))
      .reduce((sum, file) => sum + described.rowCounts.get(join(partial, file.path))!, 0);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    id,
    kind: 'physical',
    source: {
      clusterName: identity.clusterName,
      keyspace,
      hostIds: identity.hostIds,
      releaseVersion: identity.releaseVersion,
      contactPoints: endpoint.contactPoints,
    },
    takenAt: takenAt.toISOString(),
    completedAt: new Date().toISOString(),
    tables: schema.tables.map((table) => ({
      ...table,
      rows: { count: rowsOf(table.name), method: 'sstable-statistics-sum' },
    })),
    files: [
      { path: SCHEMA_FILE, ...schemaHash },
      ...placed.map((file) => ({
        path: file.path,
        table: file.table,
        ...described.hashes.get(join(partial, file.path))!,
      })),
    ],
    masking: UNMASKED_RAW_SSTABLES,
  };
  return manifest;
}

/**
 * A snapshot (as `nodetool snapshot`: flush, then hard-link every live SSTable) on every node at once, then the
 * snapshot's files are placed into the artifact and the tag is cleared on the nodes. Production serves reads and
 * writes throughout: a snapshot takes no lock, and the flush only moves memtables to disk.
 */
export async function takePhysicalSnapshot(options: PhysicalTakeOptions): Promise<TakenSnapshot> {
  const { keyspace, root, nodes } = options;
  const log = options.log ?? (() => {});
  const began = performance.now();
  const timings: Record<string, number> = {};
  const lap: Lap = (step, since) => (timings[step] = Math.round(performance.now() - since));

  const source = await openSource(options);
  lap('schemaMs', began);
  const id = newArtifactId('physical');
  const partial = partialDirectory(root, id);
  const tag = snapshotTag(id);
  const clearTag = () => Promise.all(source.controls.map((control) => control.clearSnapshot(tag, keyspace)));
  let clearing: Promise<unknown> | undefined;
  try {
    await mkdir(partial, { recursive: true });
    const takenAt = new Date();
    let since = performance.now();
    log(`Snapshotting ${keyspace} on ${nodes.length} node(s) as ${tag}`);
    await Promise.all(source.controls.map((control) => control.snapshot(tag, keyspace)));
    lap('snapshotMs', since);

    since = performance.now();
    const tables = source.schema.tables.map((table) => table.name);
    const placed = await placeSnapshotFiles(nodes, keyspace, tag, tables, partial);
    lap('placeFilesMs', since);
    // The artifact holds its own links now: the tag can go while the files are hashed.
    clearing = clearTag();
    const described = await describePlacedFiles(partial, placed, lap);
    await clearing;

    const manifest = await physicalManifest({ id, keyspace, source, takenAt, partial, placed, described });
    const directory = await finishArtifact(partial, root, manifest);
    lap('totalMs', began);
    const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
    log(`Took ${id}: ${manifest.files.length} files, ${bytes} bytes in ${timings.totalMs} ms`);
    return { id, directory, manifest, timings };
  } catch (error) {
    await (clearing ?? clearTag()).catch(() => {}); // a tag left behind is cleared by prune
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await closeControls(source.controls);
  }
}

interface PlacedFile {
  path: string;
  table: string;
}

async function placeSnapshotFiles(
  nodes: NodeAccess[],
  keyspace: string,
  tag: string,
  tables: string[],
  artifact: string,
): Promise<PlacedFile[]> {
  const placed: PlacedFile[] = [];
  for (const [index, node] of nodes.entries()) {
    const keyspaceDir = join(node.dataDirectory, keyspace);
    const tableDirs = await readdir(keyspaceDir);
    for (const table of tables) {
      const snapshotDir = await findSnapshotDirectory(keyspaceDir, tableDirs, table, tag);
      if (!snapshotDir)
        throw new SnapshotError(
          `Snapshot ${tag} of table ${table} was not found under ${keyspaceDir} (node ${node.contactPoint})`,
        );
      const target = sstablesPath(index + 1, table);
      await mkdir(join(artifact, target), { recursive: true });
      const entries = await readdir(snapshotDir, { withFileTypes: true });
      // manifest.json and schema.cql are Cassandra's own notes about the snapshot; the artifact keeps its own.
      const files = entries.filter((e) => e.isFile() && e.name !== 'manifest.json' && e.name !== 'schema.cql');
      await Promise.all(files.map((e) => placeFile(join(snapshotDir, e.name), join(artifact, target, e.name))));
      placed.push(...files.map((e) => ({ path: `${target}/${e.name}`, table })));
    }
  }
  return placed;
}

/** A table's folder is <table>-<id>; after a DROP and CREATE there can be two, and only one has this snapshot. */
async function findSnapshotDirectory(
  keyspaceDir: string,
  tableDirs: string[],
  table: string,
  tag: string,
): Promise<string | undefined> {
  for (const dir of tableDirs.filter(
    (d) => d.startsWith(`${table}-`) && /^[0-9a-f]{32}$/.test(d.slice(table.length + 1)),
  )) {
    const candidate = join(keyspaceDir, dir, 'snapshots', tag);
    try {
      await readdir(candidate);
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}
