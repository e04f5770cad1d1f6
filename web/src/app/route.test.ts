import { describe, expect, it } from 'vitest';
import { routeOf } from './route';

describe('routeOf', () => {
  it('when the path is an entry address, then the entry page is asked for, by its id', () => {
    expect(routeOf('/entries/5A0F6A40-0000-11F0-8000-000000000000')).toEqual({
      page: 'entry',
      id: '5a0f6a40-0000-11f0-8000-000000000000',
    });
  });

  it('when the path is anything else, then the guestbook is shown', () => {
    expect(routeOf('/')).toEqual({ page: 'guestbook' });
    expect(routeOf('/entries/not-an-id')).toEqual({ page: 'guestbook' });
  });
});
