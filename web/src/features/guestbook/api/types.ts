export type Entry = {
  id: string;
  name: string;
  message: string;
  /** ISO 8601, the time encoded in the entry's timeuuid. */
  createdAt: string;
};

export type EntriesPage = {
  /** Newest first. */
  entries: Entry[];
  /** Opaque; pass back to get the next (older) page. Null on the last page. */
  nextCursor: string | null;
};

export type NewEntry = Pick<Entry, 'name' | 'message'>;
