import { watchProcessGroup, type Watchdog } from './watchdog.js';

/**
 * JVMs run in their own process group (so a terminal's Ctrl-C reaches this process first and it can drain them), which
 * also means nothing stops them when this process ends. Every JVM started here is tracked and hard-killed as a last
 * resort: on exit, on an uncaught error, on SIGINT, SIGTERM and SIGHUP (Node fires no 'exit' when a signal ends it),
 * and by a watchdog when this process is killed outright. See docs/process-lifecycle.md.
 */
export type ShutdownStep = (signal: NodeJS.Signals) => Promise<void> | void;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** npm passes a terminal's Ctrl-C on to a process group that already got it: a repeat this soon is the same request. */
const REPEAT_MS = 2000;
/** Graceful steps that take longer than this (a drain and a stop take seconds) give way to the kill. */
const GRACE_MS = 60_000;

const tracked = new Map<number, Watchdog>();
const steps = new Set<ShutdownStep>();
let hooked = false;
let firstSignalAt: number | undefined;

/**
 * Call before spawning a JVM: until a listener is installed a signal ends this process the default way at once, and
 * one arriving between the spawn and trackPid would leave the new JVM behind.
 */
export function installShutdownHandling(): void {
  hook();
}

export function trackPid(pid: number): void {
  tracked.set(pid, watchProcessGroup(pid));
  hook();
}

/** Stops tracking a JVM: it has exited, or it is meant to outlive this process. */
export function untrackPid(pid: number): void {
  tracked.get(pid)?.release();
  tracked.delete(pid);
}

/**
 * Registers a graceful step (stop the API, drain a node) to run when SIGINT, SIGTERM or SIGHUP arrives; once all steps
 * finished, JVMs still tracked are killed and the signal is raised again, so the exit status names it. Returns a
 * function that removes the step. A second signal (after the repeat window) skips the steps still running.
 */
export function onShutdown(step: ShutdownStep): () => void {
  steps.add(step);
  hook();
  return () => void steps.delete(step);
}

function killTracked(): void {
  for (const pid of tracked.keys()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killTracked);
  // A monitor does not change what an uncaught error does (print it, exit 1); it only runs first.
  process.on('uncaughtExceptionMonitor', () => {
    if (process.listenerCount('uncaughtException') === 0) killTracked();
  });
  // First in line, so it sees whether a command handles the signal itself before that command's listener runs.
  for (const signal of SIGNALS) process.prependListener(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  const repeat = firstSignalAt !== undefined && Date.now() - firstSignalAt < REPEAT_MS;
  const again = firstSignalAt !== undefined && !repeat;
  firstSignalAt ??= Date.now();
  // A command listening for the signal itself owns its shutdown; the exit hook stays the last resort.
  if (process.listeners(signal).some((listener) => listener !== onSignal)) return;
  if (repeat) return;
  if (again || steps.size === 0) return stopNow(signal);
  void runSteps(signal).finally(() => stopNow(signal));
}

async function runSteps(signal: NodeJS.Signals): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<void>((done) => (timer = setTimeout(done, GRACE_MS)));
  const all = Promise.allSettled([...steps].map(async (step) => step(signal)));
  await Promise.race([all, patience]);
  clearTimeout(timer);
}

function stopNow(signal: NodeJS.Signals): void {
  killTracked();
  for (const each of SIGNALS) process.removeListener(each, onSignal);
  process.kill(process.pid, signal);
}
