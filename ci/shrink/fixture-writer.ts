import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeUnusual } from '../entries/code-points.js';
import type { StoredRow } from '../entries/stored-entries.js';
import type { FixtureEntry, FixtureHeader } from '../seed/regression-fixtures.js';
import { createMasker, type Masker } from '../snapshot/masking/index.js';
import { signatureSlug } from './failure-signature.js';
import type { ShrunkGroup } from './shrink.js';

/** The masker for fixtures: the shape-preserving one under MASKING_KEY, or none when no key is set. */
export function fixtureMasker(env: NodeJS.ProcessEnv = process.env): Masker | undefined {
  return env.MASKING_KEY ? createMasker({ key: env.MASKING_KEY }) : undefined;
}

/** An entry as a fixture holds it: masked when a masker is given (ids and times kept: they are not personal). */
function fixtureEntry(entry: StoredRow, cause: number, masker?: Masker): FixtureEntry {
  const name = masker ? masker.maskText(entry.name) : entry.name;
  const message = masker ? masker.maskText(entry.message) : entry.message;
  return {
    id: entry.id,
    day: entry.day,
    createdAt: entry.createdAt,
    name,
    message,
    cause,
    codePoints: { name: describeUnusual(name, 12), message: describeUnusual(message, 12) },
  };
}

/**
 * Writes one JSON-lines fixture per group into `dir`, named by its signature; returns the files written. `maskedBy`
 * records the fingerprint of a key the entries were masked with before they got here (a masked copy).
 */
export function writeFixtures(
  dir: string,
  groups: readonly ShrunkGroup[],
  options: { shrunkFrom: number; masker?: Masker | undefined; maskedBy?: string },
): string[] {
  mkdirSync(dir, { recursive: true });
  return groups.map((group) => {
    const header: FixtureHeader = {
      fixture: 'guestbook-regression/1',
      signature: group.signature,
      example: group.example.slice(0, 300),
      causes: group.causes.length,
      masking: options.masker?.fingerprint ?? options.maskedBy ?? null,
      shrunkFrom: options.shrunkFrom,
    };
    const entries = group.causes.flatMap((cause, i) => cause.map((entry) => fixtureEntry(entry, i, options.masker)));
    const file = join(dir, `${signatureSlug(group.signature)}.jsonl`);
    writeFileSync(file, [header, ...entries].map((line) => JSON.stringify(line)).join('\n') + '\n');
    return file;
  });
}
