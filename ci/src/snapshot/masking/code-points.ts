/** The code points of a string; a lone surrogate counts as one code point of its own, as in `[...text]`. */
export function codePointsOf(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        out.push(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(unit);
  }
  return out;
}

const CHUNK = 8192;

/** The inverse of codePointsOf, lone surrogates included (String.fromCodePoint keeps them). */
export function textOf(codePoints: number[], from = 0, to = codePoints.length): string {
  if (to - from <= CHUNK) return String.fromCodePoint(...codePoints.slice(from, to));
  let out = '';
  for (let at = from; at < to; at += CHUNK) {
    out += String.fromCodePoint(...codePoints.slice(at, Math.min(at + CHUNK, to)));
  }
  return out;
}
