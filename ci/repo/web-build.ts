import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, WEB_DIR } from './paths.js';

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds web/dist when it is missing or older than any of the page's sources, so the browser tests see the current page. */
export function ensureWebBuilt(log: (line: string) => void = () => {}): void {
  const built = join(WEB_DIR, 'dist', 'index.html');
  const sourcesChanged = Math.max(...SOURCES.map((s) => newestMtime(join(WEB_DIR, s))));
  if (existsSync(built) && statSync(built).mtimeMs >= sourcesChanged) return;
  log('Building the page (web/dist is missing or stale)...');
  // Under a test runner NODE_ENV is "test", and Vite would then bundle React's development build (twice the size).
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('npm', ['run', 'build', '-w', '@guestbook/web'], { cwd: REPO_ROOT, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`Building the page failed (exit ${result.status})`);
}
