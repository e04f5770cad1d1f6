import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newArtifactId, partialDirectory, snapshotTag, sstablesPath } from '../artifact/artifact-layout.js';
import { finishArtifact, type TakenSnapshot } from '../artifact/artifact-store.js';
import { hashFiles } from '../artifact/checksums.js';
import { readIdentity } from '../cluster-identity.js';
import { DEFAULT_DATA_CENTER, withClient, type NodeAccess } from '../cql-client.js';
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

/**
 * A snapshot (as `nodetool snapshot`: flush, then hard-link every live SSTable) on every node at once, then the
 * snapshot's files are placed into the artifact and the tag is cleared on the nodes. Production serves reads and writes throughout:
 * a snapshot takes no lock, and the flush only moves memtables to disk.
 */
export async function takePhysicalSnapshot(options: PhysicalTakeOptions): Promise<TakenSnapshot> {
  const first = options.nodes[0];
  if (!first) throw new SnapshotError('A physical snapshot needs at least one source node');
  const log = options.log ?? (() => {});
  const began = performance.now();
  const timings: Record<string, number> = {};
  const lap = (step: string, since: number) => (timings[step] = Math.round(performance.now() - since));

  const endpoint = {
    contactPoints: options.nodes.map((n) => n.contactPoint),
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
  const controls = await controlling;
  lap('schemaMs', began);

  const id = newArtifactId('physical');
  const partial = partialDirectory(options.root, id);
  const tag = snapshotTag(id);
  const clearTag = () => Promise.all(controls.map((c) => c.clearSnapshot(tag, options.keyspace))).then(() => {});
  let clearing: Promise<void> | undefined;
  try {
    await mkdir(partial, { recursive: true });
    const takenAt = new Date();
    let t = performance.now();
    log(`Snapshotting ${options.keyspace} on ${options.nodes.length} node(s) as ${tag}`);
    await Promise.all(controls.map((c) => c.snapshot(tag, options.keyspace)));
    lap('snapshotMs', t);

    t = performance.now();
    const placed = await placeSnapshotFiles(options.nodes, options.keyspace, tag, schema.tables.map((x) => x.name), partial);
    lap('placeFilesMs', t);
    // The artifact holds its own links now: the tag can go while the files are hashed.
    clearing = clearTag();

    t = performance.now();
    const dataFiles = placed.filter((f) => f.path.endsWith('-Data.db')).map((f) => join(partial, f.path));
    const [hashes, rowCounts] = await Promise.all([
      hashFiles(placed.map((f) => join(partial, f.path))).then((h) => (lap('hashMs', t), h)),
      sstableRowCounts(dataFiles).then((c) => (lap('rowCountMs', t), c)),
    ]);
    await clearing;
    await writeFile(join(partial, SCHEMA_FILE), schema.cql);
    const schemaHash = (await hashFiles([join(partial, SCHEMA_FILE)])).get(join(partial, SCHEMA_FILE))!;

    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      id,
      kind: 'physical',
      source: { clusterName: identity.clusterName, keyspace: options.keyspace, hostIds: identity.hostIds, releaseVersion: identity.releaseVersion, contactPoints: endpoint.contactPoints },
      takenAt: takenAt.toISOString(),
      completedAt: new Date().toISOString(),
      tables: schema.tables.map((table) => ({
        ...table,
        rows: {
          count: placed.filter((f) => f.table === table.name && f.path.endsWith('-Data.db')).reduce((sum, f) => sum + rowCounts.get(join(partial, f.path))!, 0),
          method: 'sstable-statistics-sum',
        },
      })),
      files: [
        { path: SCHEMA_FILE, ...schemaHash },
        ...placed.map((f) => ({ path: f.path, table: f.table, ...hashes.get(join(partial, f.path))! })),
      ],
    };
    const directory = await finishArtifact(partial, options.root, manifest);
    lap('totalMs', began);
    log(`Took ${id}: ${manifest.files.length} files, ${manifest.files.reduce((s, f) => s + f.bytes, 0)} bytes in ${timings.totalMs} ms`);
    return { id, directory, manifest, timings };
  } catch (error) {
    await (clearing ?? clearTag()).catch(() => {}); // a tag left behind is cleared by prune
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await closeControls(controls);
  }
}

interface PlacedFile {
  path: string;
  table: string;
}

async function placeSnapshotFiles(nodes: NodeAccess[], keyspace: string, tag: string, tables: string[], artifact: string): Promise<PlacedFile[]> {
  const placed: PlacedFile[] = [];
  for (const [index, node] of nodes.entries()) {
    const keyspaceDir = join(node.dataDirectory, keyspace);
    const tableDirs = await readdir(keyspaceDir);
    for (const table of tables) {
      const snapshotDir = await findSnapshotDirectory(keyspaceDir, tableDirs, table, tag);
      if (!snapshotDir) throw new SnapshotError(`Snapshot ${tag} of table ${table} was not found under ${keyspaceDir} (node ${node.contactPoint})`);
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
async function findSnapshotDirectory(keyspaceDir: string, tableDirs: string[], table: string, tag: string): Promise<string | undefined> {
  for (const dir of tableDirs.filter((d) => d.startsWith(`${table}-`) && /^[0-9a-f]{32}$/.test(d.slice(table.length + 1)))) {
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
