import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CASSANDRA, K8S } from '../src/deploy-contract.js';
import { at, find } from '../src/k8s-manifests.js';
import { permissionsOf, rbacCoverage } from '../src/k8s-rbac.js';
import { validateSnapshotObject } from '../src/k8s-snapshot-schemas.js';
import { kustomizeBuild, type Manifest } from '../src/k8s-tools.js';
import { repoPath } from '../src/repo-files.js';

/*
 * No Kubernetes cluster here, so the script runs for real against stand-in `kubectl` and `npm` commands that answer
 * like the real ones and record every call. That checks the order of the flow, what it sends to the API server, that
 * the cleanup always runs, and that its service account may make exactly these calls; the cluster's own behaviour
 * (the snapshot controller, the CSI driver, Cassandra on restored volumes) is documented in docs/ and not exercised.
 */
const STAND_INS = {
  kubectl: `#!/usr/bin/env bash
echo "kubectl $*" >> "$CALLS"
[ "$1" != -n ] || shift 2
group="guestbook-cassandra-$SNAPSHOT_TAG"
member() { echo "{\\"metadata\\":{\\"name\\":\\"$1\\",\\"ownerReferences\\":[{\\"kind\\":\\"$2\\",\\"name\\":\\"$3\\"}]}}"; }
case "$1 $2" in
  "exec $FAIL_FLUSH_OF") echo "nodetool: Failed to connect" >&2; exit 1 ;;
  "get statefulset") echo 3 ;;
  "get volumegroupsnapshot") if [ -n "$FAIL_SNAPSHOT" ]; then
      echo '{"status":{"readyToUse":false,"error":{"message":"the storage refused the group snapshot"}}}'
    else echo '{"status":{"readyToUse":true}}'; fi ;;
  "get volumesnapshots") echo "{\\"items\\":[$(member snap-c VolumeGroupSnapshot "$group"),$(member nightly-backup VolumeGroupSnapshot other),$(member snap-a VolumeGroupSnapshot "$group"),$(member snap-b VolumeGroupSnapshot "$group")]}" ;;
  "get volumesnapshot") echo "content-of-$3" ;;
  "get volumesnapshotcontent") echo "{\\"spec\\":{\\"driver\\":\\"csi.example.com\\"},\\"status\\":{\\"snapshotHandle\\":\\"handle-of-$3\\"}}" ;;
  "create -f") cp "$3" "$STATE/created-$(find "$STATE" -name 'created-*' | wc -l).json" ;;
esac
exit 0`,
  npm: `#!/usr/bin/env bash
echo "npm $*" >> "$CALLS"
[ "$REPLAY_RESULT" != failed ]`,
};

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let ring: Manifest[] = [];
let access: Manifest[] = [];
beforeAll(() => {
  ring = kustomizeBuild('k8s/overlays/ci');
  access = kustomizeBuild('k8s/ci-access');
});

function runScript(env: Record<string, string> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'k8s-replay-'));
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  mkdirSync(bin);
  mkdirSync(state);
  for (const [name, body] of Object.entries(STAND_INS)) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  const calls = join(dir, 'calls.log');
  writeFileSync(calls, '');
  const result = spawnSync('bash', [repoPath('k8s/ci/volume-group-snapshot-replay.sh')], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      CALLS: calls,
      STATE: state,
      SNAPSHOT_TAG: 'ci-7',
      POLL_SECONDS: '0',
      WAIT_SECONDS: '5',
      ...env,
    },
  });
  const created = readdirSync(state)
    .sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')))
    .map((f) => JSON.parse(readFileSync(join(state, f), 'utf8')) as Manifest);
  return { ...result, calls: readFileSync(calls, 'utf8').trim().split('\n'), created };
}

/** The API requests behind the recorded kubectl calls, with what each `create -f` sent. */
function requestsOf(run: ReturnType<typeof runScript>) {
  const created = [...run.created];
  return run.calls
    .filter((call) => call.startsWith('kubectl '))
    .flatMap((call) => permissionsOf(call.split(' ').slice(1), () => created.shift() ?? {}, ring));
}

