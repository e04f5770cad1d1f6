import { emojiKinds, type EmojiKind } from './emoji-sequences.js';
import { LengthHistogram, type HistogramSummary } from './length-histogram.js';
import { DenseFeatures, featureJson, SeenFeatures, type SeenFeatureJson } from './seen-features.js';
import { CodePointFlag, type UnicodeTables } from './unicode-tables.js';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Distinct windows of joining characters remembered with their graphemes; cleared when full. */
const WINDOW_CACHE = 4096;
/** Distinct emoji sequences kept per column; beyond, they are only counted. Keeps memory bounded on any data. */
const MAX_SEQUENCES = 500;

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
  private readonly scripts: DenseFeatures;
  private readonly categories: DenseFeatures;
  private readonly invisibles = new SeenFeatures<number>();
  private readonly emoji = new SeenFeatures<EmojiKind>();
  private readonly sequences = new SeenFeatures<string>();
  private readonly sequenceKinds = new Map<string, EmojiKind>();
  private sequencesNotKept = 0;
  private readonly normalization = new SeenFeatures<string>();
  private readonly asciiSeen = new Uint32Array(4);
  private readonly windows = new Map<
    string,
    { graphemes: number; sequences: { segment: string; kinds: EmojiKind[] }[] }
  >();

  constructor(
    private readonly unicode: UnicodeTables,
    readonly table: string,
    readonly column: string,
  ) {
    this.scripts = new DenseFeatures(unicode.scripts);
    this.categories = new DenseFeatures(unicode.categories);
  }

  /** `writtenAt`: the cell's write time in microseconds (Infinity when unknown). */
  add(text: string, writtenAt: number): void {
    const { scriptOf, categoryOf, flagsOf } = this.unicode;
    const stamp = ++this.values;
    const scripts = this.scripts;
    const categories = this.categories;
    this.invisibles.startValue();
    this.emoji.startValue();
    this.sequences.startValue();
    this.normalization.startValue();
    let codePoints = 0;
    let bytes = 0;
    let crlf = 0;
    let flags = 0;
    // Joining characters with one neighbour on each side, handed to the segmenter; see joinedGraphemes.
    let windowStart = -1;
    let windowEnd = 0;
    let windowPoints = 0;
    let needsTrailer = false;
    let previousStart = 0;
    let pointsInWindows = 0;
    let windowGraphemes = 0;
    // ASCII, most of most text, is only marked here (one bit per character) and counted after the loop.
    const ascii = this.asciiSeen.fill(0);
    for (let i = 0; i < text.length; i++) {
      const start = i;
      let cp = text.charCodeAt(i);
      if (cp < 0x80) {
        ascii[cp >> 5]! |= 1 << (cp & 31);
        codePoints++;
        bytes++;
        if (cp === 13 && text.charCodeAt(i + 1) === 10) crlf++;
        if (windowStart >= 0) {
          if (needsTrailer) {
            windowPoints++;
            windowEnd = i + 1;
            needsTrailer = false;
          } else {
            windowGraphemes += this.joinedGraphemes(text.slice(windowStart, windowEnd), writtenAt);
            pointsInWindows += windowPoints;
            windowStart = -1;
          }
        }
        previousStart = start;
        continue;
      }
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
      // Each script and category counts once per value: the stamp says which value saw it last.
      const script = scriptOf[cp]!;
      if (scripts.stamps[script] !== stamp) {
        scripts.stamps[script] = stamp;
        scripts.values[script]!++;
        if (writtenAt < scripts.firstSeen[script]!) scripts.firstSeen[script] = writtenAt;
      }
      const category = categoryOf[cp]!;
      if (categories.stamps[category] !== stamp) {
        categories.stamps[category] = stamp;
        categories.values[category]!++;
        if (writtenAt < categories.firstSeen[category]!) categories.firstSeen[category] = writtenAt;
      }
      const f = flagsOf[cp]!;
      if (f & CodePointFlag.Invisible) this.invisibles.note(cp, writtenAt);
      flags |= f;
      if (f & CodePointFlag.Joins) {
        if (windowStart < 0) {
          windowStart = codePoints > 1 ? previousStart : start;
          windowPoints = codePoints > 1 ? 1 : 0;
        }
        windowPoints++;
        needsTrailer = true;
      } else if (windowStart >= 0) {
        if (needsTrailer) {
          windowPoints++;
          windowEnd = i + 1;
          needsTrailer = false;
        } else {
          windowGraphemes += this.joinedGraphemes(text.slice(windowStart, windowEnd), writtenAt);
          pointsInWindows += windowPoints;
          windowStart = -1;
        }
      }
      previousStart = start;
    }
    for (let word = 0; word < 4; word++) {
      for (let bits = ascii[word]!; bits !== 0; bits &= bits - 1) {
        const cp = word * 32 + (31 - Math.clz32(bits & -bits));
        const script = scriptOf[cp]!;
        if (scripts.stamps[script] !== stamp) {
          scripts.stamps[script] = stamp;
          scripts.values[script]!++;
          if (writtenAt < scripts.firstSeen[script]!) scripts.firstSeen[script] = writtenAt;
        }
        const category = categoryOf[cp]!;
        if (categories.stamps[category] !== stamp) {
          categories.stamps[category] = stamp;
          categories.values[category]!++;
          if (writtenAt < categories.firstSeen[category]!) categories.firstSeen[category] = writtenAt;
        }
      }
    }
    if (windowStart >= 0) {
      windowGraphemes += this.joinedGraphemes(
        text.slice(windowStart, needsTrailer ? text.length : windowEnd),
        writtenAt,
      );
      pointsInWindows += windowPoints;
    }
    this.bytes.add(bytes);
    // UAX #29 keeps two code points together only when one of them joins (Extend, ZWJ, SpacingMark, Prepend, regional
    // indicators, Hangul jamo) or they are CR LF; everything between windows is one grapheme per code point.
    this.graphemes.add(codePoints - pointsInWindows - crlf + windowGraphemes);
    if (
      flags &
      (CodePointFlag.MayCompose | CodePointFlag.CanonicalDecomposition | CodePointFlag.CompatibilityDecomposition)
    )
      this.noteNormalization(text, flags, writtenAt);
  }

  /**
   * The forms a value is not in. A decomposition mapping settles NFD and NFKD (NFKC for a compatibility one) without
   * normalizing; only characters that may compose or reorder need the real thing.
   */
  private noteNormalization(text: string, flags: number, writtenAt: number): void {
    const composes = (flags & CodePointFlag.MayCompose) !== 0;
    const canonical = (flags & CodePointFlag.CanonicalDecomposition) !== 0;
    const compatibility = (flags & CodePointFlag.CompatibilityDecomposition) !== 0;
    if (composes && text.normalize('NFC') !== text) this.normalization.note('not-NFC', writtenAt);
    if (compatibility || (composes && text.normalize('NFKC') !== text)) this.normalization.note('not-NFKC', writtenAt);
    if (canonical || (composes && text.normalize('NFD') !== text)) this.normalization.note('not-NFD', writtenAt);
    if (canonical || compatibility || (composes && text.normalize('NFKD') !== text))
      this.normalization.note('not-NFKD', writtenAt);
  }

  /**
   * Graphemes of a window around joining characters, and its emoji sequences. Node's Intl.Segmenter costs about
   * 2 µs per grapheme here, so windows are segmented once each and remembered: the same emoji recur across values.
   */
  private joinedGraphemes(window: string, writtenAt: number): number {
    let shape = this.windows.get(window);
    if (!shape) {
      if (this.windows.size >= WINDOW_CACHE) this.windows.clear();
      shape = { graphemes: 0, sequences: [] };
      for (const { segment } of graphemeSegmenter.segment(window)) {
        shape.graphemes++;
        const kinds = segment.length > 1 ? emojiKinds(segment) : [];
        if (kinds.length > 0) shape.sequences.push({ segment, kinds });
      }
      this.windows.set(window, shape);
    }
    for (const { segment, kinds } of shape.sequences) {
      for (const kind of kinds) this.emoji.note(kind, writtenAt);
      if (this.sequences.counts.has(segment) || this.sequences.counts.size < MAX_SEQUENCES) {
        if (this.sequences.note(segment, writtenAt)) this.sequenceKinds.set(segment, kinds[0]!);
      } else this.sequencesNotKept++;
    }
    return shape.graphemes;
  }

  toJSON(): ColumnProfile {
    const { flagsOf } = this.unicode;
    return {
      table: this.table,
      column: this.column,
      values: this.values,
      graphemes: this.graphemes.toJSON(),
      utf8Bytes: this.bytes.toJSON(),
      scripts: this.scripts.toJSON(),
      categories: this.categories.toJSON(),
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
