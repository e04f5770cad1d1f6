import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time';

const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000);
// The test runs in whatever language the machine has; compare with the formatter the page uses.
const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

describe('formatRelative', () => {
  it('when an entry is seconds old, or a few seconds in the future (clock skew), then it reads as now', () => {
    expect(formatRelative(ago(10), now)).toBe(rtf.format(0, 'second'));
    expect(formatRelative(ago(-20), now)).toBe(rtf.format(0, 'second'));
  });

  it('when an entry is older, then the largest whole unit is used', () => {
    expect(formatRelative(ago(5 * 60), now)).toBe(rtf.format(-5, 'minute'));
    expect(formatRelative(ago(3 * 3600), now)).toBe(rtf.format(-3, 'hour'));
    expect(formatRelative(ago(26 * 3600), now)).toBe(rtf.format(-1, 'day'));
    expect(formatRelative(ago(15 * 24 * 3600), now)).toBe(rtf.format(-2, 'week'));
    expect(formatRelative(ago(400 * 24 * 3600), now)).toBe(rtf.format(-1, 'year'));
  });
});
