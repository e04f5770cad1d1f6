import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JAVA_HOME under `root` whose java answers `-version` the way the given JDK does (on stderr), and nothing else. */
export function fakeJavaHome(root: string, versionLine: string): string {
  const home = mkdtempSync(join(root, 'jdk-'));
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(join(home, 'bin', 'java'), 0o755);
  return home;
}

/** A PATH holding only what npm and node need to run, so `mvn` is not found whatever the machine has. */
export function pathWithoutMaven(root: string): string {
  const bin = mkdtempSync(join(root, 'bin-'));
  for (const tool of ['node', 'npm', 'sh']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(tool === 'node' ? process.execPath : found, join(bin, tool));
  }
  return bin;
}
