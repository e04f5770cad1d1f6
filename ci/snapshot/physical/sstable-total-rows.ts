import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/*
 * Reads `totalRows` from Statistics.db of BIG "na"/"nb" SSTables without starting a JVM; an unknown layout or version
 * answers undefined and the caller asks Cassandra's own tool. The layout: docs/internals.md (Statistics.db).
 */
const VERSIONS = new Set(['na', 'nb']);
const STATS = 2;

export async function readTotalRows(dataFile: string): Promise<number | undefined> {
  const match = /^([a-z]{2})-[^-]+-big-Data\.db$/.exec(basename(dataFile));
  if (!match || !VERSIONS.has(match[1]!)) return undefined;
  const bytes = await readFile(dataFile.replace(/-Data\.db$/, '-Statistics.db')).catch(() => undefined);
  if (!bytes) return undefined;
  try {
    return parseTotalRows(bytes, match[1] === 'nb');
  } catch {
    return undefined;
  }
}

function parseTotalRows(bytes: Buffer, hasOriginatingHostId: boolean): number | undefined {
  let at = 0;
  const int = () => ((at += 4), bytes.readInt32BE(at - 4));
  const long = () => ((at += 8), bytes.readBigInt64BE(at - 8));
  const skip = (n: number) => {
    if (n < 0 || at + n > bytes.length) throw new RangeError('past the end');
    at += n;
  };

  const count = int();
  skip(4); // crc of the count
  const offsets = Array.from({ length: count }, () => ({ type: int(), offset: int() })).sort(
    (a, b) => a.offset - b.offset,
  );
  const index = offsets.findIndex((c) => c.type === STATS);
  if (index < 0) return undefined;
  const end = (offsets[index + 1]?.offset ?? bytes.length) - 4; // each component is followed by its crc32
  at = offsets[index]!.offset;

  for (let h = 0; h < 2; h++) skip(int() * 16); // partition size and cells-per-partition histograms
  skip(12 + 16 + 8 + 8 + 8); // commit log position, timestamps, deletion times, TTLs, compression ratio
  int(); // tombstone histogram max bin size
  skip(int() * 16);
  skip(4 + 8); // level, repairedAt
  for (let list = 0; list < 2; list++) {
    const n = int();
    for (let i = 0; i < n; i++) skip(((at += 2), bytes.readUInt16BE(at - 2)));
  }
  skip(1 + 8); // hasLegacyCounterShards, totalColumnsSet
  const totalRows = long();
  skip(12); // commit log lower bound
  skip(int() * 24); // commit log intervals
  if (bytes[(at += 1) - 1] !== 0) skip(16); // pending repair session
  skip(1); // transient
  if (hasOriginatingHostId && bytes[(at += 1) - 1] !== 0) skip(16);
  return at === end && totalRows >= 0n && totalRows <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(totalRows) : undefined;
}
