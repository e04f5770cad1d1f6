export type Entry = {
  id: string;
  name: string;
  message: string;
  /** ISO 8601, the time encoded in the entry's timeuuid. */
  createdAt: string;
  /** Up to two grapheme clusters from the name, drawn by the API as an SVG at avatarUrl. */
  initials?: string;
  avatarUrl?: string;
};

export type EntriesPage = {
  /** Newest first. */
  entries: Entry[];
  /** Opaque; pass back to get the next (older) page. Null on the last page. */
  nextCursor: string | null;
};

export type NewEntry = Pick<Entry, 'name' | 'message'>;
