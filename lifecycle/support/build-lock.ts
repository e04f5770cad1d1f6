/**
 * Commands that build the page (Vite) or the API (tsc) before their JVM starts must not build at the same time (both
 * would write the same dist/ folder), and a command that only checks that dist/ is fresh (the replay, the demo) must
 * not look while one builds. A run holds the lock for its folder until its JVM is up.
 */
class DistLock {
  private lastBuild: Promise<void> = Promise.resolve();
  private readersSinceBuild: Promise<void>[] = [];

  /** Waits for the build before it and for every reader since; later readers and builders wait for this one. */
  async build(): Promise<() => void> {
    const before = Promise.all([this.lastBuild, ...this.readersSinceBuild]).then(() => {});
    const { held, release } = hold();
    this.lastBuild = before.then(() => held);
    this.readersSinceBuild = [];
    await before;
    return release;
  }

  /** Waits only for the builds queued before it; readers share. */
  async read(): Promise<() => void> {
    const before = this.lastBuild;
    const { held, release } = hold();
    this.readersSinceBuild.push(held);
    await before;
    return release;
  }
}

function hold(): { held: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  return { held, release };
}

const locks = new Map<string, DistLock>();

export function distLock(folder: 'web' | 'api'): DistLock {
  const lock = locks.get(folder) ?? new DistLock();
  locks.set(folder, lock);
  return lock;
}
