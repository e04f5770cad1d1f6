import { CODE_POINTS } from './unicode-properties.js';

/**
 * How each code point takes part in normalization, measured with the runtime's own String.prototype.normalize so that
 * the tables agree with the NFC/NFD checks made on masked text.
 */
export interface NormalizationBehaviour {
  /** NFC and NFD can be computed separately on each side of a position before this code point. */
  boundaryBefore: Uint8Array;
  /** The code point is its own NFC. */
  nfcStable: Uint8Array;
  /** NFD changes the code point. */
  decomposes: Uint8Array;
}

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

/** A canonical combining class other than 0: such a code point moves past a U+0345 (class 240) in NFD. */
function hasCombiningClass(cp: number): boolean {
  if (cp === 0x345) return true;
  const probe = `a\u0345${String.fromCodePoint(cp)}`;
  return probe.normalize('NFD') !== probe;
}

export function measureNormalization(): NormalizationBehaviour {
  const nfcStable = new Uint8Array(CODE_POINTS);
  const decomposes = new Uint8Array(CODE_POINTS);
  // Code points that are the second (or later) part of a canonical composition: they can merge with what precedes.
  const composesBackward = new Uint8Array(CODE_POINTS);
  const firstOfDecomposition = new Uint32Array(CODE_POINTS);
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    firstOfDecomposition[cp] = cp;
    if (isSurrogate(cp)) {
      nfcStable[cp] = 1;
      continue;
    }
    const text = String.fromCodePoint(cp);
    const nfd = text.normalize('NFD');
    const stable = text.normalize('NFC') === text;
    nfcStable[cp] = stable ? 1 : 0;
    if (nfd === text) continue;
    decomposes[cp] = 1;
    const parts = [...nfd].map((c) => c.codePointAt(0)!);
    firstOfDecomposition[cp] = parts[0]!;
    if (stable && parts.length > 1) for (const part of parts.slice(1)) composesBackward[part] = 1;
  }
  const boundaryBefore = new Uint8Array(CODE_POINTS);
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    const first = firstOfDecomposition[cp]!;
    boundaryBefore[cp] = isSurrogate(cp) || (!composesBackward[first] && !hasCombiningClass(first)) ? 1 : 0;
  }
  return { boundaryBefore, nfcStable, decomposes };
}
