import type { Entry, StoredEntry } from './entry.js';

/** Shown when a name yields no initial a person could read (only spaces, only invisible format characters). */
export const FALLBACK_INITIALS = '?';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// A grapheme worth showing as an initial holds a letter, a digit or a symbol (emoji are symbols). Format characters on
// their own — bidi overrides and isolates, zero-width spaces, the BOM — would make an initial nobody can see.
const VISIBLE = /[\p{L}\p{N}\p{S}]/u;

function visibleGraphemes(word: string): string[] {
  return Array.from(graphemes.segment(word), (s) => s.segment).filter((g) => VISIBLE.test(g));
}

/** Upper case only when it stays one user-perceived character: 'ß' → 'SS' would turn one initial into two. */
function upper(grapheme: string): string {
  const up = grapheme.toUpperCase();
  return [...graphemes.segment(up)].length === 1 ? up : grapheme;
}

/**
 * Up to two user-perceived characters (grapheme clusters) for an avatar: the first of the first and the last word, or
 * the first two of a single word. Segmenting by grapheme keeps an emoji, a flag, a ZWJ family or a letter with its
 * combining marks whole; indexing UTF-16 units would cut a surrogate pair in half and hand out ill-formed text.
 */
export function authorInitials(name: string): string {
  const words = name
    .split(/\s+/u)
    .map(visibleGraphemes)
    .filter((w) => w.length > 0);
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return FALLBACK_INITIALS;
  const picked = words.length === 1 ? first.slice(0, 2) : [first[0]!, last[0]!];
  return picked.map(upper).join('');
}

export function avatarUrl(initials: string): string {
  return `/api/avatars/${encodeURIComponent(initials)}.svg`;
}

/**
 * The entry as the page gets it: stored fields plus what it needs to draw an avatar. Decorating is guarded per entry so
 * that one name nobody foresaw costs that entry its initials, never the whole list its answer.
 */
export function withAuthor(entry: StoredEntry, initialsOf: (name: string) => string = authorInitials): Entry {
  try {
    const initials = initialsOf(entry.name);
    return { ...entry, initials, avatarUrl: avatarUrl(initials) };
  } catch {
    return { ...entry, initials: FALLBACK_INITIALS, avatarUrl: avatarUrl(FALLBACK_INITIALS) };
  }
}