const indexOf = (calls: string[], prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
const GROUP = 'guestbook-cassandra-ci-7';
const COPIES = [0, 1, 2].map((i) => `${GROUP}-${i}`);

describe('k8s/ci/volume-group-snapshot-replay.sh', () => {
  it('when the replay passes, then it flushes every node, takes one group snapshot, replays on a restored ring and cleans up', () => {
    const run = runScript();

    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.filter((c) => c.includes(' exec ')).sort()).toEqual(
      [0, 1, 2].map(
        (i) => `kubectl -n ${K8S.namespace} exec cassandra-${i} -c cassandra -- nodetool flush ${CASSANDRA.keyspace}`,
      ),
    );
    const lastFlush = Math.max(...[0, 1, 2].map((i) => indexOf(run.calls, `kubectl -n guestbook exec cassandra-${i}`)));
    expect(lastFlush).toBeLessThan(indexOf(run.calls, 'kubectl create'));

    // One group snapshot, then per member (sorted, the unrelated snapshot left out) a content copy, a snapshot copy, a claim.
    expect(run.created.map((m) => `${String(m.kind)}/${String(at(m, 'metadata', 'name'))}`)).toEqual([
      `VolumeGroupSnapshot/${GROUP}`,
      ...COPIES.flatMap((copy, i) => [
        `VolumeSnapshotContent/${copy}`,
        `VolumeSnapshot/${copy}`,
        `PersistentVolumeClaim/data-cassandra-${i}`,
      ]),
    ]);
    expect(run.created.filter((m) => m.kind === 'VolumeSnapshotContent').map((m) => at(m, 'spec', 'source'))).toEqual(
      ['snap-a', 'snap-b', 'snap-c'].map((member) => ({ snapshotHandle: `handle-of-content-of-${member}` })),
    );
    for (const manifest of run.created.filter((m) => m.kind !== 'PersistentVolumeClaim')) {
      expect(validateSnapshotObject(manifest, String(manifest.kind))).toEqual([]);
    }

    const replay = indexOf(run.calls, 'npm run replay');
    expect(run.calls[replay]).toBe(
      `npm run replay -- --contact-points ${[0, 1, 2].map((i) => `cassandra-${i}.cassandra.${K8S.ciNamespace}.svc:${CASSANDRA.cqlPort}`).join(',')} --keyspace ${CASSANDRA.keyspace}`,
    );
    expect(indexOf(run.calls, 'kubectl -n guestbook-ci rollout status')).toBeGreaterThan(
      indexOf(run.calls, 'kubectl apply -k'),
    );
    expect(replay).toBeGreaterThan(indexOf(run.calls, 'kubectl -n guestbook-ci rollout status'));

    // Cleanup after the replay, in dependency order: ring, claims, copies, and the group snapshot last.
    const cleanup = run.calls.slice(replay + 1).map((c) => c.replace(/ -k \S+/, ' -k <ci overlay>'));
    expect(cleanup).toEqual([
      'kubectl delete -k <ci overlay> --ignore-not-found --wait',
      ...[0, 1, 2].map(
        (i) => `kubectl -n guestbook-ci delete persistentvolumeclaim data-cassandra-${i} --ignore-not-found --wait`,
      ),
      ...COPIES.flatMap((copy) => [
        `kubectl -n guestbook-ci delete volumesnapshot ${copy} --ignore-not-found --wait`,
        `kubectl delete volumesnapshotcontent ${copy} --ignore-not-found --wait=false`,
      ]),
      `kubectl -n guestbook delete volumegroupsnapshot ${GROUP} --ignore-not-found --wait`,
    ]);
    expect(run.stderr).toContain('replay passed on production data (ci-7)');
  }, 60_000);

  it('when the replay passes, then its service account may make every call, and holds no permission it did not use', () => {
    const run = runScript();

    expect(run.status, run.stderr).toBe(0);
    expect(rbacCoverage(access, requestsOf(run))).toEqual([]);
  }, 60_000);

  it('when the RBAC lacks a permission the script needs, or grants one it never uses, then the coverage check names both', () => {
    const run = runScript();
    const broken = structuredClone(access);
    const source = find(broken, 'Role', 'guestbook-snapshot-replay-source')!;
    const rules = source.rules as { resources: string[]; verbs: string[] }[];
    const groups = rules.find((rule) => rule.resources.includes('volumegroupsnapshots'))!;
    groups.verbs = groups.verbs.filter((verb) => verb !== 'delete');
    rules.find((rule) => rule.resources.includes('volumesnapshots'))!.verbs.push('update');

    expect(rbacCoverage(broken, requestsOf(run))).toEqual([
      `k8s/ci-access: the script needs to delete groupsnapshot.storage.k8s.io/volumegroupsnapshots ${GROUP} in guestbook, which is not granted`,
      'k8s/ci-access Role/guestbook-snapshot-replay-source: grants update on volumesnapshots, which the script never uses',
    ]);
  }, 60_000);

  it('when the replay fails, then the script fails and still removes the ring, the claims, the copies and the group snapshot', () => {
    const run = runScript({ REPLAY_RESULT: 'failed' });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('replay FAILED on production data (ci-7)');
    expect(run.calls.filter((c) => c.includes(' delete '))).toHaveLength(1 + 3 + 6 + 1);
    expect(run.calls.at(-1)).toBe(`kubectl -n guestbook delete volumegroupsnapshot ${GROUP} --ignore-not-found --wait`);
  }, 60_000);

  it('when a node cannot flush, then no snapshot is taken and nothing is left to clean up', () => {
    const run = runScript({ FAIL_FLUSH_OF: 'cassandra-1' });

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('flush failed on cassandra-1: no snapshot taken');
    expect(run.created).toEqual([]);
    expect(run.calls.filter((c) => c.includes(' delete ') || c.startsWith('npm '))).toEqual([]);
  }, 60_000);

  it('when the group snapshot fails, then no ring starts, nothing is replayed and the group snapshot is deleted', () => {
    const run = runScript({ FAIL_SNAPSHOT: '1' });

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`group snapshot ${GROUP} failed: the storage refused the group snapshot`);
    expect(run.created.map((m) => m.kind)).toEqual(['VolumeGroupSnapshot']);
    expect(run.calls.some((c) => c.startsWith('npm ') || c.includes('apply -k'))).toBe(false);
    expect(run.calls.filter((c) => c.includes(' delete '))).toEqual([
      `kubectl -n guestbook delete volumegroupsnapshot ${GROUP} --ignore-not-found --wait`,
    ]);
    expect(rbacCoverage(access, requestsOf(run)).filter((p) => p.includes('not granted'))).toEqual([]);
  }, 60_000);
});
