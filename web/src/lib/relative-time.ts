import { pageLanguage } from './page-language';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Formatters are costly to build and a list formats every entry on each tick: one pair per language.
const formatters = new Map<string, { relative: Intl.RelativeTimeFormat; exact: Intl.DateTimeFormat }>();

function formattersFor(language: string) {
  let found = formatters.get(language);
  if (!found) {
    found = {
      relative: new Intl.RelativeTimeFormat(language, { numeric: 'auto' }),
      exact: new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'long' }),
    };
    formatters.set(language, found);
  }
  return found;
}

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago" — in the page's language. */
export function formatRelative(date: Date, now: number = Date.now(), language: string = pageLanguage()): string {
  const { relative } = formattersFor(language);
  const seconds = Math.round((date.getTime() - now) / 1000);
  // Clocks disagree by a few seconds; a fresh entry must not read "in 2 seconds".
  if (Math.abs(seconds) < 45) return relative.format(0, 'second');
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), 'minute');
}

/** The full date and time with the reader's time zone, in the page's language, for the tooltip. */
export function formatExact(date: Date, language: string = pageLanguage()): string {
  return formattersFor(language).exact.format(date);
}
