import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAndMigrate, loadConfig } from '@guestbook/api';
import { CassandraNode } from '@guestbook/cassandra';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASSANDRA, PIPELINE } from '../src/deploy-contract.js';
import { gitlabCiLocal } from '../src/gitlab-ci-check.js';
import { readYaml, REPO_ROOT, repoPath } from '../src/repo-files.js';

/*
 * The descriptor steps that talk to Cassandra, run for real against local nodes (no Docker engine here): the CI wait
 * for a service container, the compose "schema" service's command with its compose environment, the pipeline's
 * snapshot job with a node named as production standing in for it, and the Docker-runner replay's restore into a node
 * named as its service container.
 */
const TSX = `${REPO_ROOT}node_modules/.bin/tsx`;
let dir = '';
let node: CassandraNode;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-cassandra-'));
  node = await CassandraNode.start({ directory: join(dir, 'node'), clusterName: CASSANDRA.clusterName });
}, 180_000);
afterAll(async () => {
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const waitFor = (contactPoints: string, seconds: string) =>
  spawnSync(TSX, [repoPath('ci/pipeline/wait-for-cassandra.ts'), contactPoints, '--timeout-seconds', seconds], {
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('ci/pipeline/wait-for-cassandra.ts (the Docker-runner replay waits with it)', () => {
  it('when Cassandra answers CQL, then it exits 0 and names the version', () => {
    const result = waitFor(node.contactPoint, '30');

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^Cassandra 5\\.0\\.\\d+ answers at ${node.contactPoint} \\(attempt 1\\)`),
    );
  }, 60_000);

  it('when nothing answers before the timeout, then it exits 1 and says so', () => {
    const result = waitFor('127.0.0.1:1', '2');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cassandra did not answer at 127.0.0.1:1 within 2 s');
  }, 60_000);
});

describe('docker-compose.yml service "schema"', () => {
  it('when its command runs with its environment, then the keyspace and every table exist', async () => {
    const schema = (
      readYaml('docker-compose.yml') as {
        services: { schema: { command: string[]; environment: Record<string, string> } };
      }
    ).services.schema;
    // The image runs `node` on api/dist; here tsx runs the same code from api/src.
    const [binary, ...args] = schema.command.map((part) => part.replaceAll('./dist/', './src/'));
    expect(binary).toBe('node');
    const env = { ...process.env, ...schema.environment, CASSANDRA_CONTACT_POINTS: node.contactPoint };

    const result = spawnSync(TSX, args, { cwd: repoPath('api'), env, encoding: 'utf8', timeout: 90_000 });

    expect(result.status, result.stderr).toBe(0);
    const client = new cassandra.Client({
      contactPoints: [node.contactPoint],
      localDataCenter: CASSANDRA.localDataCenter,
    });
    try {
      const rows = await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [
        schema.environment.CASSANDRA_KEYSPACE,
      ]);
      expect(rows.rows.map((r) => r.get('table_name') as string).sort()).toEqual([
        'entries_by_day',
        'entries_by_id',
        'entry_days',
      ]);
    } finally {
      await client.shutdown();
    }
  }, 120_000);
});

describe(`.gitlab-ci.yml job ${PIPELINE.snapshotJob}`, () => {
  const stateDir = '.gitlab-ci-local/deploy-test-snapshot';
  let taken = '';
  afterAll(() => {
    rmSync(repoPath(stateDir), { recursive: true, force: true });
    if (taken) rmSync(taken, { recursive: true, force: true });
  });

  it('when it runs on the shell executor against a production stand-in, then it takes a logical snapshot and keeps it as its artifact', async () => {
    const production = await connectAndMigrate(
      loadConfig({ CASSANDRA_CONTACT_POINTS: node.contactPoint, CASSANDRA_REQUEST_TIMEOUT_MS: '15000' }).cassandra,
    );
    await production.execute(
      "INSERT INTO entries_by_id (id, day, name, message) VALUES (now(), '2026-01-02', 'Zoë', 'e\u0301 \ud83d\ude00')",
    );
    await production.shutdown();

    const run = await gitlabCiLocal(
      [
        '--force-shell-executor',
        '--variable',
        `PROD_CASSANDRA_CONTACT_POINTS=${node.contactPoint}`,
        '--variable',
        `${PIPELINE.maskingKeyVariable}=deploy-test-masking-key-0001`,
        PIPELINE.snapshotJob,
      ],
      { stateDir },
    );
    const output = run.stdout + run.stderr;
    taken = /^\S+ > (\/\S+\/artifacts\/snapshots\/\S+)$/m.exec(output)?.[1] ?? '';

    expect(run.code, output).toBe(0);
    expect(taken.startsWith(repoPath(`${PIPELINE.snapshotDir}/`))).toBe(true);
    const exported = repoPath(`${stateDir}/artifacts`);
    const [jobDir] = readdirSync(exported);
    const manifestFile = join(exported, jobDir!, PIPELINE.snapshotDir, taken.split('/').at(-1)!, 'manifest.json');
    expect(existsSync(manifestFile), `no artifact at ${manifestFile}`).toBe(true);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      masking: { state: string };
      kind: string;
      tables: { name: string; rows: { count: number } }[];
    };
    expect(manifest.kind).toBe('logical');
    expect(manifest.masking.state).toBe('masked');
    expect(manifest.tables.find((t) => t.name === 'entries_by_id')?.rows.count).toBe(1);
  }, 180_000);

  it(`when $${PIPELINE.maskingKeyVariable} is missing and no opt-in is set, then the job fails before reading production, saying what to set`, async () => {
    const run = await gitlabCiLocal(
      [
        '--force-shell-executor',
        '--variable',
        `PROD_CASSANDRA_CONTACT_POINTS=${node.contactPoint}`,
        PIPELINE.snapshotJob,
      ],
      { stateDir: `${stateDir}-no-key` },
    );
    const output = run.stdout + run.stderr;

    expect(run.code, output).not.toBe(0);
    expect(output).toContain(
      'MASKING_KEY is not set: add it as a protected, masked CI/CD variable (openssl rand -base64 32), or set SNAPSHOT_UNMASKED=true to copy production text unmasked on purpose.',
    );
    expect(output).not.toContain('npm run snapshot');
    rmSync(repoPath(`${stateDir}-no-key`), { recursive: true, force: true });
  }, 180_000);

  it('when the Docker-runner replay restores its artifact, then the not-production guard allows it', async () => {
    expect(taken, 'the snapshot job above left no artifact').not.toBe('');
    type WithServices = { services: { variables: Record<string, string> }[] };
    const gitlabCi = readYaml('.gitlab-ci.yml') as Record<string, WithServices>;
    const serviceClusterName = gitlabCi[PIPELINE.replayServiceJob]!.services[0]!.variables.CASSANDRA_CLUSTER_NAME!;
    const service = await CassandraNode.start({ directory: join(dir, 'service'), clusterName: serviceClusterName });
    // The replay restores over CQL into the service container at CASSANDRA_CONTACT_POINTS: the CLI's --contact-points.
    const cli = repoPath('ci/snapshot/cli.ts');
    const restore = (artifact: string) =>
      spawnSync(
        TSX,
        [cli, 'restore', artifact, '--keyspace', CASSANDRA.keyspace, '--contact-points', service.contactPoint],
        { encoding: 'utf8', timeout: 120_000 },
      );
    const { localDataCenter } = CASSANDRA;
    const client = new cassandra.Client({ contactPoints: [service.contactPoint], localDataCenter });
    try {
      const restored = restore(taken);

      expect(restored.status, restored.stderr).toBe(0);
      const rows = await client.execute(`SELECT name FROM ${CASSANDRA.keyspace}.entries_by_id`);
      // Masked by the job: another capital, two other small Latin letters, the ë kept as a precomposed letter.
      const [name] = rows.rows.map((row) => row.get('name') as string);
      expect(rows.rowLength).toBe(1);
      expect(name).not.toBe('Zoë');
      expect(name).toMatch(/^\p{Lu}\p{Ll}{2}$/u);
      expect(name!.normalize('NFC')).toBe(name);

      // As before the rename: the same artifact, its source named as the service container is.
      const namesake = join(dir, 'namesake');
      cpSync(taken, namesake, { recursive: true });
      const manifestFile = join(namesake, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { source: { clusterName: string } };
      const renamed = { ...manifest, source: { ...manifest.source, clusterName: serviceClusterName } };
      writeFileSync(manifestFile, JSON.stringify(renamed));
      const refused = restore(namesake);

      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        `Refusing to restore into cluster "${serviceClusterName}": it has the source cluster's name`,
      );
    } finally {
      await client.shutdown();
      await service.stop();
    }
  }, 240_000);
});
