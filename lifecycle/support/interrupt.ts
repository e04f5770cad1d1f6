import { cassandraJvmsUnder } from '@guestbook/cassandra';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandRun, endedBy, type Ending, type Signal } from './command.js';
import { distLock } from './build-lock.js';

export interface InterruptedRun {
  command: string;
  signal: Signal;
  /** From `npm run` until the JVM showed up, then from the signal until every process of the command ended. */
  msToJvm: number;
  msToEnd: number;
  ending: Ending;
  endedBySignal: boolean;
  /** The JVMs still there 10 s after the command ended (checked until none is left). */
  jvmsLeft: number[];
  log: string;
}

export interface InterruptOptions {
  command: string;
  script: string;
  args: string[];
  env?: Record<string, string>;
  home: string;
  signal: Signal;
  /** The dist/ folder the command builds before its JVM starts, or only reads (checks it is fresh), if any. */
  builds?: 'web' | 'api';
  readsOnly?: boolean;
  /** The JVMs to watch for instead of Cassandra under `home` (a snapshot take starts only a JMX client). */
  jvms?: (run: CommandRun) => number[];
}

/** Runs the command, sends the signal once its JVM runs, and reports how the command ended and what it left. */
export async function interruptMidStart(options: InterruptOptions): Promise<InterruptedRun> {
  const lock = options.builds ? distLock(options.builds) : undefined;
  const release = lock ? await (options.readsOnly ? lock.read() : lock.build()) : () => {};
  const run = new CommandRun(options.script, options.args, {
    home: options.home,
    ...(options.env ? { env: options.env } : {}),
  });
  const jvms = () => options.jvms?.(run) ?? cassandraJvmsUnder(options.home);
  try {
    try {
      await run.waitFor('JVM', () => (jvms().length > 0 ? true : undefined), 180_000);
    } finally {
      release();
    }
    const msToJvm = Date.now() - run.began;
    run.send(options.signal);
    const signalled = Date.now();
    const ending = await run.ended(120_000);
    const msToEnd = Date.now() - signalled;
    let jvmsLeft = jvms();
    for (const deadline = Date.now() + 10_000; jvmsLeft.length > 0 && Date.now() < deadline; await sleep(200))
      jvmsLeft = jvms();
    const { command, signal } = options;
    return {
      command,
      signal,
      msToJvm,
      msToEnd,
      ending,
      endedBySignal: endedBy(ending, signal),
      jvmsLeft,
      log: run.log,
    };
  } finally {
    run.kill();
  }
}
