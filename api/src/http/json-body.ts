import express, { type RequestHandler } from 'express';
import { HttpError, badRequest } from '../errors.js';

const BODY_LIMIT_BYTES = 16 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies decoded strictly. express.json() would replace invalid UTF-8 with U+FFFD and store text the user never
 * sent, so the raw bytes are decoded here with a fatal decoder and refused when they are not UTF-8.
 */
export function jsonBody(): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit: BODY_LIMIT_BYTES });
  const parse: RequestHandler = (req, _res, next) => {
    if (!req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
    }
    // JSON is UTF-8 (RFC 8259). A body declared in another charset was encoded in it by the client, and read as UTF-8 it
    // can decode to other text (Latin-1 "Ã©" is the UTF-8 bytes of "é"): refused rather than stored as a guess.
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON: charset=utf-8 or no charset.');
    }
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw badRequest('invalid_utf8', 'The request body is not valid UTF-8.');
    }
    try {
      req.body = JSON.parse(text);
    } catch {
      throw badRequest('invalid_json', 'The request body is not valid JSON.');
    }
    next();
  };
  return [raw, parse];
}
