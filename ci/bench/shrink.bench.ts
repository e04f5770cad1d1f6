/**
 * npm run bench:shrink [-- --entries 100000 --offenders 3 --dir .data/bench-shrink --fresh]
 *
 * The shrink at scale: a node holds `--entries` synthetic entries over a year of days with `--offenders` entries of the
 * hostile corpus hidden among them (names the regression patch breaks on). The shrink starts where a failing replay
 * leaves it, from the entries the findings name, and must come back with exactly those entries for each failure
 * signature, against ci/regressions/001 in a worktree. Printed: entries, candidates, probes, seconds, and whether the
 * result was exact. The loaded keyspace stays in --dir between runs; --fresh starts over.
 */
import { mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dayOf, entryFromRow, type EntryRow } from '@guestbook/api';
import { CassandraNode } from '@guestbook/cassandra';
import cassandra from 'cassandra-driver';
import type { StoredRow } from '../entries/stored-entries.js';
import { REGRESSION_PATCH } from '../repo/paths.js';
import { createPatchedWorktree } from '../repo/patched-worktree.js';
import { loadHostileCorpus } from '../seed/corpus.js';
import { writeEntriesAsSSTables } from '../seed/entries-as-sstables.js';
import { applyGuestbookSchema, syntheticEntry } from '../seed/synthetic-entries.js';
import { signatureKey } from '../shrink/failure-signature.js';
import { shrinkFailures } from '../shrink/shrink.js';
import { connect, endpointOf, withClient } from '../snapshot/cql-client.js';

const { types } = cassandra;
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    offenders: { type: 'string', default: '3' },
    dir: { type: 'string', default: '.data/bench-shrink' },
    fresh: { type: 'boolean', default: false },
  },
});
const size = Number(values.entries);
const offenderCount = Number(values.offenders);
const home = resolve(process.env.INIT_CWD ?? process.cwd(), values.dir);
const log = (line: string) => console.error(line);
const keyspace = `entries_${size}_${offenderCount}`;

// Names whose first word starts beyond the BMP are what the patch breaks on; the noise must be innocent.
const ASTRAL_START = /(^|\s)[\u{10000}-\u{10FFFF}]/u;
// Fixed node and clock bytes: the same offenders (ids included) on every run.
const NODE = Buffer.from('bench01', 'latin1').subarray(0, 6);
const CLOCK = Buffer.from([0x81, 0x01]);
const offenders: EntryRow[] = loadHostileCorpus()
  .filter((entry) => ASTRAL_START.test(entry.name))
  .slice(0, offenderCount)
  .map((entry, i) => {
    // Spread over the year the synthetic entries cover, each in a busy day among innocent neighbours.
    const at = new Date(Date.UTC(2024, 2 + i * 3, 10, 12, 0, 0));
    return {
      id: types.TimeUuid.fromDate(at, i, NODE, CLOCK),
      day: dayOf(at),
      name: entry.name,
      message: entry.message,
    };
  });

function innocent(i: number): EntryRow {
  const row = syntheticEntry(i);
  return ASTRAL_START.test(row.name) ? { ...row, name: row.name.replace(ASTRAL_START, '$1').trim() } : row;
}

async function load(node: CassandraNode): Promise<void> {
  const endpoint = endpointOf(node);
  await applyGuestbookSchema(endpoint, keyspace);
  // The SSTables of each table are imported at the end: when the last offender is in both entry tables, an earlier
  // run loaded everything (a count(*) over a million rows times out on a busy node).
  const last = offenders.at(-1)!;
  const loaded = await withClient(
    endpoint,
    async (client) => {
      const prepare = { prepare: true };
      const byId = await client.execute('SELECT id FROM entries_by_id WHERE id = ?', [last.id], prepare);
      const byDay = await client.execute(
        'SELECT id FROM entries_by_day WHERE day = ? AND id = ?',
        [last.day, last.id],
        prepare,
      );
      return byId.rowLength > 0 && byDay.rowLength > 0;
    },
    keyspace,
  );
  if (loaded) return log(`${keyspace} already loaded`);
  const began = performance.now();
  const entry = (i: number) => (i < size ? innocent(i) : offenders[i - size]!);
  await writeEntriesAsSSTables(node, keyspace, { count: size + offenders.length, entry }, log);
  log(`loaded ${size + offenders.length} entries in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

async function storedOffenders(node: CassandraNode): Promise<StoredRow[]> {
  const client = await connect(endpointOf(node), keyspace);
  try {
    const found: StoredRow[] = [];
    for (const offender of offenders) {
      const rows = await client.execute('SELECT id, name, message FROM entries_by_day WHERE day = ?', [offender.day], {
        prepare: true,
      });
      for (const row of rows.rows) {
        const entry = { ...entryFromRow(row), day: offender.day };
        if (entry.name === offender.name) found.push(entry);
      }
    }
    return found;
  } finally {
    await client.shutdown();
  }
}

await mkdir(home, { recursive: true });
if (values.fresh) await rm(join(home, 'node'), { recursive: true, force: true });
const node = await CassandraNode.start({ directory: join(home, 'node'), clusterName: 'bench-shrink', log });
const worktree = await createPatchedWorktree({ patch: REGRESSION_PATCH, directory: join(home, 'worktree') });
try {
  await load(node);
  // What the findings of a failing replay name: the offenders, read back as the keyspace holds them.
  const named = await storedOffenders(node);
  const load1 = loadavg()[0]!.toFixed(1);
  const result = await shrinkFailures({
    source: { endpoint: endpointOf(node), keyspace },
    named,
    checkout: worktree.path,
    log,
  });
  const wanted = named.map((entry) => entry.id).sort();
  const exact = result.groups.every(
    (g) => JSON.stringify(g.entries.map((e) => e.id).sort()) === JSON.stringify(wanted),
  );
  console.log(
    `\nShrink of ${offenders.length} offenders among ${size.toLocaleString('en')} entries (load average ${load1})`,
  );
  console.log('| entries | offenders | candidates | probes | groups | exact | seconds | of which setup |');
  console.log('| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
  console.log(
    `| ${size.toLocaleString('en')} | ${offenders.length} | ${result.candidates} | ${result.probes} | ${result.groups.length} | ${exact ? 'yes' : 'NO'} | ${(result.ms / 1000).toFixed(1)} | ${(result.setupMs / 1000).toFixed(1)} |`,
  );
  for (const group of result.groups) console.log(`  ${signatureKey(group.signature)}: ${group.entries.length} entries`);
  process.exitCode = exact && result.groups.length > 0 ? 0 : 1;
} finally {
  await worktree.remove();
  await node.stop();
}
