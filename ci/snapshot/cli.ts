import { MissingPrerequisiteError } from '@guestbook/cassandra';
import {
  artifactsRoot,
  attachExternalNodes,
  attachNodes,
  endpointFromFlags,
  parseCommandLine,
  required,
  USAGE,
  UsageError,
  userPath,
} from './cli-args.js';
import {
  listArtifacts,
  parseDuration,
  pruneSnapshots,
  restoreSnapshot,
  SnapshotError,
  takeSnapshot,
  verifySnapshot,
} from './index.js';
import type { RestoreTarget } from './restore.js';
import { readManifest } from './artifact/manifest.js';
import { isMasked, type MaskingRecord } from './artifact/masking-record.js';
import { MaskingChoiceError, maskingFromFlags, missingKeyMessage } from './masking/masking-choice.js';
import type { SnapshotMasking } from './masking/snapshot-masking.js';
import { createMasker, MaskingKeyError } from './masking/masker.js';

type Values = ReturnType<typeof parseCommandLine>['values'];
const progress = (line: string) => console.error(line);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const describeMasking = (record: MaskingRecord | undefined) =>
  record?.state === 'masked'
    ? `masked (${record.keyFingerprint}, policy ${record.policy.name} ${record.policy.sha256.slice(0, 12)})`
    : (record?.warning ?? 'UNMASKED: written before masking existed');

/** The key or the explicit --unmasked; neither is refused, since the text would leave production as it is. */
function maskingChoice(v: Values, action: string): SnapshotMasking | 'unmasked' {
  const choice = maskingFromFlags({
    keyFile: v['masking-key-file'] && userPath(v['masking-key-file']),
    unmasked: v.unmasked,
  });
  if (!choice) throw new UsageError(missingKeyMessage(action));
  // A key too short is refused before anything connects to production.
  if (choice !== 'unmasked') createMasker(choice);
  return choice;
}

async function take(v: Values): Promise<void> {
  const kind = required(v.kind, '--kind physical|logical');
  if (kind !== 'physical' && kind !== 'logical')
    throw new UsageError(`--kind must be physical or logical, not ${kind}`);
  const masking = maskingChoice(v, `A ${kind} snapshot`);
  const external = await attachExternalNodes(v['data-dir'], v.jmx, v['contact-points']);
  const nodes = [...(await attachNodes(v['node-dir'])), ...external];
  // With --data-dir the contact points name the external nodes; without, they are a logical take's source.
  const source = external.length ? undefined : endpointFromFlags(v['contact-points'], v['local-dc']);
  const taken = await takeSnapshot({
    ...(masking === 'unmasked' ? {} : { masking }),
    kind,
    keyspace: required(v.keyspace, '--keyspace'),
    root: artifactsRoot(v.root),
    nodes,
    log: progress,
    ...(source ? { source } : {}),
    ...(v['local-dc'] ? { localDataCenter: v['local-dc'] } : {}),
  });
  const bytes = taken.manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const rows = taken.manifest.tables.map((t) => `${t.name}=${t.rows.count}`).join(' ');
  console.log(
    `${taken.directory}\n${taken.manifest.files.length} files, ${mib(bytes)}, rows (${taken.manifest.tables[0]?.rows.method}): ${rows}`,
  );
  console.log(describeMasking(taken.manifest.masking));
}

