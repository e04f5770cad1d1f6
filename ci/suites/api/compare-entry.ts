import { codePointLabel } from '../../entries/code-points.js';
import type { StoredEntry } from '@guestbook/api';

const FIELDS = ['id', 'name', 'message', 'createdAt'] as const;

/** Where two texts first differ, by code point, named: the difference a byte-for-byte comparison found. */
function firstDifference(actual: string, expected: string): string {
  const a = [...actual];
  const e = [...expected];
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] === e[i]) continue;
    const label = (ch: string | undefined) => (ch === undefined ? 'nothing' : codePointLabel(ch.codePointAt(0)!));
    return `at code point ${i}: the API has ${label(a[i])}, the keyspace ${label(e[i])}`;
  }
  return 'in UTF-16 code units only';
}

/**
 * Problems of one entry the API returned, against the stored row: each of id, name, message and createdAt must be
 * exactly what the keyspace holds. Other fields (initials, avatarUrl, ...) are the API's to add.
 */
export function compareEntry(actual: unknown, stored: StoredEntry): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
    return [`is not a JSON object: ${JSON.stringify(actual)}`];
  const record = actual as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of FIELDS) {
    const value = record[field];
    if (typeof value !== 'string')
      problems.push(`${field} is ${value === undefined ? 'missing' : `not a string (${JSON.stringify(value)})`}`);
    // Equal strings are equal UTF-8 bytes: the strict decoder has already refused any body that was not valid UTF-8.
    else if (value !== stored[field])
      problems.push(`${field} differs from the stored row ${firstDifference(value, stored[field])}`);
  }
  return problems;
}
