import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CASSANDRA } from '../src/deploy-contract.js';
import { validateWith } from '../src/json-schemas.js';
import { repoPath } from '../src/repo-files.js';

/*
 * No DC/OS cluster and no Portworx here, so the script runs for real against stand-in `dcos` and `pxctl` commands
 * that answer like the real CLIs and record every call. That checks the order of the flow, what it sends to Marathon,
 * and that the cleanup always runs; the real CLIs' behaviour is documented in dcos/ and not exercised here.
 */
const STAND_INS = {
  // Volume ids differ from list order on purpose; a group snapshot answers "Volume <id> : Snapshot <id>" per volume
  // and names the snapshots itself, which only the listing with --all shows.
  pxctl: `#!/usr/bin/env bash
echo "pxctl $*" >> "$CALLS"
production='{"id":"701","locator":{"name":"guestbook-cassandra-1"}},{"id":"500","locator":{"name":"other-app-0"}},{"id":"700","locator":{"name":"guestbook-cassandra-0"}},{"id":"702","locator":{"name":"guestbook-cassandra-2"}}'
snapshots='{"id":"9700","locator":{"name":"gs-700"}},{"id":"9701","locator":{"name":"gs-701"}},{"id":"9702","locator":{"name":"gs-702"}}'
case "$1 $2 $3" in
  "volume list --json") echo "[$production]" ;;
  "volume list --all") echo "[$production,$snapshots]" ;;
  "volume snapshot group") for id in \${5//,/ }; do
      echo "Volume $id : Snapshot 9$id"
      [ -z "$FAIL_GROUP" ] || { echo "group snapshot failed" >&2; exit 1; }
    done ;;
esac`,
  dcos: `#!/usr/bin/env bash
echo "dcos $*" >> "$CALLS"
case "$1 $2" in
  "task exec") [ "$3" != "$FAIL_FLUSH_OF" ] || { echo "flush failed" >&2; exit 1; } ;;
  "marathon app") case "$3" in
      add) cp "$4" "$STATE/app-$(ls "$STATE" | grep -c '^app-').json" ;;
      show) echo '{"tasksHealthy": 1}' ;;
    esac ;;
  "marathon group") case "$3" in
      remove) touch "$STATE/group-removed" ;;
      show) [ ! -e "$STATE/group-removed" ] ;;
    esac ;;
  "job remove") exit 1 ;;
  "job run") echo "Run ID: 20260101000000abcde" ;;
  "job history") if [ "$REPLAY_RESULT" = failed ]; then
      echo '{"successfulFinishedRuns":[],"failedFinishedRuns":[{"id":"20260101000000abcde"}]}'
    else
      echo '{"successfulFinishedRuns":[{"id":"20260101000000abcde"}],"failedFinishedRuns":[]}'
    fi ;;
  "job show") echo '[{"id":"20260101000000abcde","tasks":[{"id":"guestbook-ci-replay_20260101.task-1"}]}]' ;;
  "task download") mkdir -p "\${5#--target-dir=}/$4" && echo '<testsuites/>' > "\${5#--target-dir=}/$4/replay.xml" ;;
esac`,
};

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runScript(env: Record<string, string> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'portworx-replay-'));
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
  const result = spawnSync('bash', [repoPath('dcos/ci/portworx-snapshot-replay.sh')], {
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
      REPORTS_DIR: join(dir, 'reports'),
      ...env,
    },
  });
  const apps = readdirSync(state)
    .filter((f) => f.startsWith('app-'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(state, f), 'utf8')) as Record<string, unknown>);
  return { ...result, calls: readFileSync(calls, 'utf8').trim().split('\n'), apps, reports: join(dir, 'reports') };
}

const indexOf = (calls: string[], prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
const SNAPSHOT_IDS = ['9700', '9701', '9702'];

describe('dcos/ci/portworx-snapshot-replay.sh', () => {
  it('when the replay passes, then it flushes every node, takes one group snapshot, replays on a test ring and cleans up', () => {
    const run = runScript();

    expect(run.status, run.stderr).toBe(0);
    const flushes = run.calls.filter((c) => c.startsWith('dcos task exec'));
    expect(flushes.sort()).toEqual(
      [0, 1, 2].map(
        (i) => `dcos task exec node-${i}-server bash -c ./apache-cassandra-*/bin/nodetool flush ${CASSANDRA.keyspace}`,
      ),
    );
    expect(run.calls.filter((c) => c.startsWith('pxctl volume snapshot'))).toEqual([
      'pxctl volume snapshot group --volume_ids 700,701,702',
    ]);
    const groupSnapshot = indexOf(run.calls, 'pxctl volume snapshot group');
    expect(Math.max(...flushes.map((flush) => run.calls.indexOf(flush)))).toBeLessThan(groupSnapshot);

    expect(run.apps.map((a) => a.id)).toEqual([
      '/guestbook-ci/cassandra-0',
      '/guestbook-ci/cassandra-1',
      '/guestbook-ci/cassandra-2',
    ]);
    run.apps.forEach((app, i) => {
      expect(validateWith('marathon-app.schema.json', app, `rendered node ${i}`)).toEqual([]);
      expect(JSON.stringify(app)).toContain(`"name":"gs-70${i}"`);
    });
    expect(indexOf(run.calls, 'dcos job run guestbook-ci-replay')).toBeGreaterThan(
      indexOf(run.calls, 'dcos marathon app show /guestbook-ci/cassandra-2'),
    );
    expect(readFileSync(join(run.reports, 'test-results', 'replay.xml'), 'utf8')).toBe('<testsuites/>\n');

    const removal = indexOf(run.calls, 'dcos marathon group remove --force /guestbook-ci');
    expect(removal).toBeGreaterThan(indexOf(run.calls, 'dcos job history'));
    expect(run.calls.slice(removal).filter((c) => c.startsWith('pxctl volume delete'))).toEqual(
      SNAPSHOT_IDS.map((id) => `pxctl volume delete --force ${id}`),
    );
    expect(run.stderr).toContain('replay passed on production data (ci-7)');
  }, 60_000);

  it('when the replay fails, then the script fails and still removes the test ring and every snapshot', () => {
    const run = runScript({ REPLAY_RESULT: 'failed' });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('replay FAILED on production data (ci-7)');
    expect(run.calls.filter((c) => c.startsWith('pxctl volume delete'))).toHaveLength(3);
    expect(run.calls).toContain('dcos marathon group remove --force /guestbook-ci');
  }, 60_000);

  it('when the group snapshot fails half-way, then no test ring starts and the snapshots it reported are deleted', () => {
    const run = runScript({ FAIL_GROUP: '1' });

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('the group snapshot failed (pxctl exit 1, 1 of 3 volumes)');
    expect(run.apps).toEqual([]);
    expect(run.calls.filter((c) => c.startsWith('pxctl volume delete'))).toEqual(['pxctl volume delete --force 9700']);
  }, 60_000);

  it('when a node cannot flush, then no snapshot is taken and the error names the node', () => {
    const run = runScript({ FAIL_FLUSH_OF: 'node-1-server' });

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('flush failed on node-1-server');
    expect(run.calls.filter((c) => c.startsWith('pxctl volume snapshot'))).toEqual([]);
    expect(run.apps).toEqual([]);
  }, 60_000);
});
