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
import { readManifest, type Manifest } from './artifact/manifest.js';
import { newArtifactId } from './artifact/artifact-layout.js';
import type { CutWindow } from './artifact/node-record.js';
import { joinSnapshotParts } from './physical/join-parts.js';
import { takeSnapshotPart } from './physical/snapshot-part.js';
import { isMasked, type MaskingRecord } from './artifact/masking-record.js';
import { MaskingChoiceError, maskingFromFlags, missingKeyMessage } from './masking/masking-choice.js';
import type { SnapshotMasking } from './masking/snapshot-masking.js';
import { createMasker, MaskingKeyError } from './masking/masker.js';
import { compareProfiles } from './profile/drift.js';
import { DRIFT_FORMATS, formatDrift, type DriftFormat } from './profile/drift-report.js';
import { readProfile } from './profile/snapshot-profile.js';
import { profileRestoredCopy } from './profile/profile-copy.js';
import { endpointOf, type NodeAccess } from './cql-client.js';

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

/** Row counts as the manifest has them; a cluster's are sums over every replica's SSTables, and said so. */
function describeRows(manifest: Pick<Manifest, 'tables' | 'nodes'>): string {
  const rows = manifest.tables.map((t) => `${t.name}=${t.rows.count}`).join(' ');
  const nodes = manifest.nodes?.length ?? 1;
  const method = manifest.tables[0]?.rows.method;
  return nodes > 1 ? `rows (${method}, per-replica sum over ${nodes} nodes): ${rows}` : `rows (${method}): ${rows}`;
}

async function take(v: Values): Promise<void> {
  const kind = required(v.kind, '--kind physical|logical');
  if (kind !== 'physical' && kind !== 'logical')
    throw new UsageError(`--kind must be physical or logical, not ${kind}`);
  const masking = maskingChoice(v, `A ${kind} snapshot`);
  const external = await attachExternalNodes(v['data-dir'], v.jmx, v['contact-points']);
  const nodes = [...(await attachNodes(v['node-dir'])), ...external];
  if (v.part) return takePart(v, nodes, kind);
  // With --data-dir the contact points name the external nodes; without, they are a logical take's source.
  const source = external.length ? undefined : endpointFromFlags(v['contact-points'], v['local-dc']);
  const taken = await takeSnapshot({
    ...(masking === 'unmasked' ? {} : { masking }),
    kind,
    keyspace: required(v.keyspace, '--keyspace'),
    root: artifactsRoot(v.root),
    nodes,
    log: progress,
    ...(v['no-profile'] ? { profile: false } : {}),
    ...(source ? { source } : {}),
    ...(v['local-dc'] ? { localDataCenter: v['local-dc'] } : {}),
  });
  const bytes = taken.manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `${taken.directory}\n${taken.manifest.files.length} files, ${mib(bytes)}, ${describeRows(taken.manifest)}`,
  );
  if (taken.manifest.cut && (taken.manifest.nodes?.length ?? 1) > 1) console.log(describeCut(taken.manifest.cut));
  console.log(describeMasking(taken.manifest.masking));
}

const describeCut = (cut: CutWindow) =>
  `cut: from ${cut.earliest} (first node's call) to ${cut.latest} (last node's answer), skew ${cut.skewMs} ms`;

async function takePart(v: Values, nodes: NodeAccess[], kind: string): Promise<void> {
  if (kind !== 'physical')
    throw new UsageError('--part is for physical snapshots: logical ones read the cluster over CQL');
  if (nodes.length !== 1)
    throw new UsageError(`--part takes exactly one node, the one on this host (${nodes.length} given)`);
  const nodeIndex = Number(required(v['node-index'], '--node-index N'));
  if (!Number.isInteger(nodeIndex) || nodeIndex < 1)
    throw new UsageError(`--node-index must be a whole number from 1, not ${v['node-index']}`);
  const taken = await takeSnapshotPart({
    node: nodes[0]!,
    nodeIndex,
    tag: required(v.tag, '--tag TAG (the same on every node; npm run snapshot -- new-tag makes one)'),
    keyspace: required(v.keyspace, '--keyspace'),
    root: artifactsRoot(v.root),
    log: progress,
    ...(v['local-dc'] ? { localDataCenter: v['local-dc'] } : {}),
  });
  const node = taken.manifest.nodes![0]!;
  console.log(
    `${taken.directory}\nnode ${nodeIndex}: host ${node.hostId} at ${node.address}, ${node.tokens.length} token(s)`,
  );
  console.log(`cut: called ${node.cut.issuedAt}, answered ${node.cut.returnedAt}; ${describeRows(taken.manifest)}`);
}

