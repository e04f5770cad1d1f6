import { describe, expect, it } from 'vitest';
import type { ColumnManifest } from '../../snapshot/artifact/manifest.js';
import { loadHostileCorpus } from '../../seed/corpus.js';
import { syntheticEntry } from '../../seed/synthetic-entries.js';
import { ProfileThread } from '../../snapshot/profile/profile-thread.js';
import { TextColumnProfiler } from '../../snapshot/profile/text-column-profiler.js';
import { unicodeTables } from '../../snapshot/profile/unicode-tables.js';

const column = (name: string, type: string, kind: ColumnManifest['kind'], position = -1): ColumnManifest => ({
  name,
  type,
  kind,
  position,
  clusteringOrder: 'none',
});
const entriesById = {
  name: 'entries_by_id',
  columns: [
    column('id', 'timeuuid', 'partition_key', 0),
    column('day', 'date', 'regular'),
    column('message', 'text', 'regular'),
    column('name', 'text', 'regular'),
  ],
};

/** Row lines as a logical take writes them: the key, then [value, writetime, expiresAt] per cell column, by name. */
function rowLines(count: number): unknown[][] {
  const corpus = loadHostileCorpus();
  return Array.from({ length: count }, (_, i) => {
    const entry = i % 100 === 0 ? corpus[(i / 100) % corpus.length]! : syntheticEntry(i);
    const written = String(1_764_000_000_000_000 + i);
    return [
      `id-${i}`,
      ['2025-01-01', written, null],
      [entry.message, written, null],
      i % 7 === 0 ? null : [entry.name, written, null],
    ];
  });
}

function profiledInLine(lines: unknown[][], unicode: Awaited<ReturnType<typeof unicodeTables>>) {
  const messages = new TextColumnProfiler(unicode, 'entries_by_id', 'message');
  const names = new TextColumnProfiler(unicode, 'entries_by_id', 'name');
  for (const line of lines) {
    for (const [at, profiler] of [
      [2, messages],
      [3, names],
    ] as const) {
      const cell = line[at] as [string, string] | null;
      if (cell) profiler.add(cell[0], Number(cell[1]));
    }
  }
  return [messages.toJSON(), names.toJSON()];
}

describe('the drift profile on its own thread', () => {
  it('when four scan lanes send pages at once, then every column profile equals the one computed in line', async () => {
    // 60,000 rows, two text cells each: many batches, more than the thread may hold at once, so lanes wait in turn.
    const lines = rowLines(60_000);
    const thread = await ProfileThread.start([entriesById]);
    const observer = thread.observerFor(entriesById)!;
    const lane = async (lane: number) => {
      for (let page = lane * 1000; page < lines.length; page += 4000) {
        for (const line of lines.slice(page, page + 1000)) observer.row(line);
        await observer.pageDone();
      }
    };
    await Promise.all([0, 1, 2, 3].map(lane));
    const profiles = await thread.finish();

    expect(profiles.map((p) => `${p.table}.${p.column}`)).toEqual(['entries_by_id.message', 'entries_by_id.name']);
    expect(profiles[0]!.values).toBe(60_000);
    expect(profiles[1]!.values).toBe(60_000 - Math.ceil(60_000 / 7));
    expect(profiles).toEqual(profiledInLine(lines, await unicodeTables()));
  });

  it('when a table has no text cell, then it gets no observer, and the thread still finishes', async () => {
    const counters = {
      name: 'counters',
      columns: [column('id', 'int', 'partition_key', 0), column('n', 'bigint', 'regular')],
    };
    const thread = await ProfileThread.start([counters]);
    expect(thread.observerFor(counters)).toBeUndefined();
    expect(await thread.finish()).toEqual([]);
  });

  it('when the take stops half-way, then closing the thread ends it and a later finish says the thread is gone', async () => {
    const thread = await ProfileThread.start([entriesById]);
    const observer = thread.observerFor(entriesById)!;
    for (const line of rowLines(10_000)) observer.row(line);
    await thread.close();
    await expect(thread.finish()).rejects.toThrow(/drift profile's thread failed/);
  });
});
