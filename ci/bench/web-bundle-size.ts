import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const WEB_DIR = resolve(import.meta.dirname, '..', '..', 'web');

export type ChunkSize = { file: string; bytes: number; gzipBytes: number };

/** Builds the page (Vite prints its own size table) and measures every JS chunk as a server would send it gzipped. */
export function buildAndMeasure(): ChunkSize[] {
  const build = spawnSync('npm', ['run', 'build', '-w', '@guestbook/web'], { cwd: resolve(WEB_DIR, '..'), stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`web build failed (exit ${build.status})`);
  const assets = join(WEB_DIR, 'dist', 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
}
