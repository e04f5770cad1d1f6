import type { PeerResult, PeerStep } from './snapshot-bench-peers.js';

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** One row per size and step, then how our logical path compares with cqlsh COPY, with the targets. */
export function printPeerReport(results: PeerResult[], sizes: number[]): void {
  if (results.length === 0) return;
  console.log('\n| entries | rows | step | s | of which schema s | rows/s | CPU s | peak RSS MiB |');
  console.log('|--------:|-----:|------|--:|------------------:|-------:|------:|-------------:|');
  for (const r of results) {
    const rate = Math.round(r.rows / (r.ms / 1000));
    console.log(
      `| ${r.entries.toLocaleString('en-US')} | ${r.rows.toLocaleString('en-US')} | ${r.step} | ${seconds(r.ms)} | ${r.schemaMs === undefined ? '' : seconds(r.schemaMs)} | ${rate.toLocaleString('en-US')} | ${seconds(r.cpuMs)} | ${(r.peakRssBytes / 2 ** 20).toFixed(0)} |`,
    );
  }
  console.log('');
  for (const size of sizes) {
    const find = (step: PeerStep) => results.find((r) => r.entries === size && r.step === step);
    const [take, restore, copyTo, copyFrom] = [
      find('ours: logical take')?.ms,
      find('ours: restore as SSTables'),
      find('cqlsh COPY TO')?.ms,
      find('cqlsh COPY FROM')?.ms,
    ];
    if (take === undefined || restore === undefined) continue;
    const ratio = (peer: number | undefined, ours: number) =>
      peer === undefined ? 'n/a' : `${(peer / ours).toFixed(1)}x`;
    console.log(
      `${size}: COPY TO / our take ${ratio(copyTo, take)}, COPY FROM / our restore ${ratio(copyFrom, restore.ms)} ` +
        `(${ratio(copyFrom, restore.ms - (restore.schemaMs ?? 0))} without creating the schema, which COPY gets made) ` +
        `(targets >= 2x at 1M); our take + restore ${seconds(take + restore.ms)} s (target at 1M <= 60 s)`,
    );
  }
}
