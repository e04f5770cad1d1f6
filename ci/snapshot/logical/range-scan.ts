import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import cassandra from 'cassandra-driver';
import { encodeValue } from './cell-codec.js';
import { writeTimeText } from './write-time-text.js';
import type { CqlClient } from '../cql-client.js';
import { quoteIdentifier } from './cql-text.js';
import { cellColumns, keyColumns, type TableManifest } from '../artifact/manifest.js';
import type { TokenRange } from './token-ranges.js';
import type { TextMask } from '../masking/snapshot-masking.js';
import type { RowObserver } from '../profile/profile-thread.js';

const { Long } = cassandra.types;

export interface ScannedFile {
  rows: number;
  bytes: number;
  sha256: string;
}

export interface RangeScan {
  /** Writes the range's rows to `file`; undefined, and no file, when the range holds none. */
  scan(range: TokenRange, file: string, onRows: (rows: number) => void): Promise<ScannedFile | undefined>;
}

/**
 * Reads one table a token range at a time, page by page (one page in memory), each row as one JSON line: the key
 * values, then for each cell column (sorted by name) null or [value, writetime, expiresAt], where writetime is the
 * microsecond timestamp as a string (a 64-bit value) and expiresAt the TTL's end in epoch seconds. A range comes back
 * in token order, so a file is too. A column in `masks` is masked here, before its value reaches the file.
 */
export function rangeScan(
  client: CqlClient,
  keyspace: string,
  table: TableManifest,
  fetchSize: number,
  masks: ReadonlyMap<string, TextMask> = new Map(),
  observer?: RowObserver,
): RangeScan {
  const keys = keyColumns(table);
  const cells = cellColumns(table);
  const keyMasks = keys.map((c) => masks.get(c.name));
  const cellMasks = cells.map((c) => masks.get(c.name));
  const selected = [
    ...keys.map((c) => quoteIdentifier(c.name)),
    ...cells.flatMap((c) => [
      quoteIdentifier(c.name),
      `WRITETIME(${quoteIdentifier(c.name)})`,
      `TTL(${quoteIdentifier(c.name)})`,
    ]),
  ];
  const token = `token(${keys
    .filter((c) => c.kind === 'partition_key')
    .map((c) => quoteIdentifier(c.name))
    .join(', ')})`;
  const whole = `SELECT ${selected.join(', ')} FROM ${quoteIdentifier(keyspace)}.${quoteIdentifier(table.name)}`;
  const ranged = `${whole} WHERE ${token} > ? AND ${token} <= ?`;

  return {
    async scan(range, file, onRows) {
      const bounded = range.start !== undefined && range.end !== undefined;
      const query = bounded ? ranged : whole;
      const params = bounded ? [Long.fromString(range.start!.toString()), Long.fromString(range.end!.toString())] : [];
      let out: WriteStream | undefined;
      const hash = createHash('sha256');
      let bytes = 0;
      let rows = 0;
      let pageState: string | undefined;
      try {
        do {
          const page = await client.execute(query, params, {
            prepare: true,
            fetchSize,
            autoPage: false,
            ...(pageState ? { pageState } : {}),
          });
          pageState = page.pageState ?? undefined;
          if (page.rows.length === 0) continue;
          const nowSeconds = Math.floor(Date.now() / 1000);
          let chunk = '';
          for (const row of page.rows) {
            const values = row.values();
            const line: unknown[] = keys.map((c, i) =>
              masked(encodeValue(values[i], c, page.columns[i]!.type), keyMasks[i]),
            );
            cells.forEach((c, j) => {
              const at = keys.length + j * 3;
              const value = values[at];
              if (value === null || value === undefined) return line.push(null);
              const ttl = values[at + 2] as number | null;
              line.push([
                masked(encodeValue(value, c, page.columns[at]!.type), cellMasks[j]),
                writeTimeText(values[at + 1] as cassandra.types.Long),
                ttl === null ? null : nowSeconds + ttl,
              ]);
            });
            // Sees each row exactly as it is written to the file: the drift profile comes from the same pass.
            observer?.row(line);
            chunk += `${JSON.stringify(line)}\n`;
          }
          const buffer = Buffer.from(chunk, 'utf8');
          hash.update(buffer);
          bytes += buffer.length;
          rows += page.rows.length;
          if (!out) {
            await mkdir(dirname(file), { recursive: true });
            out = createWriteStream(file);
          }
          if (!out.write(buffer)) await once(out, 'drain');
          await observer?.pageDone();
          onRows(page.rows.length);
        } while (pageState);
      } finally {
        out?.end();
        if (out) await once(out, 'close');
      }
      return out ? { rows, bytes, sha256: hash.digest('hex') } : undefined;
    },
  };
}

/** Masks only text: the policy allows `shape` on text columns alone, whose stored form is the text itself. */
const masked = (stored: string | null, mask: TextMask | undefined) => (mask && stored !== null ? mask(stored) : stored);
