import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cassandraJvmsUnder } from '@guestbook/cassandra';
import { afterAll, describe, expect, it } from 'vitest';
import type { Signal } from '../support/command.js';
import { interruptMidStart, type InterruptOptions, type InterruptedRun } from '../support/interrupt.js';
import { matrixTable } from '../support/matrix.js';
import { killGroups } from '../support/processes.js';

const root = mkdtempSync(join(tmpdir(), 'guestbook-interrupted-'));
const runs: InterruptedRun[] = [];
afterAll(() => {
  killGroups(cassandraJvmsUnder(root));
  rmSync(root, { recursive: true, force: true });
  process.stdout.write(`\n${matrixTable(runs)}\n`);
});

type Command = Pick<InterruptOptions, 'command' | 'script' | 'builds' | 'readsOnly'> & {
  args?: (home: string) => string[];
  env?: (home: string) => Record<string, string>;
};

const COMMANDS: Command[] = [
  {
    command: 'npm start',
    script: 'start',
    builds: 'web',
    env: (home) => ({ GUESTBOOK_DATA_DIR: home, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
  },
  // Both build the page only when web/dist is stale: after the first build they only read it.
  {
    command: 'npm run replay -- --no-browser',
    script: 'replay',
    args: () => ['--no-browser'],
    builds: 'web',
    readsOnly: true,
  },
  { command: 'npm run demo', script: 'demo', builds: 'web', readsOnly: true },
  {
    command: 'npm run bench:snapshot',
    script: 'bench:snapshot',
    args: (home) => ['--dir', join(home, 'bench'), '--sizes', '1000'],
  },
  { command: 'npm run bench:api', script: 'bench:api', builds: 'api' },
  { command: 'npm run bench:load', script: 'bench:load', builds: 'api' },
  { command: 'npm run bench:web', script: 'bench:web', builds: 'web' },
];
const SIGNALS: Signal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const cases = COMMANDS.flatMap((command) => SIGNALS.map((signal) => ({ ...command, signal })));
// Runs that build the same dist/ take turns (support/build-lock.ts): dealing the API's builders, the page's builders
// and the rest out in turn keeps both slots busy instead of one waiting for the other's build.
const groups = [
  cases.filter((each) => each.builds === 'api'),
  cases.filter((each) => each.builds === 'web' && !each.readsOnly),
  cases.filter((each) => !each.builds || each.readsOnly),
];
const ordered = Array.from({ length: Math.max(...groups.map((group) => group.length)) }, (_, i) =>
  groups.map((group) => group[i]),
)
  .flat()
  .filter((each) => each !== undefined);

// Two commands at a time (vitest.config.ts): most of a run is npm, node and a build starting, which two cores overlap.
describe.concurrent('a long command interrupted after its Cassandra JVM started', () => {
  for (const { command, script, builds, readsOnly, args, env, signal } of ordered) {
    it(`when ${command} gets ${signal}, then it ends by that signal and no JVM is left`, async () => {
      const home = mkdtempSync(join(root, `${script.replace(':', '-')}-${signal}-`));

      const run = await interruptMidStart({
        command,
        script,
        signal,
        home,
        args: args?.(home) ?? [],
        ...(env ? { env: env(home) } : {}),
        ...(builds ? { builds, readsOnly: readsOnly ?? false } : {}),
      });
      runs.push(run);

      expect(run.jvmsLeft, run.log).toEqual([]);
      expect(run.endedBySignal, `${JSON.stringify(run.ending)}\n${run.log}`).toBe(true);
    });
  }
});
