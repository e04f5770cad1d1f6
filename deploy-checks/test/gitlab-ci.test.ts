import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PIPELINE } from '../src/deploy-contract.js';
import { checkPipeline, expandedPipeline, gitlabCiLocal, listJobs } from '../src/gitlab-ci-check.js';
import { repoPath } from '../src/repo-files.js';

const stateDir = (name: string) => `.gitlab-ci-local/deploy-test-${name}`;
const when = (jobs: { name: string; when: string }[]) => Object.fromEntries(jobs.map((j) => [j.name, j.when]));
const PROD = { PROD_CASSANDRA_CONTACT_POINTS: '10.1.2.3:9042' };
const PHYSICAL_PARTS = ['snapshot:physical-part: [1]', 'snapshot:physical-part: [2]', 'snapshot:physical-part: [3]'];
const PHYSICAL_JOBS = [
  'snapshot:physical-tag',
  ...PHYSICAL_PARTS,
  'snapshot:physical-join',
  'replay:physical-snapshot',
];
/** Workspaces whose typecheck starts with `tsc -p tsconfig.json`: each prints that line once. */
function workspacesThatTypecheck(): number {
  const manifest = (path: string) => JSON.parse(readFileSync(repoPath(path), 'utf8')) as Record<string, unknown>;
  const workspaces = manifest('package.json').workspaces as string[];
  return workspaces.filter((workspace) => {
    const scripts = manifest(`${workspace}/package.json`).scripts as Record<string, string> | undefined;
    return scripts?.typecheck?.startsWith('tsc -p tsconfig.json');
  }).length;
}

