import { Worker } from 'node:worker_threads';
import { cellColumns, keyColumns, SnapshotError, type TableManifest } from '../artifact/manifest.js';
import { storedEncoding } from '../logical/cell-codec.js';
import type { ColumnProfile } from './text-column-profiler.js';
import { unicodeTables, type UnicodeTables } from './unicode-tables.js';

/** Cells per message: large enough that posting costs little per cell, small enough to keep memory flat. */
const BATCH_CELLS = 8192;
/** Batches posted and not yet profiled before the scan waits: memory stays a few MiB whatever the keyspace holds. */
const MAX_BATCHES_IN_FLIGHT = 4;

type ProfiledTable = Pick<TableManifest, 'name' | 'columns'>;

export interface ProfiledColumn {
  table: string;
  column: string;
}

/** Text cells and their write times (µs), each with the index of its column in the thread's list; `texts` says how many. */
export interface ProfileBatch {
  columns: Uint16Array;
  texts: string[];
  times: Float64Array;
}

export type ToProfileThread = ({ kind: 'batch' } & ProfileBatch) | { kind: 'finish' };
type FromProfileThread = { kind: 'done-batch' } | { kind: 'profiles'; columns: ColumnProfile[] };

/** A row as a logical take writes it: key values, then null or [value, writetime, expiresAt] per cell column. */
type RowLine = unknown[];

/** Sees a table's rows as the take writes them; the scan awaits `pageDone` after each page (back-pressure). */
export interface RowObserver {
  row(line: RowLine): void;
  pageDone(): Promise<void> | undefined;
}

/**
 * The drift profile of a logical take, computed on a worker thread. The scan only copies each text cell and its
 * write time into a batch; the thread profiles them while the scan goes on. Measured before this: profiling on the
 * scan's own thread added 17 % to a take of 1M entries, whose thread is busy all the time.
 */
export class ProfileThread {
  private readonly worker: Worker;
  private readonly columns: ProfiledColumn[];
  private batch = emptyBatch();
  private inFlight = 0;
  private failure: Error | undefined;
  /** Scan lanes paused until the thread catches up: a take scans several token ranges at once. */
  private waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private profiles: Promise<ColumnProfile[]> | undefined;

  /** Starts the thread for the text cell columns of `tables` (the Unicode tables are built first, once per process). */
  static async start(tables: ProfiledTable[]): Promise<ProfileThread> {
    return new ProfileThread(tables, await unicodeTables());
  }

  private constructor(tables: ProfiledTable[], unicode: UnicodeTables) {
    this.columns = tables.flatMap((table) => textCells(table).map(({ name }) => ({ table: table.name, column: name })));
    // The tables' arrays live in shared memory: the thread reads them without a copy.
    this.worker = new Worker(new URL('./profile-worker.mjs', import.meta.url), {
      workerData: { columns: this.columns, unicode },
      execArgv: [],
    });
    this.worker.on('message', (message: FromProfileThread) => {
      if (message.kind !== 'done-batch') return;
      this.inFlight--;
      if (this.inFlight < MAX_BATCHES_IN_FLIGHT) this.release();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`it exited with code ${code}`)));
  }

  observerFor(table: ProfiledTable): RowObserver | undefined {
    const first = keyColumns(table).length;
    const targets = textCells(table).map(({ at, name }) => ({
      at: first + at,
      index: this.columns.findIndex((c) => c.table === table.name && c.column === name),
    }));
    if (targets.length === 0) return undefined;
    return {
      row: (line) => {
        for (const { at, index } of targets) {
          const cell = line[at] as [string, string, number | null] | null;
          if (cell) this.add(index, cell[0], Number(cell[1]));
        }
      },
      pageDone: () => this.backPressure(),
    };
  }

  /** Every column's profile, once the thread has profiled every cell sent to it; the thread then ends. */
  finish(): Promise<ColumnProfile[]> {
    this.profiles ??= (async () => {
      this.flush();
      this.worker.postMessage({ kind: 'finish' } satisfies ToProfileThread);
      const settled = new Promise<ColumnProfile[]>((resolve, reject) => {
        this.worker.on('message', (message: FromProfileThread) => {
          if (message.kind === 'profiles') resolve(message.columns);
        });
        this.worker.once('error', reject);
        this.worker.once('exit', (code) => reject(this.failure ?? new Error(`it exited with code ${code}`)));
      });
      try {
        return await settled;
      } catch (error) {
        throw profileFailed(error);
      } finally {
        await this.close();
      }
    })();
    return this.profiles;
  }

  /** Ends the thread (on every path out of the take; a no-op once it has ended). */
  async close(): Promise<void> {
    this.failure ??= new Error('it was ended before the profile was finished');
    this.worker.removeAllListeners('exit');
    if (this.worker.threadId !== -1) await this.worker.terminate();
  }

  private add(column: number, text: string, writtenAt: number): void {
    const { batch } = this;
    const i = batch.texts.length;
    batch.columns[i] = column;
    batch.times[i] = writtenAt;
    batch.texts.push(text);
    if (batch.texts.length === BATCH_CELLS) this.flush();
  }

  private flush(): void {
    if (this.failure) throw profileFailed(this.failure);
    const { batch } = this;
    if (batch.texts.length === 0) return;
    // The typed arrays move to the thread (transferred, not copied); the strings are copied.
    this.worker.postMessage({ kind: 'batch', ...batch } satisfies ToProfileThread, [
      batch.columns.buffer,
      batch.times.buffer,
    ]);
    this.inFlight++;
    this.batch = emptyBatch();
  }

  private backPressure(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(profileFailed(this.failure));
    if (this.inFlight < MAX_BATCHES_IN_FLIGHT) return undefined;
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const lane of waiting) lane.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = [];
    for (const lane of waiting) lane.reject(profileFailed(error));
  }
}

const emptyBatch = () => ({
  columns: new Uint16Array(BATCH_CELLS),
  texts: [] as string[],
  times: new Float64Array(BATCH_CELLS),
});

const textCells = (table: ProfiledTable) =>
  cellColumns(table).flatMap((c, at) => (storedEncoding(c) === 'text' ? [{ at, name: c.name }] : []));

const profileFailed = (error: unknown) =>
  new SnapshotError(
    `The drift profile's thread failed (${error instanceof Error ? error.message : String(error)}); ` +
      'take the snapshot again, or with --no-profile to skip the profile',
  );
