import { spawn } from 'node:child_process';
import { watchProcessTree } from './process-tree-watch.js';

export interface MeasuredRun {
  ms: number;
  /** Highest total resident memory of the process and all its descendants, sampled every `sampleMs`. */
  peakRssBytes: number;
  /** CPU time (user + system) of the tree, as last sampled: against `ms`, it says how much of the run was waiting. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end, timing it and sampling the memory of its whole process tree: a tool that forks workers
 * (cqlsh COPY) or starts a JVM (the SSTable writer) is measured with them.
 */
export async function runMeasured(
  command: string,
  args: string[],
  options: { cwd?: string; sampleMs?: number } = {},
): Promise<MeasuredRun> {
  const began = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const watch = watchProcessTree(child.pid!, { sampleMs: options.sampleMs });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const { peakRssBytes, cpuMs } = watch.stop();
  const ms = performance.now() - began;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-3000)}`);
  return { ms, peakRssBytes, cpuMs, stdout, stderr };
}
