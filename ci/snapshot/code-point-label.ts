import { unicodeLabel, unicodeName } from 'unicode-name';

// Here rather than in ci/entries so that the snapshot library (the drift report) names code points the same way the
// replay's failures do; ci/entries/code-points.ts re-exports it.

const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');

/** `UNICORN FACE`, or a label such as `<noncharacter-FFFF>` for code points without a name. */
export function codePointName(cp: number): string {
  const char = String.fromCodePoint(cp);
  return unicodeName(char) ?? unicodeLabel(char) ?? '<unnamed>';
}

/** `U+1F984 UNICORN FACE`: how a failure names a character, so a reader can tell invisible ones apart. */
export function codePointLabel(cp: number): string {
  return `U+${hex(cp)} ${codePointName(cp)}`;
}
