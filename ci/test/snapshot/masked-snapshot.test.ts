import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CassandraNode } from '@guestbook/cassandra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, withClient, type CqlEndpoint } from '../../snapshot/cql-client.js';
import {
  maskExistingCopy,
  restoreSnapshot,
  SnapshotError,
  takeSnapshot,
  verifySnapshot,
} from '../../snapshot/index.js';
import type { TakenSnapshot } from '../../snapshot/index.js';
import { createMasker, loadMaskingPolicy } from '../../snapshot/masking/index.js';
import { endpointOf, startNodes } from './fixtures.js';
import {
  filesUnder,
  grepBytes,
  nameWords,
  PRODUCTION_ENTRIES,
  STRUCTURAL_WORDS,
  withoutUnicodeVocabulary,
  seedProductionEntries,
  ttlOf,
  writeTimeOf,
} from './production-names.js';

// Masked snapshots on real nodes: the logical take masks at the source, a physical copy is masked in place, and
// neither leaves the production names in the artifact or in the copy's files.
const KS = 'guestbook';
const KEY = 'masked-snapshot-test-key-0001';
const masker = createMasker({ key: KEY });
let home: string;
let production: CassandraNode;
let ci: CassandraNode;
let masked: TakenSnapshot;
let unmasked: TakenSnapshot;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'masked-snapshot-'));
  ({ production, ci } = await startNodes(home));
  await seedProductionEntries(endpointOf(production), KS);
  // Before the first flush: uncompressed SSTables hold each text's bytes as they are, so a grep of the files finds
  // every raw name that is there (with LZ4, a third of them hide in back-references).
  await connect(endpointOf(production), KS).then(async (client) => {
    for (const table of ['entries_by_day', 'entries_by_id', 'entry_days'])
      await client.execute(`ALTER TABLE ${table} WITH compression = {'enabled': 'false'}`);
    await client.shutdown();
  });
  const common = { keyspace: KS, root: join(home, 'artifacts'), nodes: [production] };
  masked = await takeSnapshot({ ...common, kind: 'logical', masking: { key: KEY } });
  unmasked = await takeSnapshot({ ...common, kind: 'logical' });
});

afterAll(async () => {
  await Promise.all([production?.stop(), ci?.stop()]);
  await rm(home, { recursive: true, force: true });
});

interface StoredEntry {
  name: string;
  message: string;
  nameWritten: string;
  nameTtl: number | null;
}

/** entries_by_id by id: each text with its write time and TTL. */
async function readEntries(endpoint: CqlEndpoint, keyspace: string): Promise<Map<string, StoredEntry>> {
  const client = await connect(endpoint, keyspace);
  try {
    const result = await client.execute(
      'SELECT id, name, message, WRITETIME(name) AS written, TTL(name) AS ttl FROM entries_by_id',
      [],
      { fetchSize: 10_000 },
    );
    return new Map(
      result.rows.map((r) => [
        String(r.get('id')),
        {
          name: r.get('name'),
          message: r.get('message'),
          nameWritten: String(r.get('written')),
          nameTtl: r.get('ttl'),
        },
      ]),
    );
  } finally {
    await client.shutdown();
  }
}

/** The copy holds every production entry masked, with the original write time and a TTL that ends when it did. */
async function expectMaskedCopyOf(copyKeyspace: string): Promise<void> {
  const original = await readEntries(endpointOf(production), KS);
  const copy = await readEntries(endpointOf(ci), copyKeyspace);
  expect(copy.size).toBe(PRODUCTION_ENTRIES.length);
  for (const [id, entry] of original) {
    const restored = copy.get(id)!;
    expect(restored.name, id).toBe(masker.maskText(entry.name));
    expect(restored.message, id).toBe(masker.maskText(entry.message));
    expect(restored.nameWritten, id).toBe(entry.nameWritten);
    if (entry.nameTtl === null) expect(restored.nameTtl).toBeNull();
    else expect(Math.abs(restored.nameTtl! - entry.nameTtl)).toBeLessThanOrEqual(5);
  }
  const withTtl = [...original.values()].filter((e) => e.nameTtl !== null).length;
  expect(withTtl).toBe(PRODUCTION_ENTRIES.filter((_, i) => ttlOf(i)).length);
  expect(new Set([...original.values()].map((e) => e.nameWritten))).toContain(String(writeTimeOf(1)));
}

