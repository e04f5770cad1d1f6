import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WEB_DIR } from '../repo/paths.js';

/** A built file and the bytes of its body on the wire for each Accept-Encoding (undefined: not compressed). */
export type ServedSize = { file: string; bytes: number; gzip: number | undefined; br: number | undefined };

/** Builds the page (Vite prints its own size table). */
export function buildPage(): void {
  const options = { cwd: resolve(WEB_DIR, '..'), stdio: 'inherit' as const };
  const build = spawnSync('npm', ['run', 'build', '-w', '@guestbook/web'], options);
  if (build.status !== 0) throw new Error(`web build failed (exit ${build.status})`);
}

/** Body bytes as they arrive (not decoded), and the encoding the server chose. */
function fetchRaw(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolveBytes, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolveBytes({ bytes, encoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Every JS and CSS file of the build, as the server at `baseUrl` sends it to a client accepting gzip, or br. */
export async function measureServed(baseUrl: string): Promise<ServedSize[]> {
  const assets = join(WEB_DIR, 'dist', 'assets');
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  return Promise.all(
    files.map(async (file) => {
      const url = `${baseUrl}/assets/${file}`;
      const [gzip, br] = [await fetchRaw(url, 'gzip'), await fetchRaw(url, 'br')];
      return {
        file,
        bytes: statSync(join(assets, file)).size,
        gzip: gzip.encoding === 'gzip' ? gzip.bytes : undefined,
        br: br.encoding === 'br' ? br.bytes : undefined,
      };
    }),
  );
}
