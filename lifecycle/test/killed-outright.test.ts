import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cassandraJvmsUnder } from '@guestbook/cassandra';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandRun } from '../support/command.js';
import { killGroups, processesMatching } from '../support/processes.js';

const root = mkdtempSync(join(tmpdir(), 'guestbook-killed-outright-'));
afterAll(() => {
  killGroups(cassandraJvmsUnder(root));
  rmSync(root, { recursive: true, force: true });
});

/**
 * `npm run cassandra -- start` in a directory of its own, killed outright (SIGKILL to its whole group) once its JVM
 * runs; with `watchdogToo`, its watchdog is killed just before, as if the OOM killer or an operator had taken both.
 */
async function killStartMidway(home: string, watchdogToo = false): Promise<{ jvm: number; watchdog: number }> {
  const run = new CommandRun('cassandra', ['start', '--dir', join(home, 'node')], { home });
  try {
    const { jvm, watchdog } = await run.waitFor('JVM with its watchdog', () => watchedJvm(home), 120_000);
    if (watchdogToo) process.kill(watchdog, 'SIGKILL');
    run.kill();
    await run.ended(30_000);
    return { jvm, watchdog };
  } finally {
    run.kill();
  }
}

/** The JVM under `home` once its watchdog runs too (its command line ends with the JVM's pid). */
function watchedJvm(home: string): { jvm: number; watchdog: number } | undefined {
  const [jvm] = cassandraJvmsUnder(home);
  const [watchdog] = jvm ? processesMatching(`guestbook-watchdog\0${jvm}\0`) : [];
  return jvm && watchdog ? { jvm, watchdog } : undefined;
}

async function goneWithin(home: string, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(200))
    if (cassandraJvmsUnder(home).length === 0) return true;
  return cassandraJvmsUnder(home).length === 0;
}

async function finished(run: CommandRun): Promise<string> {
  const ending = await run.ended(240_000);
  if (ending.code !== 0) throw new Error(`npm run cassandra failed (${JSON.stringify(ending)}):\n${run.log}`);
  return run.log;
}

describe.concurrent('a start killed outright (SIGKILL), which no handler sees', () => {
  it('when the command is killed, then its watchdog kills the JVM within seconds', async () => {
    const home = mkdtempSync(join(root, 'watchdog-'));

    await killStartMidway(home);

    expect(await goneWithin(home, 10_000)).toBe(true);
  });

  it('when the watchdog dies too, then the next start in the directory stops the orphan, says so', async () => {
    const home = mkdtempSync(join(root, 'orphan-'));
    const { jvm } = await killStartMidway(home, true);
    await sleep(2000);
    expect(cassandraJvmsUnder(home)).toEqual([jvm]);

    const started = await finished(new CommandRun('cassandra', ['start', '--dir', join(home, 'node')], { home }));
    const stopped = await finished(new CommandRun('cassandra', ['stop', '--dir', join(home, 'node')], { home }));

    const dir = join(home, 'node');
    expect(started).toMatch(
      new RegExp(
        `^Stopping the Cassandra node \\(pid ${jvm}\\) that process \\d+ left running in ${dir} when it died$`,
        'm',
      ),
    );
    expect(started).toMatch(/^Running: CASSANDRA_CONTACT_POINTS=127\.0\.0\.1:\d+ /m);
    expect(stopped).toContain(`Stopped the node in ${dir}`);
    expect(cassandraJvmsUnder(home)).toEqual([]);
  });
});
