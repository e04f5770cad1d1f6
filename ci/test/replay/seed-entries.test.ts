import { describe, expect, it } from 'vitest';
import { interleave, ordinaryEntries } from '../../seed/ordinary-entries.js';

describe('ordinaryEntries', () => {
  it('when asked twice with the same seed, then it signs the same book', () => {
    expect(ordinaryEntries(30, 7)).toEqual(ordinaryEntries(30, 7));
    expect(ordinaryEntries(30, 7)).not.toEqual(ordinaryEntries(30, 8));
  });

  it('when generated, then every name and message is within the API limits', () => {
    for (const { name, message } of ordinaryEntries(200)) {
      expect([...name].length).toBeLessThanOrEqual(80);
      expect([...message].length).toBeLessThanOrEqual(2000);
    }
  });
});

describe('interleave', () => {
  it('when rare entries join common ones, then they are spread out and none is lost', () => {
    expect(interleave([1, 2, 3, 4, 5, 6], [100, 200])).toEqual([1, 2, 3, 100, 4, 5, 6, 200]);
    expect(interleave([1], [100, 200, 300])).toEqual([1, 100, 200, 300]);
    expect(interleave([1, 2], [])).toEqual([1, 2]);
  });
});