async function join(v: Values, parts: string[]): Promise<void> {
  if (!parts.length) throw new UsageError('Missing PART... (one part directory per node)');
  const joined = await joinSnapshotParts({ parts: parts.map(userPath), root: artifactsRoot(v.out ?? v.root) });
  const bytes = joined.manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `${joined.directory}\n${joined.manifest.files.length} files, ${mib(bytes)}, ${describeRows(joined.manifest)}`,
  );
  console.log(describeCut(joined.manifest.cut!));
}

async function restore(v: Values, artifact: string | undefined): Promise<void> {
  const artifactPath = userPath(required(artifact, 'ARTIFACT'));
  // An unmasked artifact is masked in the copy, or restored as it is only when asked to.
  const masking = isMasked((await readManifest(artifactPath)).masking)
    ? undefined
    : maskingChoice(v, 'Restoring an unmasked snapshot');
  const [node] = await attachNodes(v['node-dir']);
  const endpoint = endpointFromFlags(v['contact-points'], v['local-dc']);
  const nodes = Number(v.nodes ?? 1);
  if (!Number.isInteger(nodes) || nodes < 1) throw new UsageError(`--nodes must be a whole number, not ${v.nodes}`);
  if (nodes > 1 && !v['new-node-dir'])
    throw new UsageError('--nodes starts a copy cluster: give it --new-node-dir DIR');
  const target: RestoreTarget | undefined = node
    ? { node, ...(v['local-dc'] ? { localDataCenter: v['local-dc'] } : {}) }
    : v['new-node-dir']
      ? { directory: userPath(v['new-node-dir']), nodes }
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
  if (copy.cluster) {
    console.log(
      `The copy's ${copy.cluster.nodes.length} nodes keep running; stop them with: npm run cassandra -- stop --dir ${copy.cluster.directory}`,
    );
    copy.cluster.leaveRunning();
  } else if (copy.node) {
    console.log(`The copy's node keeps running; stop it with: npm run cassandra -- stop --dir ${copy.node.directory}`);
    copy.node.leaveRunning();
  }
}

async function profile(v: Values, artifact: string | undefined): Promise<void> {
  const manifest = await readManifest(
    userPath(required(artifact, 'ARTIFACT (the snapshot the copy was restored from)')),
  );
  const [node] = await attachNodes(v['node-dir']);
  const copy = node ? endpointOf(node, v['local-dc']) : endpointFromFlags(v['contact-points'], v['local-dc']);
  if (!copy) throw new UsageError('Say where the restored copy is: --node-dir or --contact-points');
  const out = userPath(required(v.out, '--out FILE'));
  await profileRestoredCopy({ copy, keyspace: required(v.keyspace, '--keyspace'), takenAt: manifest.takenAt, out });
  console.log(`${out}: the profile of ${manifest.kind} snapshot ${manifest.id}, read from its copy`);
}

/** Exit code: 0, or 1 when asked with --fail-on-new and NEW holds a shape OLD did not. */
async function drift(v: Values, [older, newer]: string[]): Promise<number> {
  const format = (v.format ?? 'text') as DriftFormat;
  if (!DRIFT_FORMATS.includes(format))
    throw new UsageError(`--format must be ${DRIFT_FORMATS.join(', ')}, not ${v.format}`);
  const before = await readProfile(userPath(required(older, 'OLD (an artifact or a profile.json)')));
  const now = await readProfile(userPath(required(newer, 'NEW (an artifact or a profile.json)')));
  const found = compareProfiles(before, now);
  process.stdout.write(formatDrift(found, format));
  return v['fail-on-new'] && found.findings.length > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const { command, rest, values: v } = parseCommandLine(argv);
  if (v.help || !command) return (console.log(USAGE), 0);
  switch (command) {
    case 'take':
      return take(v).then(() => 0);
    case 'profile':
      return profile(v, rest[0]).then(() => 0);
    case 'drift':
      return drift(v, rest);
    case 'restore':
      return restore(v, rest[0]).then(() => 0);
    case 'new-tag':
      return (console.log(newArtifactId('physical')), 0);
    case 'join':
      return join(v, rest).then(() => 0);
    case 'verify': {
      const verified = await verifySnapshot(userPath(required(rest[0], 'ARTIFACT')));
      const { manifest } = verified;
      const nodes = manifest.nodes ? `, ${manifest.nodes.length} node(s) (host ids, tokens, cuts)` : '';
      console.log(
        `OK: ${manifest.kind} snapshot ${manifest.id}, ${manifest.files.length} files, ${mib(verified.bytes)} verified${nodes}`,
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
