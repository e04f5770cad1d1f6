/** The code point starting at UTF-16 index `at`; a lone surrogate is returned as itself. */
export function codePointAt(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  if (unit >= 0xd800 && unit <= 0xdbff && at + 1 < text.length) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return unit;
}

const CHUNK = 4096;
// ignoreBOM keeps a leading U+FEFF in the text instead of swallowing it as a byte order mark.
const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * A reusable UTF-16 buffer for building a text of known length: the masked text has exactly the original's units.
 * Reused across calls, so masking a value allocates little more than its result.
 */
export class Utf16Buffer {
  private units = new Uint16Array(256);

  /** Starts over with a copy of `text`. */
  load(text: string): void {
    if (this.units.length < text.length) this.units = new Uint16Array(Math.max(text.length, this.units.length * 2));
    for (let i = 0; i < text.length; i++) this.units[i] = text.charCodeAt(i);
  }

  /** Writes a code point at UTF-16 index `at` (two units beyond the BMP). */
  put(at: number, cp: number): void {
    if (cp > 0xffff) {
      this.units[at] = 0xd800 + ((cp - 0x10000) >> 10);
      this.units[at + 1] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    } else {
      this.units[at] = cp;
    }
  }

  /** The text of units [from, to). TextDecoder is the fast way, but it would replace lone surrogates: not for those. */
  text(from: number, to: number, wellFormed: boolean): string {
    if (wellFormed) return decoder.decode(this.units.subarray(from, to));
    let out = '';
    for (let at = from; at < to; at += CHUNK) {
      out += String.fromCharCode.apply(null, Array.from(this.units.subarray(at, Math.min(at + CHUNK, to))));
    }
    return out;
  }
}
