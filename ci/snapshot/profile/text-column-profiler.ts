import { emojiKinds, type EmojiKind } from './emoji-sequences.js';
import { LengthHistogram, type HistogramSummary } from './length-histogram.js';
import { featureJson, SeenFeatures, type SeenFeatureJson } from './seen-features.js';
import { CodePointFlag, type UnicodeTables } from './unicode-tables.js';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const NORMALIZATION_FORMS = ['NFC', 'NFD', 'NFKC', 'NFKD'] as const;
/** Below U+00A0 every character is its own normal form in all four forms. */
const FIRST_NORMALIZING = 0xa0;
/** Distinct emoji sequences kept per column; beyond, they are only counted. Keeps memory bounded on any data. */
export const MAX_SEQUENCES = 500;

export interface ColumnProfile {
  table: string;
  column: string;
  values: number;
  graphemes: HistogramSummary;
  utf8Bytes: HistogramSummary;
  scripts: Record<string, SeenFeatureJson>;
  categories: Record<string, SeenFeatureJson>;
  /** Format, bidi-control and other invisible characters, by `U+XXXX`. */
  invisibles: Record<string, SeenFeatureJson & { bidi: boolean }>;
  emoji: Record<string, SeenFeatureJson>;
  /** Distinct emoji sequences with their kind (the first of emojiKinds), up to MAX_SEQUENCES. */
  sequences: Record<string, SeenFeatureJson & { kind: EmojiKind }>;
  sequencesNotKept: number;
  /** Values not in a normalization form, by `not-NFC` ... `not-NFKD`. */
  normalization: Record<string, SeenFeatureJson>;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The shape of one text column, value by value in one pass: scripts, general categories, invisible characters, emoji
 * sequences, normalization forms, each with how many values hold it and the earliest write time among them, and
 * exact length histograms in graphemes and UTF-8 bytes. Memory depends on the variety of shapes, not on the values.
 */
export class TextColumnProfiler {
  private values = 0;
  private readonly graphemes = new LengthHistogram();
  private readonly bytes = new LengthHistogram();
  private readonly scripts = new SeenFeatures<number>();
  private readonly categories = new SeenFeatures<number>();
  private readonly scriptStamp: Uint32Array;
  private readonly categoryStamp: Uint32Array;
  private readonly invisibles = new SeenFeatures<number>();
  private readonly emoji = new SeenFeatures<EmojiKind>();
  private readonly sequences = new SeenFeatures<string>();
  private readonly sequenceKinds = new Map<string, EmojiKind>();
  private sequencesNotKept = 0;
  private readonly normalization = new SeenFeatures<string>();

  constructor(
    private readonly unicode: UnicodeTables,
    readonly table: string,
    readonly column: string,
  ) {
    this.scriptStamp = new Uint32Array(unicode.scripts.length);
    this.categoryStamp = new Uint32Array(unicode.categories.length);
  }

  /** `writtenAt`: the cell's write time in microseconds (Infinity when unknown). */
  add(text: string, writtenAt: number): void {
    const { scriptOf, categoryOf, flagsOf } = this.unicode;
    const stamp = ++this.values;
    this.scripts.startValue();
    this.categories.startValue();
    this.invisibles.startValue();
    this.emoji.startValue();
    this.sequences.startValue();
    this.normalization.startValue();
    let codePoints = 0;
    let bytes = 0;
    let crlf = 0;
    let flags = 0;
    let highest = 0;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      codePoints++;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (cp === 13 && text.charCodeAt(i + 1) === 10) crlf++;
      if (cp > highest) highest = cp;
      const script = scriptOf[cp]!;
      if (this.scriptStamp[script] !== stamp) {
        this.scriptStamp[script] = stamp;
        this.scripts.note(script, writtenAt);
      }
      const category = categoryOf[cp]!;
      if (this.categoryStamp[category] !== stamp) {
        this.categoryStamp[category] = stamp;
        this.categories.note(category, writtenAt);
      }
      const f = flagsOf[cp]!;
      if (f !== 0) {
        flags |= f;
        if (f & CodePointFlag.Invisible) this.invisibles.note(cp, writtenAt);
      }
    }
    this.bytes.add(bytes);
    // Without joining characters every code point is a grapheme of its own, CR LF excepted (UAX #29, GB3–GB5).
    this.graphemes.add(flags & CodePointFlag.Joins ? this.segment(text, flags, writtenAt) : codePoints - crlf);
    if (highest >= FIRST_NORMALIZING) {
      for (const form of NORMALIZATION_FORMS) {
        if (text.normalize(form) !== text) this.normalization.note(`not-${form}`, writtenAt);
      }
    }
  }

  /** Counts graphemes and, when the value holds emoji parts, records its emoji sequences. */
  private segment(text: string, flags: number, writtenAt: number): number {
    let count = 0;
    const emoji = (flags & CodePointFlag.Emoji) !== 0;
    for (const { segment } of graphemeSegmenter.segment(text)) {
      count++;
      if (!emoji || segment.length < 2) continue;
      const kinds = emojiKinds(segment);
      if (kinds.length === 0) continue;
      for (const kind of kinds) this.emoji.note(kind, writtenAt);
      if (this.sequences.counts.has(segment) || this.sequences.counts.size < MAX_SEQUENCES) {
        if (this.sequences.note(segment, writtenAt)) this.sequenceKinds.set(segment, kinds[0]!);
      } else this.sequencesNotKept++;
    }
    return count;
  }

  toJSON(): ColumnProfile {
    const { scripts, categories, flagsOf } = this.unicode;
    return {
      table: this.table,
      column: this.column,
      values: this.values,
      graphemes: this.graphemes.toJSON(),
      utf8Bytes: this.bytes.toJSON(),
      scripts: this.scripts.toJSON((s) => scripts[s]!),
      categories: this.categories.toJSON((c) => categories[c]!),
      invisibles: Object.fromEntries(
        [...this.invisibles.counts].map(([cp, count]) => [
          hex(cp),
          { ...featureJson(count), bidi: (flagsOf[cp]! & CodePointFlag.Bidi) !== 0 },
        ]),
      ),
      emoji: this.emoji.toJSON(),
      sequences: Object.fromEntries(
        [...this.sequences.counts].map(([s, count]) => [
          s,
          { ...featureJson(count), kind: this.sequenceKinds.get(s)! },
        ]),
      ),
      sequencesNotKept: this.sequencesNotKept,
      normalization: this.normalization.toJSON(),
    };
  }
}
