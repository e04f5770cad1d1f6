import { describe, expect, it } from 'vitest';
import { signatureKey, signatureOf, signatureSlug } from '../../shrink/failure-signature.js';

const INTERNAL = '{"error":{"code":"internal","message":"Something went wrong on our side."}}';
const classes = new Map([
  ['/api/entries', 'URIError'],
  ['/api/entries/5a0f6a40-0000-11f0-8000-000000000000', 'TypeError'],
]);
const at = (path: string) => classes.get(path) ?? 'none';

describe('signatureOf the API suite problem lines', () => {
  it.each([
    [
      `GET /api/entries?limit=1 answered 500: ${INTERNAL} — the list breaks at this entry`,
      'GET /api/entries → 500 internal (URIError)',
    ],
    [
      `GET /api/entries/5a0f6a40-0000-11f0-8000-000000000000 answered 500: ${INTERNAL}`,
      'GET /api/entries/:id → 500 internal (TypeError)',
    ],
    [
      'GET /api/entries/5a0f6a40-0000-11f0-8000-000000000000: name differs from the stored row at code point 0',
      'GET /api/entries/:id → 200 name differs (none)',
    ],
    ['never listed by GET /api/entries', 'GET /api/entries → 200 never listed (none)'],
    [
      'its avatar /api/avatars/%3F.svg answered 404 text/html',
      'GET /api/avatars/:initials.svg → 404 no error code (none)',
    ],
  ])('when the line is %s, then the signature is %s', (line, key) => {
    expect(signatureKey(signatureOf(line, at))).toBe(key);
  });

  it('when a signature names a fixture file, then the name is lower-case words and digits', () => {
    expect(signatureSlug(signatureOf(`GET /api/entries?limit=1 answered 500: ${INTERNAL}`, at))).toBe(
      'get-api-entries-500-internal-urierror',
    );
  });
});