async function restore(v: Values, artifact: string | undefined): Promise<void> {
  const artifactPath = userPath(required(artifact, 'ARTIFACT'));
  // An unmasked artifact is masked in the copy, or restored as it is only when asked to.
  const masking = isMasked((await readManifest(artifactPath)).masking)
    ? undefined
    : maskingChoice(v, 'Restoring an unmasked snapshot');
  const [node] = await attachNodes(v['node-dir']);
  const endpoint = endpointFromFlags(v['contact-points'], v['local-dc']);
  const target: RestoreTarget | undefined = node
    ? { node, ...(v['local-dc'] ? { localDataCenter: v['local-dc'] } : {}) }
    : v['new-node-dir']
      ? { directory: userPath(v['new-node-dir']) }
      : endpoint
        ? { endpoint }
        : undefined;
  if (!target) throw new UsageError('Say where the copy goes: --node-dir, --new-node-dir or --contact-points');
  const load = v.load;
  if (load !== undefined && load !== 'sstables' && load !== 'cql')
    throw new UsageError(`--load must be sstables or cql, not ${load}`);
  const copy = await restoreSnapshot({
    artifact: artifactPath,
    ...(masking && masking !== 'unmasked' ? { masking } : {}),
    keyspace: required(v.keyspace, '--keyspace'),
    target,
    log: progress,
    ...(v.replace ? { replace: true } : {}),
    ...(load ? { logicalLoad: load } : {}),
  });
  const steps = Object.entries(copy.timings)
    .filter(([step]) => step !== 'totalMs')
    .map(([step, ms]) => `${step.replace(/Ms$/, '')} ${ms}`);
  console.log(`Restored in ${copy.timings.totalMs} ms (ms: ${steps.join(', ')}); ${describeMasking(copy.masking)}.`);
  console.log(
    `CASSANDRA_CONTACT_POINTS=${copy.contactPoints.join(',')} CASSANDRA_LOCAL_DC=${copy.localDataCenter} CASSANDRA_KEYSPACE=${copy.keyspace}`,
  );
  if (copy.node) {
    console.log(`The copy's node keeps running; stop it with: npm run cassandra -- stop --dir ${copy.node.directory}`);
    copy.node.leaveRunning();
  }
}

async function main(argv: string[]): Promise<number> {
  const { command, rest, values: v } = parseCommandLine(argv);
  if (v.help || !command) return (console.log(USAGE), 0);
  switch (command) {
    case 'take':
      return take(v).then(() => 0);
    case 'restore':
      return restore(v, rest[0]).then(() => 0);
    case 'verify': {
      const verified = await verifySnapshot(userPath(required(rest[0], 'ARTIFACT')));
      console.log(
        `OK: ${verified.manifest.kind} snapshot ${verified.manifest.id}, ${verified.manifest.files.length} files, ${mib(verified.bytes)} verified`,
      );
      return 0;
    }
    case 'list': {
      const { artifacts, partials } = await listArtifacts(artifactsRoot(v.root));
      for (const { manifest: m, directory } of artifacts) {
        const bytes = m.files.reduce((sum, f) => sum + f.bytes, 0);
        console.log(
          `${m.takenAt}  ${m.kind.padEnd(8)} ${m.source.clusterName}/${m.source.keyspace}  ${mib(bytes).padStart(10)}  ${directory}`,
        );
      }
      for (const p of partials) console.log(`(unfinished, last touched ${p.modifiedAt.toISOString()})  ${p.directory}`);
      return 0;
    }
    case 'prune': {
      const keep = v.keep === undefined ? undefined : Number(v.keep);
      if (keep !== undefined && !(Number.isInteger(keep) && keep >= 0))
        throw new UsageError(`--keep must be a whole number, not ${v.keep}`);
      let olderThanMs: number | undefined;
      try {
        olderThanMs = v['older-than'] ? parseDuration(v['older-than']) : undefined;
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const result = await pruneSnapshots({
        root: artifactsRoot(v.root),
        nodes: await attachNodes(v['node-dir']),
        dryRun: v['dry-run'] ?? false,
        ...(keep !== undefined ? { keep } : {}),
        ...(olderThanMs !== undefined ? { olderThanMs } : {}),
      });
      const verb = v['dry-run'] ? 'Would remove' : 'Removed';
      for (const d of result.removed) console.log(`${verb} ${d}`);
      for (const t of result.clearedTags)
        console.log(`${v['dry-run'] ? 'Would clear' : 'Cleared'} snapshot tag ${t.tag} on ${t.node}`);
      console.log(`${result.kept.length} artifact(s) kept`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof MaskingChoiceError || error instanceof MaskingKeyError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof UsageError || (error instanceof Error && error.name === 'TypeError' && 'code' in error)) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const known = error instanceof SnapshotError || error instanceof MissingPrerequisiteError;
    console.error(known ? (error as Error).message : error);
    process.exit(1);
  },
);
