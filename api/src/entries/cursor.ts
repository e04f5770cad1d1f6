import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../errors.js';
import type { Position } from './entry.js';

/**
 * Cursors are `base64url(position).base64url(hmac)`: opaque to clients and tamper-evident, so a forged or edited cursor is
 * refused instead of steering a query. (The driver's own pageState can be forged, which is why it is not handed out.)
 */
export class CursorCodec {
  constructor(private readonly secret: Buffer) {}

  encode(position: Position): string {
    const payload = Buffer.from(JSON.stringify([position.day, position.id])).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(cursor: string): Position {
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined || !this.verify(payload, signature)) throw invalid();
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'string') throw invalid();
    return { day: value[0], id: value[1] };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

const INVALID = 'The cursor is not one this API gave out; it may be truncated or edited.';
const invalid = () => badRequest('invalid_cursor', INVALID, 'cursor');
