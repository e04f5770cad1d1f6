import type { CqlClient } from './cql-client.js';
import { SnapshotError, type ColumnManifest } from './artifact/manifest.js';

export interface KeyspaceSchema {
  /** schema.cql as written into the artifact: the keyspace, then its types, tables, indexes and functions. */
  cql: string;
  tables: { name: string; columns: ColumnManifest[] }[];
}

/** Reads a keyspace's definition: server-side DESCRIBE for the CQL text, system_schema for the columns. */
export async function readKeyspaceSchema(client: CqlClient, keyspace: string): Promise<KeyspaceSchema> {
  const exists = await client.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [
    keyspace,
  ]);
  if (exists.rowLength === 0) throw new SnapshotError(`Keyspace ${keyspace} does not exist on the source cluster`);

  const described = await client.execute(`DESCRIBE KEYSPACE "${keyspace.replaceAll('"', '""')}"`, [], {
    prepare: false,
  });
  const statements: string[] = [];
  for (const row of described.rows) {
    const type = String(row.get('type'));
    if (type === 'view') {
      throw new SnapshotError(
        `Materialized view ${row.get('name')} in ${keyspace} is not supported: drop it or snapshot another keyspace`,
      );
    }
    statements.push(String(row.get('create_statement')).trim().replace(/;$/, ''));
  }

  const columns = await readColumns(client, keyspace);
  const tables = [...columns.entries()]
    .map(([name, cols]) => ({ name, columns: cols }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const header = `-- Keyspace ${keyspace} as DESCRIBE KEYSPACE gave it when the snapshot was taken.\n`;
  return { cql: header + statements.map((s) => `${s};\n`).join('\n'), tables };
}

/** Columns of every table of a keyspace, as system_schema describes them. */
export async function readColumns(client: CqlClient, keyspace: string): Promise<Map<string, ColumnManifest[]>> {
  const result = await client.execute(
    'SELECT table_name, column_name, kind, position, type, clustering_order FROM system_schema.columns WHERE keyspace_name = ?',
    [keyspace],
  );
  const tables = new Map<string, ColumnManifest[]>();
  for (const row of result.rows) {
    const table = String(row.get('table_name'));
    const column: ColumnManifest = {
      name: String(row.get('column_name')),
      kind: row.get('kind') as ColumnManifest['kind'],
      position: Number(row.get('position')),
      type: String(row.get('type')),
      clusteringOrder: row.get('clustering_order') as ColumnManifest['clusteringOrder'],
    };
    tables.set(table, [...(tables.get(table) ?? []), column]);
  }
  for (const cols of tables.values()) cols.sort((a, b) => a.name.localeCompare(b.name));
  return tables;
}

/** Where a column definition differs, in words that name the table and column; undefined when they match. */
export function describeColumnDifference(
  table: string,
  expected: ColumnManifest[],
  actual: ColumnManifest[],
): string | undefined {
  const byName = new Map(actual.map((c) => [c.name, c]));
  for (const want of expected) {
    const have = byName.get(want.name);
    if (!have) return `table ${table} has no column ${want.name} (${want.type}, ${want.kind})`;
    for (const field of ['type', 'kind', 'position', 'clusteringOrder'] as const) {
      if (have[field] !== want[field]) {
        return `table ${table}, column ${want.name}: ${field} is ${have[field]} on the target but ${want[field]} in the snapshot`;
      }
    }
    byName.delete(want.name);
  }
  const extra = [...byName.keys()][0];
  return extra === undefined ? undefined : `table ${table} has a column ${extra} that the snapshot does not have`;
}
