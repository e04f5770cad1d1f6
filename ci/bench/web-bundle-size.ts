import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const WEB_DIR = resolve(import.meta.dirname, '..', '..', 'web');

/**
 * The gzip levels of the two servers that send the page: the API's `compression` middleware (zlib's default, 6) and
 * nginx in the web image (gzip_comp_level unset: 1). The target is met only if what is sent meets it.
 */
export const SERVED_GZIP_LEVELS = { api: 6, nginx: 1 } as const;
export const SCRIPT_TARGET_BYTES = 70_000;

export type ChunkSize = { file: string; bytes: number; gzipBytes: Record<keyof typeof SERVED_GZIP_LEVELS, number> };

/** Builds the page (Vite prints its own size table) and measures every JS chunk as each server sends it gzipped. */
export function buildAndMeasure(): ChunkSize[] {
  const build = spawnSync('npm', ['run', 'build', '-w', '@guestbook/web'], { cwd: resolve(WEB_DIR, '..'), stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`web build failed (exit ${build.status})`);
  const assets = join(WEB_DIR, 'dist', 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      const gzipped = (level: number) => gzipSync(content, { level }).length;
      const gzipBytes = { api: gzipped(SERVED_GZIP_LEVELS.api), nginx: gzipped(SERVED_GZIP_LEVELS.nginx) };
      return { file, bytes: content.length, gzipBytes };
    });
}
