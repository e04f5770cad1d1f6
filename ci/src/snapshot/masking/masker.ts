import { deriveKey, pickIndex, valueRandom } from './keyed-random.js';
import { codePointsOf, textOf } from './code-points.js';
import { replacementTables, type ReplacementTables } from './replacement-tables.js';

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
/** Variation selectors 15 and 16, combining enclosing keycap. */
const EMOJI_DIGIT_FOLLOWERS = new Set([0xfe0e, 0xfe0f, 0x20e3]);

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
  const valueKey = deriveKey(secret, `${ALGORITHM}/values`);
  const keyId = deriveKey(secret, `${ALGORITHM}/fingerprint`).toString('hex').slice(0, 16);
  const fingerprint = `${ALGORITHM}/unicode-${tables.unicodeVersion}/${keyId}`;

  return {
    fingerprint,
    maskText(value: string): string {
      const original = codePointsOf(value);
      if (!original.some((cp) => tables.classOf[cp] !== 0)) return value;
      const next = valueRandom(valueKey, value);
      let masked = original;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const pass = substitute(tables, original, next);
        masked = pass.codePoints;
        // A value must not come out as itself; drawing again from the same stream keeps that deterministic.
        if (pass.changed || !pass.tried) break;
      }
      return textOf(masked);
    },
  };
}

function substitute(tables: ReplacementTables, original: number[], next: () => number) {
  const { classOf, members, isDigitClass, boundaryBefore } = tables;
  const out = original.slice();
  let changed = false;
  let tried = false;
  for (let i = 0; i < original.length; i++) {
    const cp = original[i]!;
    const cls = classOf[cp]!;
    if (cls === 0) continue;
    const after = original[i + 1];
    // The digit of a keycap (1️⃣) or of a text/emoji presentation sequence is part of an emoji: kept.
    if (isDigitClass[cls - 1] && after !== undefined && EMOJI_DIGIT_FOLLOWERS.has(after)) continue;
    const candidates = members[cls - 1]!;
    tried = true;
    if (boundaryBefore[cp] && (after === undefined || boundaryBefore[after])) {
      // Alone between two normalization boundaries: any member of the class normalizes exactly as this one.
      out[i] = candidates[pickIndex(next, candidates.length)]!;
    } else {
      out[i] = replacementInContext(out, original, i, candidates, boundaryBefore, next);
    }
    if (out[i] !== cp) changed = true;
  }
  return { codePoints: out, changed, tried };
}

/** NFC and NFD status of a piece of text, as two bits. */
function normalizationStatus(text: string): number {
  return (text.normalize('NFC') === text ? 1 : 0) | (text.normalize('NFD') === text ? 2 : 0);
}

/**
 * A letter whose neighbours take part in its normalization (e + U+0301, a Hangul jamo sequence, Zalgo): a replacement
 * is accepted only if the piece of text between the surrounding normalization boundaries keeps its NFC and NFD
 * status; after a few refusals the letter is kept.
 */
function replacementInContext(out: number[], original: number[], at: number, candidates: Uint32Array,
  boundaryBefore: Uint8Array, next: () => number): number {
  let start = at;
  while (start > 0 && !boundaryBefore[original[start]!]) start--;
  let end = at + 1;
  while (end < original.length && !boundaryBefore[original[end]!]) end++;
  const wanted = normalizationStatus(textOf(original, start, end));
  for (let attempt = 0; attempt < MAX_TRIES_IN_CONTEXT; attempt++) {
    out[at] = candidates[pickIndex(next, candidates.length)]!;
    if (normalizationStatus(textOf(out, start, end)) === wanted) return out[at]!;
  }
  return original[at]!;
}
