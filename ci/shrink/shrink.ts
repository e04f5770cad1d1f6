import type { StoredRow } from '../entries/stored-entries.js';
import type { CqlEndpoint } from '../snapshot/cql-client.js';
import { startingCandidates } from './candidates.js';
import { isolateCauses } from './ddmin.js';
import { signatureKey, type FailureSignature } from './failure-signature.js';
import { checkFor, ProbeBench, type ProbeCheck, type ProbeResult } from './probe-bench.js';

export interface ShrinkOptions {
  /** Where the failing data is (a restored copy of production): the neighbours of the named entries are read here. */
  source: { endpoint: CqlEndpoint; keyspace: string };
  /** The entries the replay named (its findings). */
  named: readonly StoredRow[];
  /** The checkout whose API failed: HEAD with the change applied, in a worktree. */
  checkout: string;
  /** Where the probes' scratch keyspace goes; the source's cluster unless given. */
  probeEndpoint?: CqlEndpoint;
  neighbours?: number;
  log?: (line: string) => void;
}

/** One kind of failure and the entries that cause it: each cause is a 1-minimal set, the causes are disjoint. */
export interface ShrunkGroup {
  signature: FailureSignature;
  /** A problem line of the failure, as the suite words it. */
  example: string;
  causes: StoredRow[][];
  entries: StoredRow[];
}

export interface ShrinkResult {
  groups: ShrunkGroup[];
  /** Failures seen on the candidates that happen on an empty keyspace too: the code is broken, not the data. */
  notDataDependent: FailureSignature[];
  /** Failures seen once on the candidates that no probe showed again (flaky, or timing-dependent). */
  notReproduced: FailureSignature[];
  candidates: number;
  probes: number;
  ms: number;
  /** Of `ms`, the part before the first probe: reading the neighbours and starting the API under test. */
  setupMs: number;
}

const ALL_CHECKS: ProbeCheck[] = ['list', 'by id'];

/**
 * Shrinks a failing replay to the entries that cause each failure. Groups failures by signature (check, status,
 * error code, error class the API logged) on the starting candidates, then, per group, delta-debugs the candidates
 * against the API under test: every probe loads just its candidate entries into a scratch keyspace.
 */
export async function shrinkFailures(options: ShrinkOptions): Promise<ShrinkResult> {
  const began = performance.now();
  const log = options.log ?? (() => {});
  const candidates = await startingCandidates(options.source, options.named, options.neighbours);
  log(`shrink: ${options.named.length} named entries and their neighbours: ${candidates.length} candidates`);
  const bench = await ProbeBench.start({
    endpoint: options.probeEndpoint ?? options.source.endpoint,
    checkout: options.checkout,
  });
  const setupMs = performance.now() - began;
  try {
    // The same set always gives the same answer: each is probed once. Every probe runs the checks of every group, so
    // groups whose failures come from the same entries share their probes.
    const seen = new Map<string, ProbeResult>();
    let checks: ProbeCheck[] = ALL_CHECKS;
    const probe = async (entries: readonly StoredRow[]) => {
      const key = entries.map((e) => e.id).join(',');
      let result = seen.get(key);
      if (!result) seen.set(key, (result = await bench.probe(entries, checks)));
      return result;
    };

    const everything = await probe(candidates);
    const onEmpty = await probe([]);
    checks = [...new Set([...everything.values()].flatMap(({ signature }) => checkFor(signature)))];
    const groups: ShrunkGroup[] = [];
    const notDataDependent: FailureSignature[] = [];
    const notReproduced: FailureSignature[] = [];
    for (const [key, { signature, example }] of everything) {
      if (onEmpty.has(key)) {
        notDataDependent.push(signature);
        continue;
      }
      const causes = await isolateCauses(candidates, async (subset) => (await probe(subset)).has(key));
      log(`shrink: ${signatureKey(signature)}: ${causes.flat().length} entries in ${causes.length} causes`);
      if (causes.length === 0) {
        notReproduced.push(signature);
        continue;
      }
      groups.push({ signature, example, causes, entries: causes.flat() });
    }
    return {
      groups,
      notDataDependent,
      notReproduced,
      candidates: candidates.length,
      probes: bench.probes,
      ms: performance.now() - began,
      setupMs,
    };
  } finally {
    await bench.close();
  }
}
