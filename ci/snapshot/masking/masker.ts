import { deriveKey, KeyedRandom } from './keyed-random.js';
import { replacementTables, type ReplacementTables } from './replacement-tables.js';
import { codePointAt, Utf16Buffer } from './utf16-buffer.js';

export interface MaskerOptions {
  /** The secret: a CI variable's text or raw bytes, at least 16 bytes. It is never stored nor logged. */
  key: string | Uint8Array;
}

export interface Masker {
  /** The value's pseudonym: same shape, other letters and digits; the same key and value always give the same text. */
  maskText(value: string): string;
  /** Names the key, the algorithm and the tables (for a manifest) without revealing the key. */
  readonly fingerprint: string;
}

export class MaskingKeyError extends Error {
  override name = 'MaskingKeyError';
}

export const ALGORITHM = 'shape-v1';
const MIN_KEY_BYTES = 16;
/** Passes over a value before giving up on making it differ from its original (only tiny classes get that far). */
const MAX_ROUNDS = 16;
/** Replacements tried for a letter whose neighbours take part in its normalization, before it is kept. */
const MAX_TRIES_IN_CONTEXT = 8;
/** Variation selectors 15 and 16, combining enclosing keycap: a digit before one is part of an emoji. */
const EMOJI_DIGIT_FOLLOWERS = new Set([0xfe0e, 0xfe0f, 0x20e3]);
/**
 * Short values seen lately and their masks: names repeat across rows and across the tables that hold the same entry,
 * and a value's mask never changes under one key. Bounded: cleared when full, so a take's memory does not grow.
 */
const RECENT_MAX_ENTRIES = 8192;
const RECENT_MAX_LENGTH = 64;

/**
 * Shape-preserving pseudonymisation: each letter becomes a letter of the same substitution class (same script,
 * category, case, lengths, grapheme and normalization behaviour), each decimal digit a digit of the same system;
 * every other code point is kept. The design and what it guarantees are in docs/masking.md.
 */
export function createMasker({ key }: MaskerOptions): Masker {
  const secret = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (secret.length < MIN_KEY_BYTES) {
    throw new MaskingKeyError(
      `The masking key must be at least ${MIN_KEY_BYTES} bytes long; this one has ${secret.length}`,
    );
  }
  const tables = replacementTables();
  const keyId = deriveKey(secret, `${ALGORITHM}/fingerprint`).toString('hex').slice(0, 16);
  const buffer = new Utf16Buffer();
  const random = new KeyedRandom(deriveKey(secret, `${ALGORITHM}/values`));
  const recent = new Map<string, string>();

  function mask(value: string): string {
    const first = firstReplaceable(tables, value);
    if (first < 0) return value;
    random.seed(value);
    buffer.load(value);
    const pass = new Pass(tables, value, buffer, random);
    // A value must not come out as itself; drawing again from the same stream keeps that deterministic.
    for (let round = 0; round < MAX_ROUNDS && pass.run(first) === 'unchanged'; round++);
    return buffer.text(0, value.length, pass.wellFormed);
  }

  return {
    fingerprint: `${ALGORITHM}/unicode-${tables.unicodeVersion}/${keyId}`,
    maskText(value: string): string {
      if (value.length > RECENT_MAX_LENGTH) return mask(value);
      let masked = recent.get(value);
      if (masked === undefined) {
        if (recent.size >= RECENT_MAX_ENTRIES) recent.clear();
        masked = mask(value);
        recent.set(value, masked);
      }
      return masked;
    },
  };
}

/** UTF-16 index of the first letter or digit that has a class, or -1: most values of other columns stop here. */
function firstReplaceable(tables: ReplacementTables, value: string): number {
  for (let at = 0; at < value.length; at++) {
    const cp = codePointAt(value, at);
    if (tables.classOf[cp] !== 0) return at;
    if (cp > 0xffff) at++;
  }
  return -1;
}

/** One value's substitution: each run() draws a replacement for every replaceable code point into the buffer. */
class Pass {
  readonly wellFormed: boolean;

  constructor(
    private readonly tables: ReplacementTables,
    private readonly value: string,
    private readonly buffer: Utf16Buffer,
    private readonly random: KeyedRandom,
  ) {
    this.wellFormed = value.isWellFormed();
  }

  run(from: number): 'changed' | 'unchanged' | 'nothing to change' {
    const { classOf, members, isDigitClass, boundaryBefore } = this.tables;
    const value = this.value;
    let changed = false;
    let tried = false;
    for (let at = from; at < value.length;) {
      const cp = codePointAt(value, at);
      const width = cp > 0xffff ? 2 : 1;
      const cls = classOf[cp]!;
      if (cls === 0) {
        at += width;
        continue;
      }
      const after = at + width < value.length ? codePointAt(value, at + width) : -1;
      if (!(isDigitClass[cls - 1] && EMOJI_DIGIT_FOLLOWERS.has(after))) {
        const candidates = members[cls - 1]!;
        tried = true;
        // Alone between two normalization boundaries, any member of the class normalizes exactly as this one.
        const replacement =
          boundaryBefore[cp] && (after < 0 || boundaryBefore[after])
            ? candidates[this.random.below(candidates.length)]!
            : this.replacementInContext(at, width, candidates);
        this.buffer.put(at, replacement);
        if (replacement !== cp) changed = true;
      }
      at += width;
    }
    return changed ? 'changed' : tried ? 'unchanged' : 'nothing to change';
  }

  /**
   * A letter whose neighbours take part in its normalization (e + U+0301, Hangul jamo, Zalgo): a replacement is
   * accepted only if the text between the surrounding normalization boundaries keeps its NFC and NFD status; after a
   * few refusals the letter is kept.
   */
  private replacementInContext(at: number, width: number, candidates: Uint32Array): number {
    const { boundaryBefore } = this.tables;
    const value = this.value;
    let start = at;
    while (start > 0 && !boundaryBefore[codePointAt(value, start)]) start -= isLowSurrogateAt(value, start - 1) ? 2 : 1;
    let end = at + width;
    while (end < value.length && !boundaryBefore[codePointAt(value, end)]) {
      end += codePointAt(value, end) > 0xffff ? 2 : 1;
    }
    const wanted = normalizationStatus(value.slice(start, end));
    for (let attempt = 0; attempt < MAX_TRIES_IN_CONTEXT; attempt++) {
      const candidate = candidates[this.random.below(candidates.length)]!;
      this.buffer.put(at, candidate);
      if (normalizationStatus(this.buffer.text(start, end, this.wellFormed)) === wanted) return candidate;
    }
    return codePointAt(value, at);
  }
}

function isLowSurrogateAt(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  if (unit < 0xdc00 || unit > 0xdfff || at === 0) return false;
  const high = text.charCodeAt(at - 1);
  return high >= 0xd800 && high <= 0xdbff;
}

/** NFC and NFD status of a piece of text, as two bits. */
function normalizationStatus(text: string): number {
  return (text.normalize('NFC') === text ? 1 : 0) | (text.normalize('NFD') === text ? 2 : 0);
}
