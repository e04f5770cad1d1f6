import type { SnapshotKind } from '../snapshot/index.js';
import type { RunResult } from './snapshot-bench-run.js';

/** One line of the comparison: where the data comes from, where it is restored, and how. */
export interface ClusterCase {
  source: 'single node' | 'cluster';
  copy: '1-node copy' | 'cluster copy';
  kind: SnapshotKind;
}

export interface ClusterCaseResult extends ClusterCase {
  result?: RunResult;
  /** Why the case has no figures (a restore this build cannot do). */
  missing?: string;
}

export const CASES: ClusterCase[] = [
  { source: 'single node', copy: '1-node copy', kind: 'physical' },
  { source: 'cluster', copy: '1-node copy', kind: 'physical' },
  { source: 'cluster', copy: 'cluster copy', kind: 'physical' },
  { source: 'single node', copy: '1-node copy', kind: 'logical' },
  { source: 'cluster', copy: '1-node copy', kind: 'logical' },
];

export const describeCase = (one: ClusterCase) => `${one.kind} ${one.source} → ${one.copy}`;
