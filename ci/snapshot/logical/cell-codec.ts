import cassandra from 'cassandra-driver';
import { SnapshotError, type ColumnManifest } from '../artifact/manifest.js';

// Text and UUIDs stay readable; every other type is its CQL wire bytes in base64, exact with no per-type code.
// The format: docs/snapshots.md (Artifact layout).

type DriverType = { code: number; info?: unknown };
interface WireEncoder {
  encode(value: unknown, type: DriverType): Buffer | null;
}
// The driver's own encoder (a public export of cassandra-driver without a type declaration). Value encodings are the
// same for every protocol version from 3 on.
const { Encoder } = cassandra as unknown as { Encoder: new (protocolVersion: number, options: object) => WireEncoder };
const encoder = new Encoder(4, { encoding: { map: Map, set: Set } });

const TEXT_TYPES = new Set(['text', 'varchar', 'ascii']);
const UUID_TYPES = new Set(['uuid', 'timeuuid']);
const SCALAR_TYPES = new Set([
  'ascii',
  'bigint',
  'blob',
  'boolean',
  'date',
  'decimal',
  'double',
  'duration',
  'float',
  'inet',
  'int',
  'smallint',
  'text',
  'time',
  'timestamp',
  'timeuuid',
  'tinyint',
  'uuid',
  'varchar',
  'varint',
]);

export type StoredValue = string | null;

/** How a column's values are kept in a row file: as the text itself, a UUID's usual form, or wire bytes in base64. */
export function storedEncoding(column: ColumnManifest): 'text' | 'uuid' | 'bytes' {
  return TEXT_TYPES.has(column.type) ? 'text' : UUID_TYPES.has(column.type) ? 'uuid' : 'bytes';
}

export function encodeValue(value: unknown, column: ColumnManifest, driverType: DriverType): StoredValue {
  if (value === null || value === undefined) return null;
  if (TEXT_TYPES.has(column.type)) return value as string;
  if (UUID_TYPES.has(column.type)) return String(value);
  return encoder.encode(value, driverType)!.toString('base64');
}

export function decodeValue(stored: StoredValue, column: ColumnManifest): unknown {
  if (stored === null) return null;
  if (TEXT_TYPES.has(column.type)) return stored;
  if (UUID_TYPES.has(column.type)) return cassandra.types.Uuid.fromString(stored);
  // The driver sends a Buffer as the value's bytes, whatever the column type.
  return Buffer.from(stored, 'base64');
}

/**
 * A logical snapshot writes each cell back with its own write time and TTL. That works for single-cell values; a
 * non-frozen collection or UDT has a write time per element, and a counter cannot be written with a timestamp at all.
 */
export function assertLogicalSupport(table: string, columns: ColumnManifest[]): void {
  for (const c of columns) {
    const t = c.type;
    const singleCell = SCALAR_TYPES.has(t) || /^(frozen|tuple|vector)</.test(t);
    if (!singleCell || t === 'counter') {
      throw new SnapshotError(
        `Table ${table}, column ${c.name} (${t}) cannot be kept exactly by a logical snapshot ` +
          '(per-element write times or counter); use a physical snapshot for this keyspace',
      );
    }
  }
}
