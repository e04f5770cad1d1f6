/**
 * The input rules of POST /api/entries written out a second time, by hand and independently of the API's zod schema, so
 * the properties compare the API against a model instead of against itself.
 */
export const NAME_MAX = 80;
export const MESSAGE_MAX = 2000;
export const BODY_LIMIT = 16 * 1024;

const LINE_BREAKS = new Set([0x09, 0x0a, 0x0d]);
const NONE = new Set<number>();

/** Well-formed UTF-16, 1..max code points, no C0/C1 control except the allowed ones. */
function isAcceptableText(value: unknown, max: number, allowedControls: Set<number> = NONE): value is string {
  if (typeof value !== 'string') return false;
  let codePoints = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    } else if ((unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) && !allowedControls.has(unit)) {
      return false;
    }
    codePoints++;
  }
  return codePoints >= 1 && codePoints <= max;
}

const isAcceptableName = (value: unknown): value is string => isAcceptableText(value, NAME_MAX);
const isAcceptableMessage = (value: unknown): value is string => isAcceptableText(value, MESSAGE_MAX, LINE_BREAKS);

export type Verdict =
  | { accept: true; name: string; message: string }
  /** `fields`: the fields any of which the 400 may name; null when the body is not an object (no field to name). */
  | { accept: false; status: 400; code: 'invalid_field'; fields: string[] | null }
  | { accept: false; status: 400; code: 'invalid_json' | 'invalid_utf8'; fields: null }
  | { accept: false; status: 413; code: 'payload_too_large'; fields: null };

/** What the API must answer for an already parsed JSON body. */
function judgeDocument(body: unknown): Verdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { accept: false, status: 400, code: 'invalid_field', fields: null };
  }
  const record = body as Record<string, unknown>;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(record, key);
  const bad = Object.keys(record).filter((key) => key !== 'name' && key !== 'message');
  if (!has('name') || !isAcceptableName(record.name)) bad.push('name');
  if (!has('message') || !isAcceptableMessage(record.message)) bad.push('message');
  if (bad.length > 0) return { accept: false, status: 400, code: 'invalid_field', fields: bad };
  return { accept: true, name: record.name as string, message: record.message as string };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What the API must answer for a raw request body sent as application/json. */
export function judgeBytes(bytes: Uint8Array): Verdict {
  if (bytes.length > BODY_LIMIT) return { accept: false, status: 413, code: 'payload_too_large', fields: null };
  let text: string;
  try {
    // The WHATWG decoder, as browsers use: invalid sequences (overlong forms, encoded surrogates, > U+10FFFF) throw.
    text = utf8.decode(bytes);
  } catch {
    return { accept: false, status: 400, code: 'invalid_utf8', fields: null };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { accept: false, status: 400, code: 'invalid_json', fields: null };
  }
  return judgeDocument(document);
}
