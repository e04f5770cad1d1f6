// The API's public contract: what the page, the CI toolkit and the deploy checks may rely on. Plain TypeScript with
// no runtime dependencies, so the page imports it without pulling in zod, Express or the driver.

/** Longest name and message, in Unicode code points (not UTF-16 units, not graphemes). */
export const LIMITS = { name: 80, message: 2000 } as const;

/** Page sizes of GET /api/entries?limit=. */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** Liveness says the process runs; readiness says it can serve, i.e. Cassandra answers. */
export const HEALTH_PATHS = { liveness: '/healthz', readiness: '/readyz' } as const;

/** An entry as it is stored: exactly what was signed, with its id and time. */
export interface StoredEntry {
  id: string;
  name: string;
  message: string;
  /** ISO 8601, the time encoded in the entry's timeuuid. */
  createdAt: string;
}

/** An entry as the API returns it: the stored fields plus the author's initials and avatar for the page. */
export interface Entry extends StoredEntry {
  /** Up to two grapheme clusters from the name, drawn by the API as an SVG at avatarUrl. */
  initials: string;
  avatarUrl: string;
}

/** What a visitor signs: POST /api/entries. */
export interface NewEntry {
  name: string;
  message: string;
}

/** GET /api/entries: newest first; nextCursor is opaque, null on the last page. */
export interface EntriesPage {
  entries: Entry[];
  nextCursor: string | null;
}

/** Every error answer's body: a stable code, a sentence for people, and the input field at fault if there is one. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
