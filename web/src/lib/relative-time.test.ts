import { describe, expect, it } from 'vitest';
import { pageLanguage } from './page-language';
import { formatExact, formatRelative } from './relative-time';

const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000);

describe('formatRelative', () => {
  it('when an entry is seconds old, or a few seconds in the future (clock skew), then it reads as now', () => {
    expect(formatRelative(ago(10), now, 'en')).toBe('now');
    expect(formatRelative(ago(-20), now, 'en')).toBe('now');
  });

  it('when an entry is older, then the largest whole unit is used', () => {
    expect(formatRelative(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(formatRelative(ago(26 * 3600), now, 'en')).toBe('yesterday');
    expect(formatRelative(ago(15 * 24 * 3600), now, 'en')).toBe('2 weeks ago');
    expect(formatRelative(ago(400 * 24 * 3600), now, 'en')).toBe('last year');
  });

  it('when the page is in another language, then the time is written in that language', () => {
    expect(formatRelative(ago(5 * 60), now, 'de')).toBe('vor 5 Minuten');
  });
});

describe('formatExact', () => {
  it('when the page is English, then weekday and month are English whatever the machine speaks', () => {
    // Noon UTC is 10 or 11 March in every time zone the machine may have.
    expect(formatExact(new Date(now), 'en')).toMatch(/^(Tuesday, March 10|Wednesday, March 11), 2026 at /);
  });
});

describe('pageLanguage', () => {
  it('when <html lang> names a language, then that language is used, in canonical form', () => {
    expect(pageLanguage({ lang: 'de-de' })).toBe('de-DE');
  });

  it('when <html lang> is empty, missing or not a language tag, then the page falls back to English', () => {
    expect(pageLanguage({ lang: '' })).toBe('en');
    expect(pageLanguage(undefined)).toBe('en');
    expect(pageLanguage({ lang: 'not a language' })).toBe('en');
  });
});
