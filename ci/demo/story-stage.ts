import { join } from 'node:path';
import { CassandraCluster, CassandraNode } from '@guestbook/cassandra';
import { ensureWebBuilt } from '../repo/web-build.js';
import { startApiProcess, type ApiProcess } from '../replay/api-process.js';
import { REGRESSION_PATCH, REPO_ROOT, WEB_DIST_DIR } from '../repo/paths.js';
import { createPatchedWorktree, type Worktree } from '../repo/patched-worktree.js';
import { runSuites, type SuitesResult } from '../replay/run-suites.js';
import { DUMMY_ENTRIES } from '../seed/dummy-entries.js';
import type { FixtureEntry } from '../seed/regression-fixtures.js';
import { seedProduction, type SeedResult } from '../seed/seed-production.js';
import { SnapshotError, restoreSnapshot, takeSnapshot, type RestoredCopy } from '../snapshot/index.js';
import type { TakenSnapshot } from '../snapshot/index.js';
import type { SnapshotMasking } from '../snapshot/masking/index.js';

const PRODUCTION_KEYSPACE = 'guestbook';
const COPY_KEYSPACE = 'production_copy';
const DUMMY_KEYSPACE = 'dummy_data';

/** Production's Cassandra: one node, or every node of a cluster (`node` is then its first, the seed). */
interface ProductionStage {
  node: CassandraNode;
  nodes: CassandraNode[];
  api: ApiProcess;
}

/**
 * Everything the story needs, as real processes: production's Cassandra (one node, or a cluster with a replica on
 * every node, as production runs) with the API at HEAD, and a CI node where dummy data and the restored copy of
 * production live. Each part registers how to undo it; close() undoes them all.
 */
export class StoryStage {
  private readonly undo: Array<() => Promise<void>> = [];
  private copy: RestoredCopy | undefined;
  private closed = false;
  private dummyRuns = 0;

  private constructor(
    readonly root: string,
    readonly production: ProductionStage,
    readonly ci: CassandraNode,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Starts production's nodes and the CI node side by side (the slow part), then the production API at HEAD. With
   * `nodes` > 1 production is a cluster whose keyspace has a replica on every node: it survives the loss of one.
   */
  static async start(
    root: string,
    log: (line: string) => void = () => {},
    options: { nodes?: number } = {},
  ): Promise<StoryStage> {
    ensureWebBuilt(log);
    const nodes = options.nodes ?? 1;
    const started = await Promise.allSettled([
      nodes > 1
        ? CassandraCluster.start({ directory: join(root, 'production-cluster'), nodes, clusterName: 'production' })
        : CassandraNode.start({ directory: join(root, 'production-node'), clusterName: 'production' }),
      CassandraNode.start({ directory: join(root, 'ci-node'), clusterName: 'ci' }),
    ]);
    const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      const [production, ci] = started.map((s) => {
        if (s.status === 'rejected') throw s.reason;
        return s.value;
      }) as [CassandraNode | CassandraCluster, CassandraNode];
      const productionNodes = production instanceof CassandraCluster ? production.nodes : [production];
      const api = await startApiProcess({
        checkout: REPO_ROOT,
        endpoint: { contactPoints: productionNodes.map((node) => node.contactPoint) },
        keyspace: PRODUCTION_KEYSPACE,
        webDistDir: WEB_DIST_DIR,
        env: {
          // Visitors sign from many addresses; the seed signs from one, so the per-address limit is lifted here.
          RATE_LIMIT_SIGN_PER_MINUTE: '1000000',
          CASSANDRA_REPLICATION: `SimpleStrategy:${productionNodes.length}`,
        },
      });
      const stage = new StoryStage(root, { node: productionNodes[0]!, nodes: productionNodes, api }, ci, log);
      stage.undo.push(() => api.stop());
      return stage;
    } catch (error) {
      await Promise.allSettled(running.map((n) => n.stop()));
      throw error;
    }
  }

  seed(ordinary = 40): Promise<SeedResult> {
    return seedProduction(this.production.api.url, { ordinary, log: this.log });
  }

