import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraNode } from '@guestbook/cassandra';
import { ensureWebBuilt } from '../repo/web-build.js';
import { DUMMY_ENTRIES } from '../seed/dummy-entries.js';
import { fixtureEntries, readRegressionFixtures } from '../seed/regression-fixtures.js';
import { withClient } from '../snapshot/cql-client.js';
import { maskExistingCopy, restoreSnapshot, type CqlEndpoint } from '../snapshot/index.js';
import type { SnapshotMasking } from '../snapshot/masking/index.js';
import { REPO_ROOT, WEB_DIST_DIR } from '../repo/paths.js';
import { createPatchedWorktree } from '../repo/patched-worktree.js';
import { runSuites, type SuitesResult } from './run-suites.js';
import { compareProfiles } from '../snapshot/profile/drift.js';
import { PROFILE_FILE, readProfile } from '../snapshot/profile/snapshot-profile.js';
import { profileRestoredCopy } from '../snapshot/profile/profile-copy.js';
import { readManifest } from '../snapshot/index.js';

export interface ReplayOptions {
  /** A snapshot artifact directory to restore; without one (and without `keyspace`) the suites run on dummy data. */
  snapshot?: string;
  /** With a physical snapshot of a cluster: a copy cluster of that many nodes with the source's tokens (default 1). */
  copyNodes?: number;
  /** Masks the restored copy in place before the suites run, when the artifact is not masked already. */
  masking?: SnapshotMasking;
  /** An existing cluster to work on; without one, a Cassandra node is started in a temporary directory. */
  endpoint?: CqlEndpoint;
  /** On `endpoint`: a keyspace that already is a copy of production (a cloned volume); masked in place with `masking`. */
  keyspace?: string;
  /** The checkout whose API is tested (default: this one), or a patch to apply to HEAD in a temporary worktree. */
  checkout?: string;
  patch?: string;
  resultsDir: string;
  browserReportDir?: string;
  browser?: boolean;
  /** Caps the suites' time; they say what they covered. */
  budgetMs?: number;
  /** The previous snapshot's profile.json (or artifact): entries with shapes new since then are checked first. */
  baselineProfile?: string;
  /** The regression fixtures dummy data includes (default ci/regressions/fixtures). */
  fixturesDir?: string;
  log?: (line: string) => void;
}

export interface ReplayRun extends SuitesResult {
  data: 'dummy data' | 'restored snapshot' | 'existing copy';
}

const dropKeyspace = (endpoint: CqlEndpoint, keyspace: string) =>
  withClient(endpoint, (client) => client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)).then(() => {});

/**
 * One replay, as the CLI and CI run it: get the data (restore a snapshot, use a copy in place, or sign dummy entries into
 * a fresh keyspace), run the API and browser suites against the chosen API, and undo everything it set up.
 */
export async function replay(options: ReplayOptions): Promise<ReplayRun> {
  const log = options.log ?? (() => {});
  const temp = mkdtempSync(join(tmpdir(), 'guestbook-replay-'));
  const undo: Array<() => Promise<void>> = [];
  try {
    ensureWebBuilt(log);
    let checkout = options.checkout ?? REPO_ROOT;
    if (options.patch) {
      const worktree = await createPatchedWorktree({ patch: options.patch, directory: join(temp, 'worktree') });
      undo.push(() => worktree.remove());
      checkout = worktree.path;
      log(`API under test: HEAD with ${options.patch} applied (${checkout})`);
    }
    const suites = {
      checkout,
      resultsDir: options.resultsDir,
      webDistDir: WEB_DIST_DIR,
      log,
      ...(options.browserReportDir ? { browserReportDir: options.browserReportDir } : {}),
      ...(options.browser === false ? { browser: false } : {}),
      ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
    };

    if (options.snapshot) {
      // Read first: a baseline that cannot be read should stop the run before a restore.
      const baseline = options.baselineProfile ? await readProfile(options.baselineProfile) : undefined;
      const keyspace = `replay_${Date.now()}_${randomBytes(2).toString('hex')}`;
      log(
        `restoring ${options.snapshot} as keyspace ${keyspace}${options.endpoint ? ` on ${options.endpoint.contactPoints.join(',')}` : ' into a node of its own'}`,
      );
      const copy = await restoreSnapshot({
        artifact: options.snapshot,
        keyspace,
        target: options.endpoint
          ? { endpoint: options.endpoint }
          : { directory: join(temp, 'node'), clusterName: 'replay', nodes: options.copyNodes ?? 1 },
        log,
        ...(options.masking ? { masking: options.masking } : {}),
      });
      undo.push(() => copy.stop());
      const endpoint = {
        contactPoints: copy.contactPoints,
        localDataCenter: copy.localDataCenter,
        ...(copy.credentials ? { credentials: copy.credentials } : {}),
      };
      const drift = baseline
        ? compareProfiles(baseline, await snapshotProfileOf(options.snapshot, endpoint, keyspace, temp))
        : undefined;
      if (drift)
        log(`drift since ${drift.from.takenAt}: ${drift.findings.length} new shape(s); entries holding them go first`);
      return {
        data: 'restored snapshot',
        ...(await runSuites({
          ...suites,
          label: 'restored snapshot',
          endpoint,
          keyspace,
          ...(drift ? { drift } : {}),
        })),
      };
    }
    if (options.endpoint && options.keyspace) {
      const { keyspace, masking } = options;
      if (masking) {
        log(`masking the copy ${keyspace} in place before any suite reads it`);
        await withClient(options.endpoint, (client) => maskExistingCopy({ client, keyspace, masking, log }));
      }
      return {
        data: 'existing copy',
        ...(await runSuites({
          ...suites,
          label: `copy ${options.keyspace}`,
          endpoint: options.endpoint,
          keyspace: options.keyspace,
        })),
      };
    }
    // Plain CI learns what production taught: every committed regression fixture joins the hand-written entries.
    const fixtures = fixtureEntries(readRegressionFixtures(options.fixturesDir));
    if (fixtures.length)
      log(
        `dummy data: ${DUMMY_ENTRIES.length} hand-written entries and ${fixtures.length} from ci/regressions/fixtures`,
      );
    const keyspace = `dummy_${Date.now()}_${randomBytes(2).toString('hex')}`;
    let endpoint = options.endpoint;
    if (endpoint) {
      const shared = endpoint;
      undo.push(() => dropKeyspace(shared, keyspace));
    } else {
      // A node of its own holds nothing else: it is thrown away whole, without a drain.
      const node = await CassandraNode.start({ directory: join(temp, 'node'), clusterName: 'replay' });
      undo.push(() => node.kill());
      endpoint = { contactPoints: [node.contactPoint] };
    }
    return {
      data: 'dummy data',
      ...(await runSuites({ ...suites, label: 'dummy data', endpoint, keyspace, sign: DUMMY_ENTRIES, fixtures })),
    };
  } finally {
    for (const u of undo.reverse()) await u().catch((e: Error) => log(`cleanup: ${e.message}`));
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The snapshot's own profile (logical takes), or one read from its restored copy (physical takes hold no rows). */
async function snapshotProfileOf(artifact: string, copy: CqlEndpoint, keyspace: string, scratch: string) {
  const manifest = await readManifest(artifact);
  if (manifest.files.some((f) => f.path === PROFILE_FILE)) return readProfile(artifact);
  return profileRestoredCopy({ copy, keyspace, takenAt: manifest.takenAt, out: join(scratch, PROFILE_FILE) });
}
