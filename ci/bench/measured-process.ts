import { spawn } from 'node:child_process';
import pidtree from 'pidtree';
import pidusage from 'pidusage';

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
  let peakRssBytes = 0;
  const cpuByPid = new Map<number, number>();
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
      for (const [pid, u] of Object.entries(usage)) if (u) cpuByPid.set(Number(pid), u.ctime);
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
  const cpuMs = [...cpuByPid.values()].reduce((sum, ms) => sum + ms, 0);
  return { ms, peakRssBytes, cpuMs, stdout, stderr };
}
