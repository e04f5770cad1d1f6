import { codePointLabel } from '../snapshot/code-point-label.js';

export { codePointLabel };

const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');

// Printable ASCII is what hand-written test data is made of; everything else is what it tends to miss.
const PLAIN_ASCII = /^[\x20-\x7E]$/;

/** The distinct code points of `text` outside printable ASCII, in order of first appearance. */
function unusualCodePoints(text: string): number[] {
  const seen = new Set<number>();
  for (const ch of text) if (!PLAIN_ASCII.test(ch)) seen.add(ch.codePointAt(0)!);
  return [...seen];
}

// ASCII that breaks code all the same: markup, quotes, escapes, statement and template delimiters.
const TRICKY_ASCII = /[<>&"'`\\;{}$%]/;
// A word this long has nowhere to wrap: it breaks layouts rather than code.
const UNBROKEN_WORD = /\S{40,}/u;

/**
 * Text hand-written test data rarely has: anything beyond printable ASCII, ASCII that markup, CQL or URLs treat
 * specially, or a word too long to wrap.
 */
export function hasUnusualCharacters(text: string): boolean {
  return unusualCodePoints(text).length > 0 || TRICKY_ASCII.test(text) || UNBROKEN_WORD.test(text);
}

/** `U+1F984 UNICORN FACE, U+200D ZERO WIDTH JOINER, … and 3 more`, or '' for plain ASCII. */
export function describeUnusual(text: string, max = 8): string {
  const cps = unusualCodePoints(text);
  const shown = cps.slice(0, max).map(codePointLabel).join(', ');
  return cps.length > max ? `${shown}, … and ${cps.length - max} more` : shown;
}

// Characters that would reorder, hide or break a terminal line or a report title if printed as they are: controls,
// format characters (bidi overrides, zero-width, BOM), line/paragraph separators, spaces other than U+0020, private
// use, unassigned and noncharacters, and lone surrogates.
// U+200D ZERO WIDTH JOINER stays: it only joins emoji into one (a family, a profession), and escaping it would split them.
const UNSAFE = /(?!\u200D)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]|(?! )\p{Zs}/u;

/**
 * Text made safe to print: unsafe characters become `⟨U+202E⟩`, and long text is cut to `max` code points. Emoji,
 * accents and scripts stay as they are, so "🦄 Luna" still reads as "🦄 Luna".
 */
export function printable(text: string, max = 48): string {
  const out: string[] = [];
  let count = 0;
  for (const ch of text) {
    if (count++ >= max) {
      out.push('…');
      break;
    }
    out.push(UNSAFE.test(ch) ? `⟨U+${hex(ch.codePointAt(0)!)}⟩` : ch);
  }
  return out.join('');
}

/**
 * How a failure names an entry: its name as printable text, its id, and the unusual code points of the name (and the
 * first few of the message), e.g. `"🦄 Luna" (entry 510f…) — name: U+1F984 UNICORN FACE; message: U+1F308 RAINBOW, …`.
 */
export function describeEntry(entry: { id: string; name: string; message: string }): string {
  const name = describeUnusual(entry.name, 6);
  const message = describeUnusual(entry.message, 3);
  const parts = [name && `name: ${name}`, message && `message: ${message}`].filter(Boolean);
  return `"${printable(entry.name)}" (entry ${entry.id})${parts.length ? ` — ${parts.join('; ')}` : ''}`;
}
