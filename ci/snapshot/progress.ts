export interface Progress {
  add(rows: number): void;
  /** Prints the final line and returns the total. */
  done(): number;
}

export interface ProgressOptions {
  everyMs?: number;
  /** Rows expected in all, when known beforehand (a restore knows them from the manifest). */
  total?: number;
  /** Share of the work done, 0..1, when the rows to come are not known (a scan knows how much of the ring it has read). */
  fraction?: () => number;
}

/**
 * Row progress for long runs: `<label>: 120000 rows, 45210 rows/s, 40%, ETA 4 s`, at most once per `everyMs`, plus a
 * last line. The rate is over the whole run so far, which is what someone waiting wants to extrapolate from; the ETA
 * assumes the rest goes at that rate.
 */
export function rowProgress(label: string, write: (line: string) => void, options: ProgressOptions = {}): Progress {
  const began = performance.now();
  const everyMs = options.everyMs ?? 1000;
  let rows = 0;
  let lastPrint = began;
  const share = () => (options.total ? Math.min(rows / options.total, 1) : options.fraction?.());
  const line = (now: number, finished: boolean) => {
    const seconds = Math.max((now - began) / 1000, 0.001);
    const head = `${label}: ${rows} rows, ${Math.round(rows / seconds)} rows/s`;
    const done = share();
    if (finished || done === undefined) return head;
    const eta = done > 0 ? `ETA ${Math.round((seconds * (1 - done)) / done)} s` : 'ETA unknown';
    return `${head}, ${Math.floor(done * 100)}%, ${eta}`;
  };
  return {
    add(n) {
      rows += n;
      const now = performance.now();
      if (now - lastPrint >= everyMs) {
        lastPrint = now;
        write(line(now, false));
      }
    },
    done() {
      write(`${line(performance.now(), true)} (done)`);
      return rows;
    },
  };
}
