import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_DIST_DIR } from '../repo/paths.js';
import { createPatchedWorktree, resolveCommit } from '../repo/patched-worktree.js';
import { ensureWebBuilt } from '../repo/web-build.js';
import { runSuites, type SuitesResult } from '../replay/run-suites.js';
import { shrinkToFixtures, type ShrunkToFixtures } from '../shrink/shrink-to-fixtures.js';
import { restoreSnapshot, takeSnapshot, type CqlEndpoint, type RestoreTarget } from '../snapshot/index.js';
import type { SnapshotMasking } from '../snapshot/masking/index.js';
import { compareProfiles, type Drift } from '../snapshot/profile/drift.js';
import { readProfile } from '../snapshot/profile/snapshot-profile.js';
import { acceptSnapshot, acceptedBaseline } from './accepted-baseline.js';

export interface DataCheckOptions {
  /** Production, read over CQL by a logical take. */
  source: CqlEndpoint;
  keyspace: string;
  /** Where snapshots are taken to, and where the accepted baseline profile is kept (data-check/). */
  snapshotsDir: string;
  /** The deployed version: a tag, branch or commit, checked out in a temporary worktree. */
  deployed: string;
  /** A patch applied on top of `deployed` (a change not committed anywhere: tests, what-ifs). */
  patch?: string;
  /** Masks the take at the source; without it the snapshot holds production text (the CLI asks for --unmasked). */
  masking?: SnapshotMasking;
  /** Where the fixtures of a failure go (ci/regressions/fixtures to commit them). */
  fixturesDir: string;
  /** Where the suites' JUnit XML and logs go. */
  resultsDir: string;
  /** Where the copy is restored; default a Cassandra node of its own in a temporary directory. */
  restoreTarget?: RestoreTarget;
  /** Runs the browser suite too (default); the shrink narrows the API suite's failures only. */
  browser?: boolean;
  log?: (line: string) => void;
}

export type DataCheckOutcome = 'no new shapes' | 'handled' | 'cannot handle';

export interface DataCheckResult {
  outcome: DataCheckOutcome;
  snapshot: { id: string; directory: string; takenAt: string; masked: boolean };
  /** The accepted baseline compared against; absent on the first run (no baseline: everything is new). */
  baseline?: { file: string; takenAt: string };
  /** Absent on the first run. */
  drift?: Drift;
  deployed: { ref: string; commit: string; patch?: string };
  /** Absent when nothing new appeared: nothing was replayed. */
  replay?: SuitesResult;
  shrunk?: ShrunkToFixtures;
  /** The baseline profile written when the deployed code was shown to handle this snapshot. */
  acceptedAs?: string;
}

/**
 * Test on data changes: snapshot production (logical, masked at the source), compare its profile with the last accepted
 * one, and when something new appeared replay the deployed version on it, new shapes first; when that fails, shrink
 * the failures to their entries and write them as regression fixtures.
 */
export async function dataCheck(options: DataCheckOptions): Promise<DataCheckResult> {
  const log = options.log ?? (() => {});
  // Checked before production is scanned: a mistyped tag should cost nothing.
  const commit = await resolveCommit(options.deployed);
  const baselineFile = acceptedBaseline(options.snapshotsDir, options.keyspace);
  // Read first: an unreadable baseline stops the run before production is scanned.
  const baseline = baselineFile ? await readProfile(baselineFile) : undefined;

  log(
    `data check: taking a logical snapshot of ${options.keyspace}${options.masking ? ', masked at the source' : ', UNMASKED'}`,
  );
  const taken = await takeSnapshot({
    kind: 'logical',
    keyspace: options.keyspace,
    root: options.snapshotsDir,
    source: options.source,
    ...(options.masking ? { masking: options.masking } : {}),
    log,
  });
  const snapshotProfile = await readProfile(taken.directory);
  const result: DataCheckResult = {
    outcome: 'no new shapes',
    snapshot: {
      id: taken.id,
      directory: taken.directory,
      takenAt: taken.manifest.takenAt,
      masked: Boolean(options.masking),
    },
    deployed: { ref: options.deployed, commit, ...(options.patch ? { patch: options.patch } : {}) },
  };
  if (baseline && baselineFile) {
    result.baseline = { file: baselineFile, takenAt: baseline.takenAt };
    result.drift = compareProfiles(baseline, snapshotProfile);
    log(`data check: ${result.drift.findings.length} new shape(s) since ${baseline.takenAt}`);
    if (result.drift.findings.length === 0) {
      result.acceptedAs = acceptSnapshot(options.snapshotsDir, options.keyspace, taken.directory);
      return result;
    }
  } else {
    // No baseline (a first run, or a lost cache): nothing is known to work, so everything counts as new and is replayed.
    log('data check: no accepted baseline for this keyspace: everything is new, replaying all of it');
  }

  const temp = mkdtempSync(join(tmpdir(), 'guestbook-data-check-'));
  const undo: Array<() => Promise<void>> = [];
  try {
    ensureWebBuilt(log);
    const worktree = await createPatchedWorktree({
      ref: commit,
      directory: join(temp, 'deployed'),
      ...(options.patch ? { patch: options.patch } : {}),
    });
    undo.push(() => worktree.remove());
    log(`data check: API under test: ${options.deployed}${options.patch ? ` with ${options.patch}` : ''}`);
    const keyspace = `data_check_${randomBytes(3).toString('hex')}`;
    const copy = await restoreSnapshot({
      artifact: taken.directory,
      keyspace,
      target: options.restoreTarget ?? { directory: join(temp, 'node'), clusterName: 'data-check' },
      log,
    });
    undo.push(() => copy.stop());
    const endpoint = {
      contactPoints: copy.contactPoints,
      localDataCenter: copy.localDataCenter,
      ...(copy.credentials ? { credentials: copy.credentials } : {}),
    };
    const replay = await runSuites({
      label: `production data, ${options.deployed} deployed`,
      checkout: worktree.path,
      endpoint,
      keyspace,
      resultsDir: options.resultsDir,
      webDistDir: WEB_DIST_DIR,
      ...(options.browser === false ? { browser: false } : {}),
      ...(result.drift ? { drift: result.drift } : {}),
      log,
    });
    result.replay = replay;
    if (replay.passed) {
      result.outcome = 'handled';
      result.acceptedAs = acceptSnapshot(options.snapshotsDir, options.keyspace, taken.directory);
      return result;
    }
    result.outcome = 'cannot handle';
    result.shrunk = await shrinkToFixtures({
      source: { endpoint, keyspace },
      named: replay.api.offending.map((offender) => offender.entry),
      checkout: worktree.path,
      outDir: options.fixturesDir,
      copyMasking: copy.masking.state === 'masked' ? copy.masking.keyFingerprint : undefined,
      log,
    });
    return result;
  } finally {
    for (const u of undo.reverse()) await u().catch((e: Error) => log(`cleanup: ${e.message}`));
    rmSync(temp, { recursive: true, force: true });
  }
}