describe('a logical take with a masking key', () => {
  it('when taken, then the manifest records the policy, the key fingerprint and every column, never the key', async () => {
    const policy = loadMaskingPolicy();
    expect(masked.manifest.masking).toEqual({
      state: 'masked',
      algorithm: 'shape-v1',
      keyFingerprint: masker.fingerprint,
      policy: { name: 'masking-policy.yaml', sha256: policy.digest },
      columns: {
        entries_by_day: { day: 'keep', id: 'keep', name: 'shape', message: 'shape' },
        entries_by_id: { id: 'keep', day: 'keep', name: 'shape', message: 'shape' },
        entry_days: { shard: 'keep', day: 'keep' },
      },
    });
    const files = await filesUnder(masked.directory);
    expect(grepBytes(files, [KEY])).toEqual(new Map());
  });

  it("when every file of the artifact is grepped for the production names' words, then none is found", async () => {
    const files = await Promise.all((await filesUnder(masked.directory)).map(withoutUnicodeVocabulary));
    const words = nameWords(3).filter((w) => !STRUCTURAL_WORDS.includes(w));
    expect(nameWords(3)).toEqual(expect.arrayContaining(STRUCTURAL_WORDS));
    expect(words.length).toBeGreaterThan(50);
    expect(grepBytes(files, words)).toEqual(new Map());
    // The same grep finds them in the artifact taken with --unmasked: the grep can fail.
    expect(grepBytes(await filesUnder(unmasked.directory), words).size).toBe(words.length);
  });

  it('when verified and restored, then the copy holds the masked text with the original write times and TTLs', async () => {
    await verifySnapshot(masked.directory);
    const copy = await restoreSnapshot({
      artifact: masked.directory,
      keyspace: 'logical_masked',
      target: { node: ci },
    });

    expect(copy.masking).toEqual(masked.manifest.masking);
    await expectMaskedCopyOf('logical_masked');
  });

  it('when the keyspace has a column the policy does not name, then the take fails naming it and leaves nothing', async () => {
    const client = await connect(endpointOf(production));
    try {
      await client.execute('CREATE TABLE guestbook.entries_by_id_extra (id int PRIMARY KEY, score int)');
      const root = join(home, 'refused');
      await expect(
        takeSnapshot({ keyspace: KS, root, nodes: [production], kind: 'logical', masking: { key: KEY } }),
      ).rejects.toThrow(/Table entries_by_id_extra is not in the masking policy/);
      await client.execute('DROP TABLE guestbook.entries_by_id_extra');
      await client.execute('ALTER TABLE guestbook.entries_by_id ADD score int');
      await expect(
        takeSnapshot({ keyspace: KS, root, nodes: [production], kind: 'logical', masking: { key: KEY } }),
      ).rejects.toThrow(
        new SnapshotError(
          `Masking cannot start: Table entries_by_id, column score (int) has no masking rule in ${loadMaskingPolicy().source}: name it under tables.entries_by_id as keep or shape`,
        ),
      );
      expect(await readdir(root).catch(() => [])).toEqual([]);
    } finally {
      await client.execute('ALTER TABLE guestbook.entries_by_id DROP score').catch(() => {});
      await client.shutdown();
    }
  });
});

describe('a logical take with --unmasked', () => {
  it('when taken, then the manifest says so loudly, and it verifies and restores as it is', async () => {
    expect(unmasked.manifest.masking).toEqual({ state: 'unmasked', warning: expect.stringMatching(/^UNMASKED: /) });
    await verifySnapshot(unmasked.directory);
    const copy = await restoreSnapshot({ artifact: unmasked.directory, keyspace: 'logical_raw', target: { node: ci } });

    expect(copy.masking.state).toBe('unmasked');
    const restored = await readEntries(endpointOf(ci), 'logical_raw');
    expect([...restored.values()].map((e) => e.name).sort()).toEqual(PRODUCTION_ENTRIES.map((e) => e.name).sort());
    await copy.stop();
  });
});

describe('a copy that already exists (a cloned volume)', () => {
  it('when masked in place with the key, then it reads as a masked restore would, write times and TTLs kept', async () => {
    // Restored unmasked here; a cloned volume holds the same: production's rows as they are.
    await restoreSnapshot({ artifact: unmasked.directory, keyspace: 'existing_copy', target: { node: ci } });

    const record = await withClient(endpointOf(ci), (client) =>
      maskExistingCopy({ client, keyspace: 'existing_copy', masking: { key: KEY }, node: ci }),
    );

    expect(record).toEqual(masked.manifest.masking);
    await expectMaskedCopyOf('existing_copy');
    await withClient(endpointOf(ci), (c) => c.execute('DROP KEYSPACE existing_copy', [], { readTimeout: 120_000 }));
  });
});

describe('a physical restore masked in place', () => {
  it('when restored with the key, then the copy is masked, keeps write times and TTLs, and no file of its node holds a production name', async () => {
    const physical = await takeSnapshot({
      keyspace: KS,
      root: join(home, 'artifacts'),
      nodes: [production],
      kind: 'physical',
    });
    expect(physical.manifest.masking?.state).toBe('unmasked');
    const names = PRODUCTION_ENTRIES.map((e) => e.name);
    const needles = [...new Set([...names, ...nameWords(4)])].filter((w) => !STRUCTURAL_WORDS.includes(w));

    // Control: restored without the key, the raw names are in the copy's SSTables, so the scan below can fail.
    await restoreSnapshot({ artifact: physical.directory, keyspace: 'physical_raw', target: { node: ci } });
    await ci.nodetool('flush', '--', 'physical_raw');
    const rawHits = grepBytes(await filesUnder(join(ci.dataDirectory, 'physical_raw')), needles);
    expect([...rawHits.keys()].sort()).toEqual(needles.sort());
    await connect(endpointOf(ci)).then(async (c) => {
      await c.execute('DROP KEYSPACE physical_raw', [], { readTimeout: 120_000 });
      await c.shutdown();
    });

    const copy = await restoreSnapshot({
      artifact: physical.directory,
      keyspace: 'physical_masked',
      target: { node: ci },
      masking: { key: KEY },
    });
    expect(copy.masking).toEqual(masked.manifest.masking);
    await expectMaskedCopyOf('physical_masked');

    await ci.nodetool('flush');
    const everyFile = await filesUnder(ci.directory);
    expect(everyFile.filter((f) => f.path.includes('physical_masked')).length).toBeGreaterThan(0);
    expect(grepBytes(everyFile, needles)).toEqual(new Map());
  });

  it('when a physical take is asked to mask, then it refuses and says what to do instead', async () => {
    await expect(
      takeSnapshot({
        keyspace: KS,
        root: join(home, 'refused'),
        nodes: [production],
        kind: 'physical',
        masking: { key: KEY },
      }),
    ).rejects.toThrow(/cannot mask them: take a logical snapshot/);
  });
});
