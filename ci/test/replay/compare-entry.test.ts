import { describe, expect, it } from 'vitest';
import { compareEntry } from '../../suites/api/compare-entry.js';

const stored = {
  id: '5a0f6a40-0000-11f0-8000-000000000000',
  day: '2026-01-31',
  name: '🦄 Luna',
  message: 'hi\r\n',
  createdAt: '2026-01-31T12:00:00.000Z',
};

describe('compareEntry', () => {
  it('when the API returns the stored fields exactly, plus fields of its own, then there is no problem', () => {
    const { day: _day, ...fields } = stored;

    expect(compareEntry({ ...fields, initials: '🦄L', avatarUrl: '/api/avatars/x.svg' }, stored)).toEqual([]);
  });

  it('when the API returns a replacement character for an emoji, then the problem names both code points', () => {
    expect(compareEntry({ ...stored, name: '\uFFFD Luna' }, stored)).toEqual([
      'name differs from the stored row at code point 0: the API has U+FFFD REPLACEMENT CHARACTER, the keyspace U+1F984 UNICORN FACE',
    ]);
  });

  it('when the API drops a trailing line break, then the problem says the API has nothing there', () => {
    expect(compareEntry({ ...stored, message: 'hi\r' }, stored)).toEqual([
      'message differs from the stored row at code point 3: the API has nothing, the keyspace U+000A LINE FEED',
    ]);
  });

  it('when fields are missing or not strings, then each is named', () => {
    expect(compareEntry({ id: stored.id, name: 42, createdAt: stored.createdAt }, stored)).toEqual([
      'name is not a string (42)',
      'message is missing',
    ]);
    expect(compareEntry(null, stored)).toEqual(['is not a JSON object: null']);
  });
});
