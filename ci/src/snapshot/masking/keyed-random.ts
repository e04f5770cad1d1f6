import { createHmac } from 'node:crypto';

/** A key for one purpose, so that the fingerprint and the values never share a derivation. */
export function deriveKey(key: Uint8Array, purpose: string): Buffer {
  return createHmac('sha256', key).update(purpose, 'utf8').digest();
}

/**
 * A stream of 32-bit numbers for one value: HMAC-SHA256(key, value) seeds sfc32. The secret is in the seed — without
 * the key nobody can compute it, and the seed does not reveal the value. sfc32 only spreads the seed's 128 bits over
 * as many draws as the value has letters; the choices it makes never depend on which letter was there.
 */
export function valueRandom(valueKey: Uint8Array, value: string): () => number {
  // UTF-16 code units exactly as the string holds them, lone surrogates included.
  const seed = createHmac('sha256', valueKey).update(value, 'utf16le').digest();
  let a = seed.readUInt32LE(0);
  let b = seed.readUInt32LE(4);
  let c = seed.readUInt32LE(8);
  let d = seed.readUInt32LE(12);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A uniform index below `size` from one 32-bit draw (the bias, size / 2^32, is far below anything measurable here). */
export function pickIndex(next: () => number, size: number): number {
  return Math.floor((next() * size) / 4294967296);
}
