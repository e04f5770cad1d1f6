import { spawn } from 'node:child_process';
import pidtree from 'pidtree';
import pidusage from 'pidusage';

export interface MeasuredRun {
  ms: number;
  /** Highest total resident memory of the process and all its descendants, sampled every `sampleMs`. */
  peakRssBytes: number;
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
  let peakRssBytes = 0;
  let sampling = false;
  const sample = async () => {
    if (sampling || child.pid === undefined) return;
    sampling = true;
    try {
      const pids = await pidtree(child.pid, { root: true });
      const usage = await pidusage(pids);
      peakRssBytes = Math.max(
        peakRssBytes,
        Object.values(usage).reduce((sum, u) => sum + (u?.memory ?? 0), 0),
      );
    } catch {
      // A process ended between listing and reading it: the next sample sees the tree as it is then.
    } finally {
      sampling = false;
    }
  };
  const timer = setInterval(() => void sample(), options.sampleMs ?? 200);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  clearInterval(timer);
  pidusage.clear();
  const ms = performance.now() - began;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-3000)}`);
  return { ms, peakRssBytes, stdout, stderr };
}
