import { describe, expect, it } from 'vitest';
import { authorInitials, avatarUrl, withAuthor } from './author.js';

describe('authorInitials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['grace hopper', 'GH'],
    ['Mary Ann Evans', 'ME'],
    ['  Alan   Turing ', 'AT'],
    ['Bob', 'BO'],
    ['x', 'X'],
  ])('when the name is %j, then the initials are %j', (name, initials) => {
    expect(authorInitials(name)).toBe(initials);
  });
});

describe('avatarUrl', () => {
  it('when given initials, then it points at their SVG under /api/avatars', () => {
    expect(avatarUrl('AL')).toBe('/api/avatars/AL.svg');
  });
});

describe('withAuthor', () => {
  it('when an entry is decorated, then its stored fields are untouched and initials and avatar are added', () => {
    const stored = {
      id: '5a0f6a40-0000-11f0-8000-000000000000',
      name: 'Ada Lovelace',
      message: 'Hello',
      createdAt: '2026-01-31T12:00:00.000Z',
    };

    expect(withAuthor(stored)).toEqual({ ...stored, initials: 'AL', avatarUrl: '/api/avatars/AL.svg' });
  });
});
