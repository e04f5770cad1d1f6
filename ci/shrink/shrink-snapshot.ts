import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, WEB_DIST_DIR } from '../repo/paths.js';
import { createPatchedWorktree } from '../repo/patched-worktree.js';
import { ensureWebBuilt } from '../repo/web-build.js';
import { runSuites, type SuitesResult } from '../replay/run-suites.js';
import { restoreSnapshot } from '../snapshot/index.js';
import type { SnapshotMasking } from '../snapshot/masking/index.js';
import { shrinkToFixtures, type ShrunkToFixtures } from './shrink-to-fixtures.js';

export interface ShrinkSnapshotOptions {
  snapshot: string;
  /** The change under test, applied to HEAD in a worktree; without it, this checkout's API. */
  patch?: string;
  checkout?: string;
  /** Where the fixtures go (ci/regressions/fixtures to commit them). */
  outDir: string;
  resultsDir: string;
  /** Masks the copy in place when the artifact is not masked already; the fixtures are then masked too. */
  masking?: SnapshotMasking;
  log?: (line: string) => void;
}

export interface ShrinkSnapshotRun {
  replay: SuitesResult;
  /** Absent when the replay passed: nothing to shrink. */
  shrunk?: ShrunkToFixtures;
}

/**
 * `npm run shrink`: restores the snapshot into a node of its own, replays the API suite on it against the change, and
 * when it fails, shrinks the failures to their entries and writes one fixture per failure signature.
 */
export async function shrinkSnapshot(options: ShrinkSnapshotOptions): Promise<ShrinkSnapshotRun> {
  const log = options.log ?? (() => {});
  const temp = mkdtempSync(join(tmpdir(), 'guestbook-shrink-'));
  const undo: Array<() => Promise<void>> = [];
  try {
    ensureWebBuilt(log);
    let checkout = options.checkout ?? REPO_ROOT;
    if (options.patch) {
      const worktree = await createPatchedWorktree({ patch: options.patch, directory: join(temp, 'worktree') });
      undo.push(() => worktree.remove());
      checkout = worktree.path;
    }
    const keyspace = `shrink_copy_${randomBytes(3).toString('hex')}`;
    const copy = await restoreSnapshot({
      artifact: options.snapshot,
      keyspace,
      target: { directory: join(temp, 'node'), clusterName: 'shrink' },
      ...(options.masking ? { masking: options.masking } : {}),
      log,
    });
    undo.push(() => copy.stop());
    const endpoint = { contactPoints: copy.contactPoints, localDataCenter: copy.localDataCenter };
    const replay = await runSuites({
      label: 'restored snapshot',
      checkout,
      endpoint,
      keyspace,
      resultsDir: options.resultsDir,
      webDistDir: WEB_DIST_DIR,
      browser: false,
      log,
    });
    if (replay.passed) return { replay };
    const shrunk = await shrinkToFixtures({
      source: { endpoint, keyspace },
      named: replay.api.offending.map((offender) => offender.entry),
      checkout,
      outDir: options.outDir,
      copyMasking: copy.masking.state === 'masked' ? copy.masking.keyFingerprint : undefined,
      log,
    });
    return { replay, shrunk };
  } finally {
    for (const u of undo.reverse()) await u().catch((e: Error) => log(`cleanup: ${e.message}`));
    rmSync(temp, { recursive: true, force: true });
  }
}
