/** An entry as it is stored: exactly what was signed, with its id and time. */
export interface StoredEntry {
  id: string;
  name: string;
  message: string;
  createdAt: string;
}

/** An entry as the API returns it: the stored fields plus the author's initials and avatar for the page. */
export interface Entry extends StoredEntry {
  initials: string;
  avatarUrl: string;
}

export interface NewEntry {
  name: string;
  message: string;
}

/** Where paging resumes: after entry `id` of day partition `day`. */
export interface Position {
  day: string;
  id: string;
}

export interface EntryPage {
  entries: StoredEntry[];
  next: Position | null;
}
