/**
 * npm run bench:masking-compare [-- --dir .data/masking-compare]
 *
 * Masks the demo's production data (the hostile corpus and the 40 ordinary entries the demo seeds) with each method
 * and prints, per method, how much of the text's shape survives, how much of its letters, and whether the demo's
 * regression (ci/regressions/001-author-initials-utf16.patch) still fails on the masked names. Cassandra's own
 * functions run on a real node started for the purpose. The table goes into docs/masking.md.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadHostileCorpus } from '../seed/corpus.js';
import { ordinaryEntries } from '../seed/ordinary-entries.js';
import { createMasker } from '../snapshot/masking/index.js';
import { enumeratedProperty } from '../snapshot/masking/tables/unicode-properties.js';
import { CASSANDRA_FUNCTIONS, maskWithCassandra } from './masking-compare/cassandra-masking.js';
import { breaksNaiveInitials } from './masking-compare/naive-initials.js';
import { sameBlockSubstitution } from './masking-compare/same-block-substitution.js';
import { shapeMetrics, type ShapeMetrics } from './masking-compare/shape-metrics.js';

const { values: args } = parseArgs({ options: { dir: { type: 'string', default: '.data/masking-compare' } } });
const home = resolve(process.env.INIT_CWD ?? process.cwd(), args.dir);

const entries = [...loadHostileCorpus(), ...ordinaryEntries(40, 1)];
const names = entries.map((e) => e.name);
const values = entries.flatMap((e) => [e.name, e.message]);
const isName = (index: number) => index % 2 === 0;

const ours = createMasker({ key: 'comparison-key-not-a-secret' });
const sameBlock = await sameBlockSubstitution(1);
const cassandra = await maskWithCassandra(values, home, (line) => console.error(line));
const methods = new Map<string, string[]>([
  ['shape-v1 (ours)', values.map((v) => ours.maskText(v))],
  ...CASSANDRA_FUNCTIONS.map((fn) => [`Cassandra 5.0 \`${fn}\``, cassandra.get(fn)!] as [string, string[]]),
  ['same-block substitution (reference)', values.map(sameBlock)],
]);

const script = await enumeratedProperty('Script');
const breakingOriginals = names.filter(breaksNaiveInitials).length;
const count = (list: ShapeMetrics[], key: keyof ShapeMetrics) => `${list.filter((m) => m[key]).length}/${list.length}`;

console.log(
  `Data: ${values.length} values (names and messages of the ${entries.length} entries the demo seeds: ` +
    `the hostile corpus and ordinaryEntries(40, 1)); ${breakingOriginals} of the ${names.length} names break the ` +
    "regression's initials before masking.\n",
);
console.log(
  '| method | well-formed | grapheme count kept | code point, UTF-16 and UTF-8 lengths kept | ' +
    'script of every code point kept | NFC/NFD status kept | emoji, joiners, bidi, marks, spaces kept in place | ' +
    '3-letter runs of the original left in place | names on which the regression still fails |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [method, masked] of methods) {
  const metrics = values.map((v, i) => shapeMetrics(v, masked[i]!, script));
  const runs = metrics.reduce((sum, m) => sum + m.letterRuns, 0);
  const inPlace = metrics.reduce((sum, m) => sum + m.letterRunsInPlace, 0);
  const stillFailing = masked.filter((m, i) => isName(i) && breaksNaiveInitials(m)).length;
  console.log(
    `| ${method} | ${count(metrics, 'wellFormed')} | ${count(metrics, 'graphemesKept')} | ` +
      `${count(metrics, 'lengthsKept')} | ${count(metrics, 'scriptsKept')} | ${count(metrics, 'normalizationKept')} | ` +
      `${count(metrics, 'hostileKept')} | ${inPlace}/${runs} | ${stillFailing}/${breakingOriginals} |`,
  );
}
console.log("\nExamples (the newest entry's name and one from the corpus):");
for (const index of [0, 2 * 6]) {
  for (const [method, masked] of methods) {
    console.log(`  ${method}: ${JSON.stringify(values[index])} → ${JSON.stringify(masked[index])}`);
  }
}
