import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { entryRowAt, entryWrites } from '@guestbook/api';
import { CassandraNode } from '@guestbook/cassandra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, endpointOf, type CqlEndpoint } from '../../snapshot/cql-client.js';
import { takeSnapshot, verifySnapshot, type TakenSnapshot } from '../../snapshot/index.js';
import { PROFILE_FILE, readProfile } from '../../snapshot/profile/snapshot-profile.js';
import { applyGuestbookSchema, writeSyntheticEntries } from '../../seed/synthetic-entries.js';

const KS = 'guestbook';
const CLI = join(import.meta.dirname, '..', '..', 'snapshot', 'cli.ts');
let home: string;
let production: CassandraNode;
let endpoint: CqlEndpoint;
const snapshots: TakenSnapshot[] = [];

async function sign(entries: { name: string; message: string }[]): Promise<void> {
  const client = await connect(endpoint, KS);
  try {
    for (const [i, entry] of entries.entries()) {
      for (const { query, params } of entryWrites(entryRowAt(entry, new Date(Date.UTC(2026, 11, 1, 12, 0, i)))))
        await client.execute(query, params, { prepare: true });
    }
  } finally {
    await client.shutdown();
  }
}

const take = async (masking?: { key: string }) => {
  const taken = await takeSnapshot({
    kind: 'logical',
    keyspace: KS,
    root: join(home, 'artifacts'),
    nodes: [production],
    ...(masking ? { masking } : {}),
  });
  snapshots.push(taken);
  return taken;
};

/** The drift command as the data-change pipeline runs it: its output and exit code. */
async function driftCommand(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, 'drift', ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'drift-'));
  production = await CassandraNode.start({ directory: join(home, 'production'), clusterName: 'production' });
  endpoint = endpointOf(production);
  await applyGuestbookSchema(endpoint, KS);
  await writeSyntheticEntries(endpoint, KS, { from: 0, to: 300 });
});

afterAll(async () => {
  await production?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('snapshot drift on real Cassandra', () => {
  it('when nothing changed between two logical takes, then the drift says "no new shapes" and exits 0', async () => {
    const [first, second] = [await take(), await take()];
    expect(first.manifest.files.map((f) => f.path)).toContain(PROFILE_FILE);
    await verifySnapshot(second.directory);
    const run = await driftCommand(first.directory, second.directory, '--fail-on-new');
    expect(run).toEqual({ code: 0, stdout: expect.stringContaining('no new shapes') });
  });

  it('when Telugu names and a ZWJ family are signed between takes, then the drift names them, in every format', async () => {
    const before = snapshots.at(-1)!;
    await sign([
      { name: 'సాయి కిరణ్', message: 'నమస్కారం!' },
      { name: 'రవి', message: 'hello' },
      { name: `Zoë ${'👩\u200d👩\u200d👧\u200d👦'} and a name much longer than any before`, message: 'family trip' },
    ]);
    const after = await take();

    const text = await driftCommand(before.directory, after.directory);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('name (entries_by_day.name, entries_by_id.name):');
    // First seen is the cells' write time: when they were signed, now.
    const today = new Date().toISOString().slice(0, 10);
    expect(text.stdout).toContain(`first entries in Telugu script: 2 (first written ${today} `);
    expect(text.stdout).toContain('first ZWJ emoji 👩‍👩‍👧‍👦 (WOMAN, WOMAN, GIRL, BOY): 1');
    expect(text.stdout).toMatch(/longest name grew from \d+ to 44 graphemes/);
    expect(text.stdout).toContain('message (entries_by_day.message, entries_by_id.message):');

    expect(await driftCommand(before.directory, after.directory, '--fail-on-new')).toMatchObject({ code: 1 });
    const markdown = await driftCommand(before.directory, after.directory, '--format', 'markdown');
    expect(markdown.stdout).toContain('- first entries in Telugu script: 2');
    const json = JSON.parse((await driftCommand(before.directory, after.directory, '--format', 'json')).stdout);
    expect(json).toMatchObject({ new: true });
    expect(json.findings).toContainEqual(
      expect.objectContaining({ column: 'entries_by_id.name', kind: 'script', key: 'Telugu', values: 2 }),
    );
  });

  it('when the take masks, then its profile holds the same shapes as the unmasked take of the same data', async () => {
    const unmasked = snapshots.at(-1)!;
    const masked = await take({ key: 'drift-test-masking-key-0001' });
    expect(await driftCommand(unmasked.directory, masked.directory, '--fail-on-new')).toMatchObject({ code: 0 });
    expect(await driftCommand(masked.directory, unmasked.directory, '--fail-on-new')).toMatchObject({ code: 0 });
    const [before, after] = await Promise.all([readProfile(unmasked.directory), readProfile(masked.directory)]);
    expect(after.columns['entries_by_id.name']!.graphemes).toEqual(before.columns['entries_by_id.name']!.graphemes);
    expect(Object.keys(after.columns['entries_by_id.name']!.scripts)).toContain('Telugu');
  });

  it('when the format is unknown or a profile is missing, then it says what to do and exits 2 or 1', async () => {
    const [a, b] = snapshots;
    expect(await driftCommand(a!.directory, b!.directory, '--format', 'yaml')).toMatchObject({ code: 2 });
    const missing = await driftCommand(a!.directory, join(home, 'nowhere'));
    expect(missing.code).toBe(1);
  });
});
