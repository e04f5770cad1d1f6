import { relative } from 'node:path';
import { REPO_ROOT } from '../repo/paths.js';
import { fixtureEntries, readRegressionFixture, type FixtureEntry } from '../seed/regression-fixtures.js';
import { signatureKey } from './failure-signature.js';
import { fixtureMasker, writeFixtures } from './fixture-writer.js';
import { shrinkFailures, type ShrinkOptions, type ShrinkResult } from './shrink.js';

export interface ShrunkToFixtures {
  shrink: ShrinkResult;
  files: string[];
  /** The entries of the fixtures as written (masked when MASKING_KEY is set), each once: what plain CI loads. */
  entries: FixtureEntry[];
  masked: boolean;
}

/**
 * Shrinks, writes one fixture per failure signature into `outDir`, and reads them back as plain CI will. Entries of a
 * copy that is masked already (`copyMasking`: its key fingerprint) are written as they are; otherwise they are masked
 * under MASKING_KEY when it is set.
 */
export async function shrinkToFixtures(
  options: ShrinkOptions & { outDir: string; copyMasking?: string | undefined },
): Promise<ShrunkToFixtures> {
  const masker = options.copyMasking ? undefined : fixtureMasker();
  const shrink = await shrinkFailures(options);
  const files = writeFixtures(options.outDir, shrink.groups, {
    shrunkFrom: shrink.candidates,
    masker,
    ...(options.copyMasking ? { maskedBy: options.copyMasking } : {}),
  });
  return {
    shrink,
    files,
    entries: fixtureEntries(files.map((file) => readRegressionFixture(file))),
    masked: Boolean(masker ?? options.copyMasking),
  };
}

/** What a person reads after a shrink: per signature how many entries remain, and where the fixtures are. */
export function shrinkLines(run: ShrunkToFixtures, cwd = REPO_ROOT): string[] {
  const { groups, notDataDependent, notReproduced, candidates, probes, ms } = run.shrink;
  return [
    `shrunk from ${candidates} candidates in ${probes} probes, ${(ms / 1000).toFixed(1)} s${run.masked ? ', masked' : ''}:`,
    ...groups.map(
      (g) => `  ${signatureKey(g.signature)}: ${g.entries.length} entries (${g.causes.length} independent causes)`,
    ),
    ...notDataDependent.map((s) => `  ${signatureKey(s)}: fails on an empty keyspace too — the code, not the data`),
    ...notReproduced.map((s) => `  ${signatureKey(s)}: seen once, not reproduced by any probe`),
    ...run.files.map((file) => `  fixture: ${relative(cwd, file)}`),
  ];
}
