import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFiles, listFiles } from './checksums.js';
import { createdTableName, splitStatements } from '../logical/cql-text.js';
import { nodeRecordProblems } from './verify-nodes.js';
import { MANIFEST_FILE, SCHEMA_FILE, SnapshotError, readManifest, type Manifest } from './manifest.js';

export interface VerifiedArtifact {
  directory: string;
  manifest: Manifest;
  /** schema.cql split into statements, the keyspace's own CREATE KEYSPACE left out. */
  schemaStatements: string[];
  bytes: number;
}

/**
 * Checks an artifact before anything is loaded from it: every file the manifest lists is there with its size and
 * sha256, no file is there that it does not list (an import would load it), and schema.cql creates exactly the tables
 * the manifest describes. Every problem found is reported, each naming its file or table.
 */
export async function verifySnapshot(directory: string): Promise<VerifiedArtifact> {
  const manifest = await readManifest(directory);
  const problems: string[] = [];
  const where = (f: { path: string; table?: string | undefined }) =>
    f.table ? `${f.path} (table ${f.table})` : f.path;

  const listed = new Set(manifest.files.map((f) => f.path));
  for (const path of await listFiles(directory)) {
    if (path !== MANIFEST_FILE && !listed.has(path))
      problems.push(`unexpected file ${path}: the manifest does not list it`);
  }
  const present: typeof manifest.files = [];
  for (const f of manifest.files) {
    const size = await stat(join(directory, f.path)).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) problems.push(`missing file ${where(f)}`);
    else if (size !== f.bytes)
      problems.push(`size mismatch in ${where(f)}: ${size} bytes, the manifest says ${f.bytes}`);
    else present.push(f);
  }
  const hashes = await hashFiles(present.map((f) => join(directory, f.path)));
  for (const f of present) {
    const actual = hashes.get(join(directory, f.path))!.sha256;
    if (actual !== f.sha256)
      problems.push(`checksum mismatch in ${where(f)}: sha256 ${actual}, the manifest says ${f.sha256}`);
  }

  problems.push(...nodeRecordProblems(manifest));

  let schemaStatements: string[] = [];
  if (!problems.some((p) => p.includes(SCHEMA_FILE))) {
    const statements = splitStatements(await readFile(join(directory, SCHEMA_FILE), 'utf8'));
    schemaStatements = statements.filter((s) => !/^CREATE\s+KEYSPACE/i.test(s));
    const created = new Set(schemaStatements.map(createdTableName).filter((n): n is string => n !== undefined));
    for (const t of manifest.tables) {
      if (!created.has(t.name))
        problems.push(`schema mismatch: table ${t.name} is in the manifest but ${SCHEMA_FILE} does not create it`);
      if (manifest.kind === 'logical' && !manifest.files.some((f) => f.table === t.name))
        problems.push(`no rows file for table ${t.name}`);
    }
    for (const name of created) {
      if (!manifest.tables.some((t) => t.name === name))
        problems.push(`schema mismatch: ${SCHEMA_FILE} creates table ${name}, which the manifest does not describe`);
    }
  }

  if (problems.length > 0) {
    throw new SnapshotError(`Artifact ${directory} failed verification:\n  - ${problems.join('\n  - ')}`);
  }
  return { directory, manifest, schemaStatements, bytes: manifest.files.reduce((sum, f) => sum + f.bytes, 0) };
}
