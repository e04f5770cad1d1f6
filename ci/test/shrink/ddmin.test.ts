import { describe, expect, it } from 'vitest';
import { ddmin, isolateCauses } from '../../shrink/ddmin.js';

const items = Array.from({ length: 40 }, (_, i) => i);
/** A failure that needs every one of `needed` in the set, counting how often it was asked. */
const needs = (...needed: number[]) => {
  const asked: number[][] = [];
  const stillFails = async (subset: readonly number[]) => {
    asked.push([...subset]);
    return needed.every((n) => subset.includes(n));
  };
  return { stillFails, asked };
};

describe('ddmin', () => {
  it('when one item causes the failure, then it alone is returned, in far fewer probes than items', async () => {
    const { stillFails, asked } = needs(27);

    expect(await ddmin(items, stillFails)).toEqual([27]);
    expect(asked.length).toBeLessThan(items.length / 2);
  });

  it('when the failure needs two items far apart together, then both and nothing else are returned', async () => {
    expect((await ddmin(items, needs(3, 35).stillFails)).sort((a, b) => a - b)).toEqual([3, 35]);
  });
});

describe('isolateCauses', () => {
  it('when three items each cause the failure on their own, then three causes of one item come back', async () => {
    const stillFails = async (subset: readonly number[]) => [5, 17, 33].some((n) => subset.includes(n));

    const causes = await isolateCauses(items, stillFails);

    expect(causes.map((c) => c.length)).toEqual([1, 1, 1]);
    expect(causes.flat().sort((a, b) => a - b)).toEqual([5, 17, 33]);
  });

  it('when the items do not fail at all, then there is no cause', async () => {
    expect(await isolateCauses(items, async () => false)).toEqual([]);
  });
});
