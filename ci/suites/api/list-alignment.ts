import type { StoredRow } from '../../entries/stored-entries.js';
import { compareEntry } from './compare-entry.js';

/** What aligning the API's list with the keyspace found; each finding names the entry it is about. */
export interface ListFindings {
  /** Same id on both sides, different fields. */
  changed(stored: StoredRow, problems: string[], where: string): void;
  /** In the keyspace, never listed by the API. */
  missing(stored: StoredRow): void;
  /** Listed by the API, not in the keyspace. */
  extra(actual: unknown, where: string): void;
  /** Listed, but after an entry the keyspace holds after it. */
  outOfOrder(stored: StoredRow, after: StoredRow, where: string): void;
}

interface Pending<T> {
  item: T;
  position: number;
  where: string;
}

const idOf = (actual: unknown) => {
  const id = (actual as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Aligns two streams that should be the same list: the API's pages and the keyspace read in the same order. Entries
 * that match are compared and forgotten, so memory is bounded by `window` (how far apart the two sides may drift
 * before an unmatched entry counts as missing or extra), not by the size of the data.
 */
export class ListAlignment {
  private readonly fromApi = new Map<string, Pending<unknown>>();
  private readonly fromKeyspace = new Map<string, Pending<StoredRow>>();
  private apiCount = 0;
  private storedCount = 0;
  private apiDone = false;
  private storedDone = false;
  /** The furthest matched pair, by its position on each side. */
  private lastMatchedStored: Pending<StoredRow> | undefined;
  private lastMatchedApi = -1;
  private orderReported = false;
  matched = 0;

  constructor(
    private readonly findings: ListFindings,
    readonly window = 1000,
  ) {}

  get listed(): number {
    return this.apiCount;
  }

  get read(): number {
    return this.storedCount;
  }

  /** Entries held while waiting for the other side: what bounds this alignment's memory. */
  get pending(): number {
    return this.fromApi.size + this.fromKeyspace.size;
  }

  /** How many more stored rows to read before the API's next page: the keyspace side runs a window ahead. */
  storedWanted(): number {
    return Math.max(0, this.apiCount + this.window - this.storedCount);
  }

  addApi(actual: unknown, where: string): void {
    const position = this.apiCount++;
    const id = idOf(actual);
    const stored = id === undefined ? undefined : this.fromKeyspace.get(id);
    if (stored) this.match(actual, position, stored, where);
    else if (id === undefined || this.storedDone) this.findings.extra(actual, where);
    else this.fromApi.set(id, { item: actual, position, where });
    this.evict();
  }

  addStored(row: StoredRow): void {
    const position = this.storedCount++;
    const listed = this.fromApi.get(row.id);
    const pending = { item: row, position, where: '' };
    if (listed) {
      this.fromApi.delete(row.id);
      this.match(listed.item, listed.position, pending, listed.where);
    } else if (this.apiDone) this.findings.missing(row);
    else this.fromKeyspace.set(row.id, pending);
    this.evict();
  }

  /** The oldest stored row still waiting to be listed. */
  nextUnmatched(): StoredRow | undefined {
    return this.fromKeyspace.values().next().value?.item;
  }

  /** The API's list ended: every stored row not listed by now, or read from now on, is missing. */
  apiEnded(): void {
    this.apiDone = true;
    for (const { item } of this.fromKeyspace.values()) this.findings.missing(item);
    this.fromKeyspace.clear();
  }

  /** The keyspace has no more rows: every listed entry not matched by now, or listed from now on, is extra. */
  storedEnded(): void {
    this.storedDone = true;
    for (const { item, where } of this.fromApi.values()) this.findings.extra(item, where);
    this.fromApi.clear();
  }

  private match(actual: unknown, apiPosition: number, stored: Pending<StoredRow>, where: string): void {
    this.fromKeyspace.delete(stored.item.id);
    this.matched++;
    const problems = compareEntry(actual, stored.item);
    if (problems.length) this.findings.changed(stored.item, problems, where);
    // The API's list, without its extras, must be the keyspace's order without what it misses.
    const last = this.lastMatchedStored;
    if (last && stored.position < last.position && !this.orderReported) {
      this.orderReported = true;
      this.findings.outOfOrder(stored.item, last.item, where);
    }
    if (!last || stored.position > last.position) this.lastMatchedStored = stored;
    this.lastMatchedApi = Math.max(this.lastMatchedApi, apiPosition);
  }

  /**
   * An entry the other side has passed by more than the window will not be matched any more; a side that never
   * matches at all is cut at twice the window, so a wholly broken list still runs in bounded memory.
   */
  private evict(): void {
    const storedHorizon = (this.lastMatchedStored?.position ?? -1) - this.window;
    for (const [id, pending] of this.fromKeyspace) {
      if (pending.position >= storedHorizon && this.fromKeyspace.size <= this.window * 2) break;
      this.fromKeyspace.delete(id);
      this.findings.missing(pending.item);
    }
    const apiHorizon = this.lastMatchedApi - this.window;
    for (const [id, pending] of this.fromApi) {
      if (pending.position >= apiHorizon && this.fromApi.size <= this.window * 2) break;
      this.fromApi.delete(id);
      this.findings.extra(pending.item, pending.where);
    }
  }
}