  async patchedWorktree(patch = REGRESSION_PATCH): Promise<Worktree> {
    const worktree = await createPatchedWorktree({ patch, directory: join(this.root, 'patched-worktree') });
    this.undo.push(() => worktree.remove());
    return worktree;
  }

  /**
   * The suites as plain CI runs them: a fresh keyspace of its own, the hand-written dummy entries signed through the API,
   * and the entries of regression fixtures when given (plain CI once a shrink's fixture is committed).
   */
  dummyRun(checkout: string, resultsDir: string, fixtures: readonly FixtureEntry[] = []): Promise<SuitesResult> {
    this.dummyRuns += 1;
    return runSuites({
      label: 'dummy data',
      checkout,
      endpoint: { contactPoints: [this.ci.contactPoint] },
      keyspace: `${DUMMY_KEYSPACE}_${this.dummyRuns}`,
      sign: DUMMY_ENTRIES,
      fixtures,
      resultsDir,
      webDistDir: WEB_DIST_DIR,
      log: this.log,
    });
  }

  /**
   * Snapshots production (physical: SSTables via nodetool; logical if that is not possible) and restores it on the CI
   * node. With `masking`: a logical snapshot masked at the source, as the pipeline takes it.
   */
  async snapshotAndRestore(masking?: SnapshotMasking): Promise<{ taken: TakenSnapshot; copy: RestoredCopy }> {
    const common = { keyspace: PRODUCTION_KEYSPACE, root: join(this.root, 'artifacts'), nodes: this.production.nodes };
    let taken: TakenSnapshot;
    try {
      taken = masking
        ? await takeSnapshot({ ...common, kind: 'logical', masking })
        : await takeSnapshot({ ...common, kind: 'physical' });
    } catch (error) {
      if (!(error instanceof SnapshotError) || masking) throw error;
      this.log(`physical snapshot not possible (${error.message}); taking a logical one`);
      taken = await takeSnapshot({ ...common, kind: 'logical' });
    }
    const copy = await restoreSnapshot({
      artifact: taken.directory,
      keyspace: COPY_KEYSPACE,
      target: { node: this.ci },
    });
    this.copy = copy;
    return { taken, copy };
  }

  /** The same suites on the restored copy of production, against the API of `checkout`. */
  replay(checkout: string, resultsDir: string, label: string): Promise<SuitesResult> {
    if (!this.copy) throw new Error('snapshotAndRestore() first');
    return runSuites({
      label,
      checkout,
      endpoint: { contactPoints: this.copy.contactPoints, localDataCenter: this.copy.localDataCenter },
      keyspace: this.copy.keyspace,
      resultsDir,
      webDistDir: WEB_DIST_DIR,
      log: this.log,
    });
  }

  /** The API of `checkout` on the restored copy or on the newest dummy-data keyspace, as the suites ran it: for screenshots. */
  async startApi(checkout: string, data: 'production copy' | 'dummy data'): Promise<ApiProcess> {
    const copy = this.copy;
    if (data === 'production copy' && !copy) throw new Error('snapshotAndRestore() first');
    if (data === 'dummy data' && !this.dummyRuns) throw new Error('dummyRun() first');
    const api = await startApiProcess({
      checkout,
      ...(data === 'production copy' && copy
        ? {
            endpoint: { contactPoints: copy.contactPoints, localDataCenter: copy.localDataCenter },
            keyspace: copy.keyspace,
          }
        : { endpoint: { contactPoints: [this.ci.contactPoint] }, keyspace: `${DUMMY_KEYSPACE}_${this.dummyRuns}` }),
      webDistDir: WEB_DIST_DIR,
    });
    this.undo.push(() => api.stop());
    return api;
  }

  /** Stops every process started here and removes every worktree, then every node side by side; safe to call twice. */
  async close(): Promise<void> {
    for (const u of this.undo.splice(0).reverse()) await u().catch((e: Error) => this.log(`cleanup: ${e.message}`));
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      [...this.production.nodes, this.ci].map((n) => n.stop().catch((e: Error) => this.log(`cleanup: ${e.message}`))),
    );
  }
}
