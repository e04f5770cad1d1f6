import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMasker } from '../../snapshot/masking/index.js';

interface Reference {
  key: string;
  fingerprint: string;
  pairs: [value: string, masked: string][];
}

// Recorded before the masker was made faster: any change of output, however small, changes what a key masks to.
const reference = JSON.parse(
  readFileSync(new URL('./support/masker-reference.json', import.meta.url), 'utf8'),
) as Reference;

describe('masker outputs recorded under a fixed key', () => {
  it('when the recorded values are masked, then each comes out byte for byte as recorded', () => {
    const masker = createMasker({ key: reference.key });
    expect(masker.fingerprint).toBe(reference.fingerprint);
    const differing = reference.pairs.filter(([value, masked]) => masker.maskText(value) !== masked);
    expect(differing.map(([value]) => JSON.stringify(value))).toEqual([]);
    expect(reference.pairs.length).toBeGreaterThan(400);
  });

  it('when the same values are masked again (from the recent-values memo), then they still come out as recorded', () => {
    const masker = createMasker({ key: reference.key });
    for (const [value] of reference.pairs) masker.maskText(value);
    const differing = reference.pairs.filter(([value, masked]) => masker.maskText(value) !== masked);
    expect(differing.map(([value]) => JSON.stringify(value))).toEqual([]);
  });
});
