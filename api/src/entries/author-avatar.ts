/** What an avatar may show: what `authorInitials` hands out — at most two user-perceived characters. */
const AVATAR_MAX_GRAPHEMES = 2;
const AVATAR_MAX_CODE_POINTS = 80;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Characters XML 1.0 allows in a document. Everything else (C0 controls, U+FFFE, U+FFFF, lone surrogates) would make
// the SVG ill-formed, so such text is refused rather than escaped.
const XML_CHARS = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const CONTROL = /\p{Cc}/u;

export function isDrawableInitials(text: string): boolean {
  const codePoints = [...text].length;
  return (
    text.isWellFormed() &&
    XML_CHARS.test(text) &&
    !CONTROL.test(text) &&
    codePoints >= 1 &&
    codePoints <= AVATAR_MAX_CODE_POINTS &&
    [...graphemes.segment(text)].length <= AVATAR_MAX_GRAPHEMES
  );
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A stable hue per initials, so the same author keeps the same colour on every page. */
function hueOf(text: string): number {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)!) % 360;
  return hash;
}

/**
 * A round avatar with the initials as text: no script, no external reference, nothing a Content-Security-Policy would
 * have to allow. `unicode-bidi: plaintext` lets right-to-left initials lay out by their own direction.
 */
export function renderAvatarSvg(initials: string): string {
  const text = escapeXml(initials);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${text}">`,
    `<circle cx="32" cy="32" r="32" fill="hsl(${hueOf(initials)} 45% 38%)"/>`,
    `<text x="32" y="32" dy="0.35em" text-anchor="middle" unicode-bidi="plaintext" font-family="system-ui, sans-serif" font-size="26" fill="#fff">${text}</text>`,
    '</svg>',
  ].join('');
}
