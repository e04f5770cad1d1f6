import { readText } from './repo-files.js';

/**
 * The Debian packages `.ci/run` installs on a fresh machine before `npm test`, read from its `missing+=(package)`
 * lines: the script stays the one list, and a CI image that lacks one of them is caught.
 */
export function packagesNpmTestNeeds(script = readText('.ci/run')): string[] {
  const lines = [...script.matchAll(/missing\+=\(([^)]*)\)/g)];
  const packages = lines.flatMap((match) => (match[1] ?? '').trim().split(/\s+/));
  if (packages.length === 0) {
    throw new Error('.ci/run: no `missing+=(package)` line, where the deploy checks read what npm test needs');
  }
  return [...new Set(packages)];
}
