import type { CqlClient } from './cql-client.js';
import { moveToKeyspace, quoteIdentifier } from './logical/cql-text.js';
import { SnapshotError } from './artifact/manifest.js';
import { describeColumnDifference, readColumns } from './source-schema.js';
import type { VerifiedArtifact } from './artifact/verify.js';

export interface KeyspaceOptions {
  /** Drop the keyspace first when it exists. Without it, an existing keyspace must hold no rows in the artifact's tables. */
  replace?: boolean;
  /** Replication of the copy; a single-node copy by default, whatever production uses. */
  replication?: Record<string, string | number>;
}

const SINGLE_NODE_REPLICATION = { class: 'SimpleStrategy', replication_factor: 1 };

/**
 * Makes `keyspace` on the target hold the artifact's tables, empty and defined exactly as in the artifact (same
 * columns, types, key and clustering order: what nodetool import and the row loader rely on). Returns whether the
 * keyspace was created here, so a failed restore can drop what it made and nothing else.
 */
export async function prepareTargetKeyspace(
  client: CqlClient,
  artifact: VerifiedArtifact,
  keyspace: string,
  options: KeyspaceOptions,
): Promise<boolean> {
  const ks = quoteIdentifier(keyspace);
  const existed =
    (await client.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace]))
      .rowLength > 0;
  if (existed && options.replace) await client.execute(`DROP KEYSPACE ${ks}`, [], { prepare: false });
  const keep = existed && !options.replace;
  if (keep) await assertCompatible(client, artifact, keyspace, true);

  const replication = JSON.stringify(options.replication ?? SINGLE_NODE_REPLICATION).replaceAll('"', "'");
  await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${ks} WITH replication = ${replication}`, [], { prepare: false });
  try {
    for (const statement of artifact.schemaStatements) {
      const moved = ifNotExists(moveToKeyspace(statement, artifact.manifest.source.keyspace, keyspace));
      await client.execute(moved, [], { prepare: false });
    }
    await assertCompatible(client, artifact, keyspace, false);
  } catch (error) {
    if (!keep) await client.execute(`DROP KEYSPACE IF EXISTS ${ks}`, [], { prepare: false }).catch(() => {});
    throw error;
  }
  return !keep;
}

async function assertCompatible(
  client: CqlClient,
  artifact: VerifiedArtifact,
  keyspace: string,
  existingOnly: boolean,
): Promise<void> {
  const target = await readColumns(client, keyspace);
  for (const table of artifact.manifest.tables) {
    const actual = target.get(table.name);
    if (!actual) {
      if (existingOnly) continue;
      throw new SnapshotError(`Schema mismatch: table ${table.name} was not created in keyspace ${keyspace}`);
    }
    const difference = describeColumnDifference(table.name, table.columns, actual);
    if (difference) throw new SnapshotError(`Schema mismatch in keyspace ${keyspace}: ${difference}`);
    if (existingOnly) {
      const any = await client.execute(
        `SELECT * FROM ${quoteIdentifier(keyspace)}.${quoteIdentifier(table.name)} LIMIT 1`,
        [],
        { prepare: false },
      );
      if (any.rowLength > 0) {
        throw new SnapshotError(
          `Table ${table.name} in keyspace ${keyspace} already has rows: restore into another keyspace, or replace it`,
        );
      }
    }
  }
}

/** DESCRIBE writes plain CREATE statements; a keyspace that already holds some of the tables needs IF NOT EXISTS. */
function ifNotExists(statement: string): string {
  return statement.replace(
    /^(CREATE\s+(?:TABLE|TYPE|FUNCTION|AGGREGATE|(?:CUSTOM\s+)?INDEX))\s+(?!IF\s+NOT\s+EXISTS)/i,
    '$1 IF NOT EXISTS ',
  );
}
