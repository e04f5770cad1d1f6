import { notFound } from '../errors.js';
import { withAuthor } from './author.js';
import { cachedAuthorInitials } from './author-initials-cache.js';
import type { CursorCodec } from './cursor.js';
import type { EntriesRepository } from './entries.repository.js';
import type { Entry, NewEntry } from './entry.js';

export interface EntryList {
  entries: Entry[];
  nextCursor: string | null;
}

/** The guestbook's use cases, in plain objects: no req/res here. */
export class EntriesService {
  private readonly initialsOf = cachedAuthorInitials();

  constructor(
    private readonly repository: EntriesRepository,
    private readonly cursors: CursorCodec,
  ) {}

  async sign(entry: NewEntry): Promise<Entry> {
    return withAuthor(await this.repository.insert(entry), this.initialsOf);
  }

  async get(id: string): Promise<Entry> {
    const entry = await this.repository.findById(id);
    if (!entry) throw notFound(`There is no entry with the id ${id}.`);
    return withAuthor(entry, this.initialsOf);
  }

  async list(limit: number, cursor?: string): Promise<EntryList> {
    const after = cursor === undefined ? undefined : this.cursors.decode(cursor);
    const page = await this.repository.page(limit, after);
    const entries = page.entries.map((entry) => withAuthor(entry, this.initialsOf));
    return { entries, nextCursor: page.next ? this.cursors.encode(page.next) : null };
  }
}
