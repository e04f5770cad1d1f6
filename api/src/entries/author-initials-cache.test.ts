import { describe, expect, it } from 'vitest';
import { cachedAuthorInitials } from './author-initials-cache.js';

function counting(initialsOf: (name: string) => string) {
  const calls: string[] = [];
  return { calls, initialsOf: (name: string) => (calls.push(name), initialsOf(name)) };
}

describe('cachedAuthorInitials', () => {
  it('when a name is asked for again, then its initials come from the cache and are the same', () => {
    const counter = counting((name) => name.slice(0, 2).toUpperCase());
    const initialsOf = cachedAuthorInitials({ initialsOf: counter.initialsOf });

    const first = [initialsOf('ada'), initialsOf('bob'), initialsOf('ada'), initialsOf('ada')];

    expect(first).toEqual(['AD', 'BO', 'AD', 'AD']);
    expect(counter.calls).toEqual(['ada', 'bob']);
  });

  it('when more names than it holds are asked for, then the least recently used is computed again', () => {
    const counter = counting((name) => name.slice(0, 1));
    const initialsOf = cachedAuthorInitials({ maxNames: 2, initialsOf: counter.initialsOf });

    for (const name of ['a', 'b', 'a', 'c', 'a', 'b']) initialsOf(name);

    expect(counter.calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('when computing the initials throws, then the error reaches the caller and nothing is remembered', () => {
    let failures = 0;
    const initialsOf = cachedAuthorInitials({
      initialsOf: () => {
        failures++;
        throw new URIError('URI malformed');
      },
    });

    expect(() => initialsOf('🦄 Luna')).toThrow(URIError);
    expect(() => initialsOf('🦄 Luna')).toThrow(URIError);
    expect(failures).toBe(2);
  });

  it('when no function is given, then it computes grapheme initials as authorInitials does', () => {
    expect(cachedAuthorInitials()('🦄 Sparkle')).toBe('🦄S');
  });
});
