export interface Progress {
  add(rows: number): void;
  /** Prints the final line and returns the total. */
  done(): number;
}

/**
 * Row progress for long runs: `<label>: 120000 rows, 45210 rows/s`, at most once per `everyMs`, plus a last line.
 * The rate is over the whole run so far, which is what someone waiting wants to extrapolate from.
 */
export function rowProgress(label: string, write: (line: string) => void, everyMs = 1000): Progress {
  const began = performance.now();
  let rows = 0;
  let lastPrint = began;
  const line = (now: number) => {
    const seconds = Math.max((now - began) / 1000, 0.001);
    return `${label}: ${rows} rows, ${Math.round(rows / seconds)} rows/s`;
  };
  return {
    add(n) {
      rows += n;
      const now = performance.now();
      if (now - lastPrint >= everyMs) {
        lastPrint = now;
        write(line(now));
      }
    },
    done() {
      write(`${line(performance.now())} (done)`);
      return rows;
    },
  };
}