describe('.gitlab-ci.yml, read by gitlab-ci-local', () => {
  it('when no production variables exist, then only install and the dummy-data tests run', async () => {
    const jobs = await listJobs({ stateDir: stateDir('list') });

    expect(when(jobs)).toEqual({
      [PIPELINE.installJob]: 'on_success',
      [PIPELINE.testJob]: 'on_success',
      [PIPELINE.snapshotJob]: 'never',
      ...Object.fromEntries(PHYSICAL_JOBS.map((name) => [name, 'never'])),
      [PIPELINE.replayJob]: 'never',
      [PIPELINE.replayServiceJob]: 'never',
      'replay:portworx-snapshot': 'never',
      [PIPELINE.dataCheckJob]: 'never',
      [PIPELINE.kubernetesReplayJob]: 'never',
    });
    expect(jobs.map((j) => j.stage)).toEqual([
      'install',
      'test',
      ...Array.from({ length: 6 }, () => 'snapshot'),
      'replay',
      'replay',
      'replay',
      'replay',
      'replay',
      'replay',
    ]);
  }, 60_000);

  it('when production variables exist (schedule, protected branch), then the snapshot and the local replay run', async () => {
    const jobs = await listJobs({ stateDir: stateDir('list-prod'), variables: PROD });

    expect(when(jobs)).toMatchObject({
      [PIPELINE.snapshotJob]: 'on_success',
      [PIPELINE.replayJob]: 'on_success',
      [PIPELINE.replayServiceJob]: 'never',
    });
    expect(jobs.find((j) => j.name === PIPELINE.replayJob)?.needs?.map((n) => n.job)).toEqual([
      PIPELINE.installJob,
      PIPELINE.snapshotJob,
    ]);
  }, 60_000);

  it('when CASSANDRA_RUNTIME=service (Docker runner), then the replay with the Cassandra service container runs instead', async () => {
    const jobs = await listJobs({
      stateDir: stateDir('list-service'),
      variables: { ...PROD, CASSANDRA_RUNTIME: 'service' },
    });

    expect(when(jobs)).toMatchObject({ [PIPELINE.replayJob]: 'never', [PIPELINE.replayServiceJob]: 'on_success' });
  }, 60_000);

  it('when KUBERNETES_SNAPSHOT_REPLAY=true, then the Kubernetes snapshot replay runs, without production variables', async () => {
    const jobs = await listJobs({
      stateDir: stateDir('list-kubernetes'),
      variables: { [PIPELINE.kubernetesReplayVariable]: 'true' },
    });

    expect(when(jobs)).toMatchObject({ [PIPELINE.kubernetesReplayJob]: 'on_success', [PIPELINE.snapshotJob]: 'never' });
    expect(jobs.find((j) => j.name === PIPELINE.kubernetesReplayJob)?.needs?.map((n) => n.job)).toEqual([
      PIPELINE.installJob,
    ]);
  }, 60_000);

  it('when a schedule sets DATA_CHECK=true with production variables, then the data check runs; a push does not', async () => {
    const variables = { ...PROD, [PIPELINE.dataCheckVariable]: 'true' };
    const scheduled = await listJobs({
      stateDir: stateDir('list-data-check'),
      variables: { ...variables, CI_PIPELINE_SOURCE: 'schedule' },
    });
    const pushed = await listJobs({
      stateDir: stateDir('list-data-check-push'),
      variables: { ...variables, CI_PIPELINE_SOURCE: 'push' },
    });

    expect(when(scheduled)).toMatchObject({ [PIPELINE.dataCheckJob]: 'on_success' });
    expect(scheduled.find((j) => j.name === PIPELINE.dataCheckJob)?.needs?.map((n) => n.job)).toEqual([
      PIPELINE.installJob,
    ]);
    expect(when(pushed)).toMatchObject({ [PIPELINE.dataCheckJob]: 'never' });
  }, 60_000);

  it('when PHYSICAL_SNAPSHOT=true with the explicit SNAPSHOT_UNMASKED=true, then one tag, a part per node on its own runner, the join and its replay run', async () => {
    const physical = { PHYSICAL_SNAPSHOT: 'true' };
    const optedIn = await listJobs({
      stateDir: stateDir('list-physical'),
      variables: { ...physical, SNAPSHOT_UNMASKED: 'true' },
    });
    const notOptedIn = await listJobs({ stateDir: stateDir('list-physical-masked'), variables: physical });
    const needs = (name: string) => optedIn.find((j) => j.name === name)?.needs?.map((n) => n.job);

    expect(when(optedIn)).toMatchObject(Object.fromEntries(PHYSICAL_JOBS.map((name) => [name, 'on_success'])));
    for (const part of PHYSICAL_PARTS) expect(needs(part)).toEqual(['install', 'snapshot:physical-tag']);
    expect(needs('snapshot:physical-join')).toEqual(['install', 'snapshot:physical-part']);
    expect(needs('replay:physical-snapshot')).toEqual(['install', 'snapshot:physical-join']);
    // Raw SSTables are production text as it is: without the explicit opt-in nothing of this path runs.
    expect(when(notOptedIn)).toMatchObject(Object.fromEntries(PHYSICAL_JOBS.map((name) => [name, 'never'])));

    const pipeline = await expandedPipeline({ stateDir: stateDir('preview-physical') });
    const part = pipeline['snapshot:physical-part'] as Record<string, unknown>;
    expect(part.tags).toEqual(['cassandra-node-$PRODUCTION_NODE']);
    expect(part.parallel).toEqual({ matrix: [{ PRODUCTION_NODE: ['1', '2', '3'] }] });
    expect(JSON.stringify(part.script)).toContain(
      '--part --node-index \\"$PRODUCTION_NODE\\" --tag \\"$SNAPSHOT_TAG\\"',
    );
  }, 90_000);

  it('when expanded (extends, !reference), then stages, commands, reports and caches agree with the deploy contract', async () => {
    const pipeline = await expandedPipeline({ stateDir: stateDir('preview') });

    expect(checkPipeline(pipeline)).toEqual([]);
    const broken = {
      ...pipeline,
      variables: { ...(pipeline.variables as object), CASSANDRA_KEYSPACE: 'guestbook_old' },
    };
    expect(checkPipeline(broken)).toEqual(["CASSANDRA_KEYSPACE must be the API's keyspace, guestbook"]);
    const kubernetes = pipeline[PIPELINE.kubernetesReplayJob] as { variables: Record<string, string> };
    const elsewhere = {
      ...pipeline,
      [PIPELINE.kubernetesReplayJob]: {
        ...kubernetes,
        variables: { ...kubernetes.variables, KUBERNETES_SERVICE_ACCOUNT_OVERWRITE: 'default' },
      },
    };
    expect(checkPipeline(elsewhere)).toEqual([
      `${PIPELINE.kubernetesReplayJob}: its pod must run in guestbook-ci as the service account guestbook-snapshot-replay`,
    ]);
    const dataCheck = pipeline[PIPELINE.dataCheckJob] as Record<string, unknown>;
    const onEveryPush = {
      ...pipeline,
      [PIPELINE.dataCheckJob]: { ...dataCheck, rules: [{ if: '$CI_COMMIT_BRANCH' }] },
    };
    expect(checkPipeline(onEveryPush)).toEqual([
      `${PIPELINE.dataCheckJob}: must run only on a schedule or trigger with DATA_CHECK=true and production variables`,
    ]);
  }, 60_000);

  it('when the dummy-data test job runs on the shell executor, then its real commands run and pass', async () => {
    // The job runs `npm run "$TEST_NPM_SCRIPT"`; "typecheck" is the first step of the full `npm test`, real and quick.
    const variable = `${PIPELINE.testScriptVariable}=typecheck`;
    const run = await gitlabCiLocal(['--force-shell-executor', '--variable', variable, PIPELINE.testJob], {
      stateDir: stateDir('run'),
      timeoutMs: 480_000,
    });
    const output = run.stdout + run.stderr;

    expect(run.code, output).toBe(0);
    expect(output).toContain(`${PIPELINE.testJob} $ npm run "$${PIPELINE.testScriptVariable}"`);
    expect(output.match(/> tsc -p tsconfig\.json/g)?.length).toBe(workspacesThatTypecheck());
    expect(output).toMatch(new RegExp(`PASS\\s+${PIPELINE.testJob}`));
  }, 500_000);

  it('when the job fails, then gitlab-ci-local reports the failure (the run above could have failed)', async () => {
    const run = await gitlabCiLocal(
      ['--force-shell-executor', '--variable', `${PIPELINE.testScriptVariable}=no-such-script`, PIPELINE.testJob],
      { stateDir: stateDir('run-fail') },
    );

    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/Missing script: "no-such-script"/);
  }, 120_000);
});

describe('a broken copy of .gitlab-ci.yml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gitlab-ci-broken-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when a job key is misspelt, then gitlab-ci-local rejects the file', async () => {
    const original = readFileSync(repoPath('.gitlab-ci.yml'), 'utf8');
    const broken = original.replace('  script:\n    # The contract fuzzer', '  scirpt:\n    # The contract fuzzer');
    expect(broken).not.toBe(original);
    writeFileSync(join(dir, '.gitlab-ci.yml'), broken);
    copyFileSync(repoPath('package.json'), join(dir, 'package.json'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@localhost', ...args], {
        cwd: dir,
        stdio: 'ignore',
      });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'broken pipeline');

    const result = await gitlabCiLocal(['--list'], { cwd: dir, stateDir: '.gcl' });

    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/test:dummy-data.*(scirpt|script)/s);
  }, 60_000);
});
