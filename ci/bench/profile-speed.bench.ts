/**
 * npm run bench:drift-profile [-- --entries 200000 --repeat 3]
 *
 * The drift profile's hot loop alone (TextColumnProfiler.add), on the values a logical take of the snapshot benchmark
 * hands it: the names and messages of synthetic entries, with the hostile corpus mixed in every 1,000 entries. Prints
 * nanoseconds per value (CPU, fastest of --repeat runs). No Cassandra: run it under `node --cpu-prof` to see where the
 * time goes.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadHostileCorpus } from '../seed/corpus.js';
import { syntheticEntry } from '../seed/synthetic-entries.js';
import { TextColumnProfiler } from '../snapshot/profile/text-column-profiler.js';
import { unicodeTables } from '../snapshot/profile/unicode-tables.js';

const { values: args } = parseArgs({
  options: { entries: { type: 'string', default: '200000' }, repeat: { type: 'string', default: '3' } },
});
const entries = Number(args.entries);
const corpus = loadHostileCorpus();
const rows = Array.from({ length: entries }, (_, i) =>
  i % 1000 === 999 ? corpus[Math.floor(i / 1000) % corpus.length]! : syntheticEntry(i),
);
// As the driver gives them: a fresh string per row, so that nothing is cached by identity between runs.
const fresh = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
const unicode = await unicodeTables();

let best = Infinity;
let checksum = '';
for (let run = 0; run < Number(args.repeat); run++) {
  const values = rows.map((row) => [fresh(row.name), fresh(row.message)] as const);
  const names = new TextColumnProfiler(unicode, 'entries_by_id', 'name');
  const messages = new TextColumnProfiler(unicode, 'entries_by_id', 'message');
  const cpu = process.cpuUsage();
  values.forEach(([name, message], i) => {
    names.add(name, i);
    messages.add(message, i);
  });
  const used = process.cpuUsage(cpu);
  best = Math.min(best, (used.user + used.system) * 1000);
  checksum = JSON.stringify([names.toJSON(), messages.toJSON()]).length.toString();
}

console.log(
  `| values | ns/value (CPU, best of ${args.repeat}) | profile JSON chars | load average | cores |\n| --- | --- | --- | --- | --- |\n` +
    `| ${(entries * 2).toLocaleString('en')} | ${Math.round(best / (entries * 2))} | ${checksum} | ` +
    `${loadavg()[0]!.toFixed(1)} | ${availableParallelism()} |`,
);
