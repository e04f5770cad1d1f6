/** Kinds of multi-code-point emoji, each a shape naive code tends to split, count or reverse wrongly. */
export type EmojiKind = 'zwj' | 'flag' | 'keycap' | 'skin-tone' | 'tag';

const REGIONAL_INDICATOR_PAIR = /\p{Regional_Indicator}{2}/u;
const SKIN_TONE = /\p{Emoji_Modifier}/u;
const TAG = /[\u{E0020}-\u{E007F}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * The kinds one grapheme cluster is, most specific first: 🏴󠁧󠁢󠁳󠁣󠁴󠁿 is a tag sequence, 🇺🇦 a flag, 1️⃣ a keycap,
 * 👩🏽‍💻 both a ZWJ sequence and a skin tone. Empty for anything else, a lone emoji included.
 */
export function emojiKinds(grapheme: string): EmojiKind[] {
  const kinds: EmojiKind[] = [];
  if (TAG.test(grapheme) && PICTOGRAPH.test(grapheme)) kinds.push('tag');
  if (REGIONAL_INDICATOR_PAIR.test(grapheme)) kinds.push('flag');
  if (grapheme.includes('\u20E3')) kinds.push('keycap');
  if (grapheme.includes('\u200D') && PICTOGRAPH.test(grapheme)) kinds.push('zwj');
  if (SKIN_TONE.test(grapheme)) kinds.push('skin-tone');
  return kinds;
}
