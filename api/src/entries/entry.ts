/** An entry as the API returns it. */
export interface Entry {
  id: string;
  name: string;
  message: string;
  createdAt: string;
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
  entries: Entry[];
  next: Position | null;
}
