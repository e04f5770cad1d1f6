/**
 * JVMs run in their own process group (so a terminal's Ctrl-C reaches us first and we can drain them), which also means
 * nothing kills them if this process dies. Every live node is registered here and hard-killed on exit as a last resort.
 */
const livePids = new Set<number>();
let hooked = false;

export function trackPid(pid: number): void {
  livePids.add(pid);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const p of livePids) {
        try {
          process.kill(-p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
}

export function untrackPid(pid: number): void {
  livePids.delete(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
