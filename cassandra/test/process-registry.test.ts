import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../src/processes.js';

// The driver runs under plain node with tsx only as a loader, which adds no signal handling of its own.
const DRIVER = new URL('./fixtures/tracked-process.ts', import.meta.url).pathname;
const leftovers: number[] = [];
afterAll(() => {
  for (const pid of leftovers) if (isAlive(pid)) process.kill(-pid, 'SIGKILL');
});

interface Run {
  driver: ChildProcess;
  trackedPid: number;
  output: () => string;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function runDriver(...args: string[]): Promise<Run> {
  const driver = spawn(process.execPath, ['--import', 'tsx', DRIVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  driver.stdout.on('data', (d: Buffer) => (output += d.toString()));
  driver.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    driver.on('exit', (code, signal) => done({ code, signal })),
  );
  for (const deadline = Date.now() + 30_000; !/tracking \d+/.test(output); await sleep(50)) {
    if (Date.now() > deadline || driver.exitCode !== null) throw new Error(`The driver did not start:\n${output}`);
  }
  const trackedPid = Number(/tracking (\d+)/.exec(output)![1]);
  leftovers.push(trackedPid);
  return { driver, trackedPid, output: () => output, ended };
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(50)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

// Each case is a process of its own: they run side by side.
describe.concurrent('process registry', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`when ${signal} arrives and nothing handles it, then the tracked process dies, then ${signal}`, async () => {
      const run = await runDriver('plain');

      run.driver.kill(signal);

      expect(await run.ended).toEqual({ code: null, signal });
      expect(await goneWithin(run.trackedPid, 5000)).toBe(true);
    });
  }

  it('when a graceful step is registered, then it runs before the tracked process is killed', async () => {
    const run = await runDriver('graceful', '300');

    run.driver.kill('SIGTERM');

    expect(await run.ended).toEqual({ code: null, signal: 'SIGTERM' });
    expect(run.output()).toContain('step began on SIGTERM, tracked process running\nstep done\n');
    expect(await goneWithin(run.trackedPid, 5000)).toBe(true);
  });

  it('when the same signal comes again at once (npm passing Ctrl-C on), then the graceful step finishes', async () => {
    const run = await runDriver('graceful', '1000');

    run.driver.kill('SIGINT');
    await sleep(100);
    run.driver.kill('SIGINT');

    expect(await run.ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(run.output()).toContain('step done');
  });

  it('when a second signal comes later, then it stops at once without waiting for the step', async () => {
    const run = await runDriver('graceful', '60000');

    run.driver.kill('SIGINT');
    await sleep(2500);
    run.driver.kill('SIGINT');

    expect(await run.ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(run.output()).not.toContain('step done');
    expect(await goneWithin(run.trackedPid, 5000)).toBe(true);
  });

  it('when the command handles the signal itself, then its handler decides; exit kills the rest', async () => {
    const run = await runDriver('own-handler', '500');

    run.driver.kill('SIGINT');
    await sleep(100);
    run.driver.kill('SIGINT'); // the repeat npm sends: not a reason to cut the command's own shutdown short

    expect(await run.ended).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain('own handler');
    expect(await goneWithin(run.trackedPid, 5000)).toBe(true);
  });

  for (const [behaviour, text] of [
    ['throw', 'thrown on purpose'],
    ['reject', 'rejected on purpose'],
  ] as const) {
    it(`when an uncaught error (${behaviour}) ends it, then it is printed and the tracked process killed`, async () => {
      const run = await runDriver(behaviour);

      expect(await run.ended).toEqual({ code: 1, signal: null });
      expect(run.output()).toContain(text);
      expect(await goneWithin(run.trackedPid, 5000)).toBe(true);
    });
  }

  it('when the command is killed outright (SIGKILL), then the watchdog kills the tracked process', async () => {
    const run = await runDriver('plain');

    run.driver.kill('SIGKILL');

    expect(await run.ended).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await goneWithin(run.trackedPid, 5000)).toBe(true);
  });

  it('when a tracked process is let go, then it outlives the command', async () => {
    const run = await runDriver('leave-running');

    expect(await run.ended).toEqual({ code: 0, signal: null });
    await sleep(1000);
    expect(isAlive(run.trackedPid)).toBe(true);
  });
});
