import type { StoredEntry } from '../contract.js';

export type { Entry, NewEntry, StoredEntry } from '../contract.js';

/** Where paging resumes: after entry `id` of day partition `day`. */
export interface Position {
  day: string;
  id: string;
}

export interface EntryPage {
  entries: StoredEntry[];
  next: Position | null;
}
