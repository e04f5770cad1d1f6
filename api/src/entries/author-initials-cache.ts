import { LRUCache } from 'lru-cache';
import { authorInitials } from './author.js';

export interface InitialsCacheOptions {
  /** How many names are remembered; the least recently used is forgotten first. */
  maxNames?: number;
  initialsOf?: (name: string) => string;
}

/**
 * authorInitials remembered per name. Segmenting names into graphemes was the largest cost of the API's own code on
 * the list under load (docs/performance.md), and the first pages show the same names to every visitor. Names are at
 * most 80 code points, so 10,000 of them stay within a few MB. A name whose initials throw is not remembered: the error
 * reaches withAuthor, which gives that entry the fallback avatar.
 */
export function cachedAuthorInitials({ maxNames = 10_000, initialsOf = authorInitials }: InitialsCacheOptions = {}) {
  const cache = new LRUCache<string, string>({ max: maxNames });
  return (name: string): string => {
    let initials = cache.get(name);
    if (initials === undefined) {
      initials = initialsOf(name);
      cache.set(name, initials);
    }
    return initials;
  };
}
