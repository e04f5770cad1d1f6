import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGRESSION_PATCH } from '../../repo/paths.js';
import { patchApplies } from '../../repo/patched-worktree.js';

describe('ci/regressions/001-author-initials-utf16.patch', () => {
  it('when checked against HEAD, then git apply accepts it (the demo and the replay tests can apply it)', async () => {
    const { applies, output } = await patchApplies(REGRESSION_PATCH);

    expect(output).toBe('');
    expect(applies).toBe(true);
  });

  it('when read, then it takes initials by UTF-16 index and drops the guard per entry', () => {
    const patch = readFileSync(REGRESSION_PATCH, 'utf8');

    expect(patch).toContain(
      '+  const initials = words.length > 1 ? first.charAt(0) + last.charAt(0) : first.slice(0, 2);',
    );
    expect(patch).toMatch(/^-\s+} catch \{$/m);
    expect(patch).toContain('deleted file mode 100644');
  });
});
