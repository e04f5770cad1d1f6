import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { javaBinary } from '@guestbook/cassandra';

const compiled = new Map<string, Promise<string | undefined>>();

/**
 * Compiles one Java source file once per source version into ~/.cache/guestbook/<cacheName>/<hash>/ and returns that
 * directory; undefined when no javac is at hand. A source that does not compile is an error, not a reason to do without.
 */
export function compiledClasses(source: string, cacheName: string, classpath?: string): Promise<string | undefined> {
  let classes = compiled.get(source);
  if (!classes) {
    classes = compile(source, cacheName, classpath);
    compiled.set(source, classes);
  }
  return classes;
}

async function compile(source: string, cacheName: string, classpath: string | undefined): Promise<string | undefined> {
  const text = await readFile(source);
  const dir = join(
    homedir(),
    '.cache',
    'guestbook',
    cacheName,
    createHash('sha256').update(text).digest('hex').slice(0, 16),
  );
  if (existsSync(join(dir, basename(source).replace(/\.java$/, '.class')))) return dir;
  await mkdir(dirname(dir), { recursive: true });
  const staging = await mkdtemp(`${dir}.partial-`);
  const javac = javaBinary().replace(/java$/, 'javac');
  let errors = '';
  const outcome = await new Promise<'compiled' | 'no-javac' | 'failed'>((done) => {
    const child = spawn(javac, ['-d', staging, ...(classpath ? ['-cp', classpath] : []), source], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.on('error', () => done('no-javac'));
    child.on('close', (code) => done(code === 0 ? 'compiled' : 'failed'));
  });
  if (outcome !== 'compiled') {
    await rm(staging, { recursive: true, force: true });
    if (outcome === 'failed') throw new Error(`javac could not compile ${source}:\n${errors.slice(-2000)}`);
    return undefined;
  }
  await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true })); // another process won the race
  return dir;
}
