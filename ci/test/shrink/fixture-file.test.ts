import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixtureError, readRegressionFixture, readRegressionFixtures } from '../../seed/regression-fixtures.js';
import { writeFixtures } from '../../shrink/fixture-writer.js';
import type { ShrunkGroup } from '../../shrink/shrink.js';
import { createMasker } from '../../snapshot/masking/index.js';

const dir = mkdtempSync(join(tmpdir(), 'guestbook-fixture-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unicorn = {
  id: '5a0f6a40-0000-11f0-8000-000000000000',
  day: '2025-03-10',
  createdAt: '2025-03-10T12:00:00.000Z',
  name: '🦄 Luna',
  message: 'Came for the talk 🌈',
};
const group: ShrunkGroup = {
  signature: { check: 'GET /api/entries', status: 500, code: 'internal', errorClass: 'URIError' },
  example: 'GET /api/entries?limit=1 answered 500',
  causes: [[unicorn]],
  entries: [unicorn],
};

describe('regression fixture files', () => {
  it('when written without a key and read back, then the entry is as stored with its code points described', () => {
    const [file] = writeFixtures(join(dir, 'plain'), [group], { shrunkFrom: 11 });
    const fixture = readRegressionFixture(file!);

    expect(fixture.header).toMatchObject({ signature: group.signature, causes: 1, masking: null, shrunkFrom: 11 });
    expect(fixture.entries).toEqual([
      {
        ...unicorn,
        cause: 0,
        codePoints: { name: 'U+1F984 UNICORN FACE', message: 'U+1F308 RAINBOW' },
      },
    ]);
  });

  it('when written with a masking key, then letters change, the emoji, lengths, id and time stay', () => {
    const masker = createMasker({ key: 'a test key of sixteen bytes or more' });
    const [file] = writeFixtures(join(dir, 'masked'), [group], { shrunkFrom: 11, masker });
    const [entry] = readRegressionFixture(file!).entries;

    expect(readRegressionFixture(file!).header.masking).toBe(masker.fingerprint);
    expect(entry!.name).not.toBe(unicorn.name);
    expect(entry!.name).toMatch(/^🦄 \p{Lu}\p{Ll}{3}$/u);
    expect([...entry!.message].length).toBe([...unicorn.message].length);
    expect(entry!.codePoints.name).toBe('U+1F984 UNICORN FACE');
    expect({ id: entry!.id, createdAt: entry!.createdAt }).toEqual({ id: unicorn.id, createdAt: unicorn.createdAt });
  });

  it('when a line is not a fixture entry, then reading names the file, the line and what to do', () => {
    const broken = join(dir, 'broken');
    writeFixtures(broken, [group], { shrunkFrom: 1 });
    writeFileSync(join(broken, 'zz-bad.jsonl'), '{"fixture":"guestbook-regression/1"}\n{"id":1}\n');

    expect(() => readRegressionFixtures(broken)).toThrow(FixtureError);
    expect(() => readRegressionFixtures(broken)).toThrow(/zz-bad\.jsonl line 1: signature .*npm run shrink/);
  });
});
