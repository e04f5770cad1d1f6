/** Lines the replay passes on to the person waiting; everything else the runner prints goes to its log file. */
export const PROGRESS_PREFIX = 'replay progress: ';

const count = (n: number) => n.toLocaleString('en-US');

/** `listed 250,000 of 1,000,000 (25%), 8,120/s, about 92 s left`, at most once per `everyMs`. */
export function progressLine(what: string, total: number, everyMs = 2000) {
  const began = performance.now();
  let last = began;
  return (done: number) => {
    const now = performance.now();
    if (now - last < everyMs && done < total) return;
    last = now;
    const rate = done / Math.max((now - began) / 1000, 0.001);
    const percent = total ? Math.floor((done / total) * 100) : 100;
    const left = rate > 0 && done < total ? `, about ${Math.ceil((total - done) / rate)} s left` : '';
    process.stderr.write(
      `${PROGRESS_PREFIX}${what} ${count(done)} of ${count(total)} (${percent}%), ${count(Math.round(rate))}/s${left}\n`,
    );
  };
}

export { count };
