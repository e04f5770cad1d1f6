import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE } from '../src/deploy-contract.js';
import { packagesNpmTestNeeds } from '../src/fresh-machine-packages.js';
import { checkPipeline, expandedPipeline } from '../src/gitlab-ci-check.js';

/*
 * No Docker engine here: the Docker-runner path is checked by reading the expanded pipeline, and its install step runs
 * for real under bash with stand-in `id`, `dpkg` and `apt-get` that answer like a root shell in node:24-bookworm and
 * record what would be installed.
 */
type Pipeline = Record<string, unknown>;
type Job = { before_script: string[]; services: { variables: Record<string, string> }[] };
let pipeline: Pipeline;
const jobOf = (name: string) => pipeline[name] as Job;
const variables = () => pipeline.variables as Record<string, string>;

beforeAll(async () => {
  pipeline = await expandedPipeline({ stateDir: '.gitlab-ci-local/deploy-test-docker-runner' });
}, 60_000);

describe('.ci/run, where the deploy checks read what npm test needs', () => {
  it('when read, then it names the packages beyond Node that npm test uses', () => {
    expect(packagesNpmTestNeeds()).toEqual(
      expect.arrayContaining([
        'openjdk-17-jdk-headless',
        'maven',
        'chromium',
        'rsync',
        'git',
        'shellcheck',
        'jq',
        'fonts-noto-color-emoji',
        'fonts-noto-cjk',
        'fonts-noto-core',
      ]),
    );
  });

  it('when it no longer lists packages the way the checks read them, then the check says so instead of passing', () => {
    expect(() => packagesNpmTestNeeds('#!/usr/bin/env bash\napt-get install -y jq\n')).toThrow(
      '.ci/run: no `missing+=(package)` line, where the deploy checks read what npm test needs',
    );
  });
});

describe(`.gitlab-ci.yml on a Docker runner (${PIPELINE.cassandraRuntimeVariable}=service)`, () => {
  it('when the job image lacks a package npm test needs, then the check names it', () => {
    const packages = variables()[PIPELINE.toolPackagesVariable]!;
    const broken = { ...pipeline, variables: { ...variables(), TOOL_PACKAGES: packages.replace(/\bjq\b/, '') } };

    expect(checkPipeline(broken)).toEqual([
      'TOOL_PACKAGES lacks jq, which .ci/run installs for npm test: a Docker runner lacks it too',
    ]);
  });

  it('when a job that runs npm skips the install step, then the check names the job', () => {
    const test = jobOf(PIPELINE.testJob);
    const broken = { ...pipeline, [PIPELINE.testJob]: { ...test, before_script: ['node --version'] } };

    expect(checkPipeline(broken)).toEqual([
      `${PIPELINE.testJob}: its before_script must apt-get install the missing packages of $TOOL_PACKAGES`,
    ]);
  });

  it('when the service container is named like production, then the check refuses it (the restore would)', () => {
    const service = jobOf(PIPELINE.replayServiceJob);
    const [container] = service.services;
    const renamed = { ...container, variables: { ...container!.variables, CASSANDRA_CLUSTER_NAME: 'guestbook' } };
    const broken = { ...pipeline, [PIPELINE.replayServiceJob]: { ...service, services: [renamed] } };

    expect(checkPipeline(broken)).toEqual([
      `${PIPELINE.replayServiceJob}: the service container's CASSANDRA_CLUSTER_NAME (guestbook) must differ from ` +
        "production's (guestbook, guestbook-cassandra): the restore refuses a cluster named like the snapshot's source",
    ]);
    expect(container!.variables.CASSANDRA_CLUSTER_NAME).toBe('guestbook-ci');
  });
});

describe('the install step every npm job runs first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docker-runner-tools-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const standIn = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  standIn('id', 'echo 0');
  // dpkg -s PACKAGE: installed unless named in $NOT_INSTALLED.
  standIn('dpkg', 'for p in $NOT_INSTALLED; do [ "$p" != "$2" ] || exit 1; done');
  standIn('apt-get', 'echo "apt-get $*" >> "$CALLS"');
  const installStep = () => jobOf(PIPELINE.testJob).before_script.find((line) => line.includes('for package in'))!;

  function runInstallStep(notInstalled: string[]): { status: number | null; calls: string[] } {
    const calls = join(dir, `calls-${notInstalled.length}`);
    writeFileSync(calls, '');
    const env = {
      PATH: `${dir}:${process.env.PATH}`,
      CALLS: calls,
      NOT_INSTALLED: notInstalled.join(' '),
      TOOL_PACKAGES: variables()[PIPELINE.toolPackagesVariable]!,
    };
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', installStep()], { env, encoding: 'utf8' });
    return { status: run.status, calls: readFileSync(calls, 'utf8').split('\n').filter(Boolean) };
  }

  it('when the image lacks shellcheck, jq and rsync, then apt installs exactly those', () => {
    const run = runInstallStep(['shellcheck', 'jq', 'rsync']);

    expect(run).toEqual({
      status: 0,
      calls: ['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends rsync shellcheck jq'],
    });
  });

  it('when every package is there (a shell runner, this machine), then it installs nothing', () => {
    expect(runInstallStep([])).toEqual({ status: 0, calls: [] });
  });

  it('when linted as the POSIX shell a runner may use, then shellcheck finds nothing', () => {
    expect(
      execFileSync('shellcheck', ['--shell=sh', '--format=gcc', '-'], { input: installStep(), encoding: 'utf8' }),
    ).toBe('');
  });
});
