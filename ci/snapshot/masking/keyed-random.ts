import * as crypto from 'node:crypto';

const { createHmac } = crypto;
/** One-shot hashing (Node.js 20.12+) skips the per-call Hmac object: a fifth of the masking time. */
type OneShotHash = (algorithm: string, data: string | Buffer, encoding: 'buffer') => Buffer;
const oneShotHash = (crypto as { hash?: OneShotHash }).hash;
const BLOCK = 64;

/** A key for one purpose, so that the fingerprint and the values never share a derivation. */
export function deriveKey(key: Uint8Array, purpose: string): Buffer {
  return createHmac('sha256', key).update(purpose, 'utf8').digest();
}

/**
 * Random draws for one value at a time: seed(value) sets sfc32's state from HMAC-SHA256(key, value). The secret is in
 * the seed — without the key nobody can compute it, and the seed does not reveal the value. sfc32 only spreads the
 * seed's 128 bits over as many draws as the value has letters; what it picks never depends on which letter was there.
 * One instance is reused for every value (no closure or state object per value).
 */
export class KeyedRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  private readonly valueKey: Buffer;
  private readonly innerPad: string;
  private readonly outer: Buffer;

  /**
   * `keyMaterial` (32 bytes) becomes the HMAC key with each byte's top bit cleared (224 secret bits): then the padded
   * key blocks are ASCII, and a string made of the inner block and the value hashes to the very bytes HMAC hashes.
   */
  constructor(keyMaterial: Uint8Array) {
    this.valueKey = Buffer.from(keyMaterial.map((byte) => byte & 0x7f));
    const pad = (fill: number) => Buffer.alloc(BLOCK, fill).map((byte, i) => byte ^ (this.valueKey[i] ?? 0));
    this.innerPad = Buffer.from(pad(0x36)).toString('latin1');
    this.outer = Buffer.concat([pad(0x5c), Buffer.alloc(32)]);
  }

  /** HMAC-SHA256(key, UTF-8 of the value), as RFC 2104 defines it. */
  private hmac(value: string): Buffer {
    if (!oneShotHash) return createHmac('sha256', this.valueKey).update(value, 'utf8').digest();
    oneShotHash('sha256', this.innerPad + value, 'buffer').copy(this.outer, BLOCK);
    return oneShotHash('sha256', this.outer, 'buffer');
  }

  seed(value: string): void {
    const digest = this.hmac(value);
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform index below `size` (the bias, size / 2^32, is far below anything measurable here). */
  below(size: number): number {
    return Math.floor((this.next() * size) / 4294967296);
  }
}
