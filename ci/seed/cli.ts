import { parseArgs } from 'node:util';
import { seedProduction } from './seed-production.js';

const USAGE = `Usage: npm run seed-production -- [--api URL] [--ordinary N] [--no-corpus] [--seed N]

Signs the guestbook through its API as visitors would: N ordinary entries (default 40) with the hostile
corpus (ci/corpus/hostile-entries.json) among them. --api defaults to http://localhost:3000.`;

const { values } = parseArgs({
  options: {
    api: { type: 'string', default: 'http://localhost:3000' },
    ordinary: { type: 'string', default: '40' },
    'no-corpus': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const ordinary = Number(values.ordinary);
if (!Number.isInteger(ordinary) || ordinary < 0) {
  console.error(`--ordinary must be a whole number, not "${values.ordinary}"\n\n${USAGE}`);
  process.exit(2);
}

try {
  const began = performance.now();
  const result = await seedProduction(values.api, {
    ordinary,
    corpus: !values['no-corpus'],
    seed: Number(values.seed),
    log: (l) => console.error(l),
  });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(
    `Signed ${result.signed.length} entries at ${values.api} (${result.ordinary} ordinary, ${result.corpus} from the hostile corpus) in ${seconds} s`,
  );
} catch (error) {
  console.error(`Seeding failed: ${(error as Error).message}`);
  process.exit(1);
}
