import { parentPort, workerData } from 'node:worker_threads';
import { TextColumnProfiler } from './text-column-profiler.js';
import type { UnicodeTables } from './unicode-tables.js';
import type { ProfileBatch, ProfiledColumn, ToProfileThread } from './profile-thread.js';

// The drift profile's thread: it receives batches of text cells from a logical take's scan and runs every column's
// TextColumnProfiler on them, so that their CPU is spent beside the scan instead of on its path.

const port = parentPort!;
const { columns, unicode } = workerData as { columns: ProfiledColumn[]; unicode: UnicodeTables };
const profilers = columns.map(({ table, column }) => new TextColumnProfiler(unicode, table, column));

function profile(batch: ProfileBatch): void {
  for (let i = 0; i < batch.texts.length; i++) profilers[batch.columns[i]!]!.add(batch.texts[i]!, batch.times[i]!);
}

port.on('message', (message: ToProfileThread) => {
  if (message.kind === 'batch') {
    profile(message);
    port.postMessage({ kind: 'done-batch' });
  } else {
    port.postMessage({ kind: 'profiles', columns: profilers.map((p) => p.toJSON()) });
  }
});
