import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDcos, type DcosDescriptors } from '../src/dcos-check.js';
import { readJson, repoPath } from '../src/repo-files.js';

const files = (dir: string): string[] =>
  readdirSync(repoPath(dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
  );

type Editable = { [K in keyof DcosDescriptors]: Record<string, unknown> };

/** Fresh parsed copies, so each test may break its own. */
function descriptors(): Editable {
  return {
    options: readJson('dcos/cassandra-options.json'),
    apiApp: readJson('dcos/api.marathon.json'),
    webApp: readJson('dcos/web.marathon.json'),
    testNodeTemplate: readJson('dcos/ci/test-cassandra-node.marathon.json'),
    replayJob: readJson('dcos/ci/replay.metronome.json'),
  } as Editable;
}

describe('dcos/', () => {
  it('when every file is parsed, then the JSON parses and the scripts pass bash -n and shellcheck', () => {
    const all = files('dcos');
    expect(all.filter((f) => f.endsWith('.json'))).toHaveLength(5);
    for (const json of all.filter((f) => f.endsWith('.json'))) expect(() => readJson(json)).not.toThrow();
    const scripts = all.filter((f) => f.endsWith('.sh')).map(repoPath);
    expect(scripts).toHaveLength(1);
    for (const script of scripts) execFileSync('bash', ['-n', script]);
    expect(
      execFileSync('shellcheck', ['--format=gcc', ...scripts, repoPath('scripts/pipeline-local.sh')], {
        encoding: 'utf8',
      }),
    ).toBe('');
  });

  it("when checked against the schemas, the deploy contract and the API's config, then everything agrees", () => {
    expect(checkDcos(descriptors())).toEqual([]);
  });

  it('when a Marathon field is misspelt, then the schema rejects it', () => {
    const d = descriptors();
    const { healthChecks, ...rest } = d.apiApp;
    d.apiApp = { ...rest, healthCheck: healthChecks };

    expect(checkDcos(d)).toEqual([
      'dcos/api.marathon.json/: must NOT have additional properties (healthCheck)',
      'dcos/api.marathon.json: no health check',
    ]);
  });

  it('when the API health check drifts from /healthz, then the check reports it', () => {
    const d = descriptors();
    (d.apiApp.healthChecks as Record<string, unknown>[])[0]!.path = '/health';

    expect(checkDcos(d)).toEqual([
      'dcos/api.marathon.json: health check must GET /healthz on container port 3000 (checks /health on 3000)',
    ]);
  });

  it('when the API points at another Cassandra service, then the check reports the contact points', () => {
    const d = descriptors();
    (d.apiApp.env as Record<string, unknown>).CASSANDRA_CONTACT_POINTS =
      'node-0-server.cassandra.autoip.dcos.thisdcos.directory:9042';

    expect(checkDcos(d)).toEqual([
      expect.stringMatching(
        /^dcos\/api\.marathon\.json env: the API would use contact points .* but the deployment expects/,
      ),
    ]);
  });

  it('when TRUST_PROXY is unset, then every visitor shares the bucket of the last marathon-lb, and the check says so', () => {
    const d = descriptors();
    delete (d.apiApp.env as Record<string, unknown>).TRUST_PROXY;

    expect(checkDcos(d)).toEqual(
      ['10.0.2.9', '172.17.0.1'].map((lb) =>
        expect.stringMatching(
          new RegExp(
            `^dcos/api\\.marathon\\.json env: via marathon-lb .* counts visitor 203\\.0\\.113\\.7 as ${lb.replaceAll('.', '\\.')} \\(TRUST_PROXY false\\)`,
          ),
        ),
      ),
    );
  });

  it("when TRUST_PROXY names only the agents' subnet, then requests from a co-located marathon-lb (docker0) share one bucket", () => {
    const d = descriptors();
    (d.apiApp.env as Record<string, unknown>).TRUST_PROXY = '10.0.0.0/8';

    expect(checkDcos(d)).toEqual([
      'dcos/api.marathon.json env: via marathon-lb → web (nginx) → marathon-lb-internal on the API task\'s agent, the API counts visitor 203.0.113.7 as 172.17.0.1 (TRUST_PROXY ["10.0.0.0/8"]): every visitor shares that rate-limit bucket',
    ]);
  });

  it('when the Cassandra service shrinks below the replication factor, then the check reports it', () => {
    const d = descriptors();
    (d.options.nodes as Record<string, unknown>).count = 2;

    expect(checkDcos(d)).toEqual([
      'cassandra-options: nodes.count 2, the apps expect 3',
      'replication factor 3 exceeds the 2 Cassandra nodes',
      // and the replay job still names a third test node that would not exist
      expect.stringMatching(
        /^dcos\/ci\/replay\.metronome\.json run\.env: the API would use contact points .*cassandra-2-guestbook-ci.*but the deployment expects/,
      ),
    ]);
  });

  it('when a test node would gossip with production, then the check refuses it', () => {
    const d = descriptors();
    delete (d.testNodeTemplate.env as Record<string, unknown>).JVM_EXTRA_OPTS;

    expect(checkDcos(d)).toEqual(
      [0, 1, 2].map(
        (i) =>
          `dcos/ci/test-cassandra-node.marathon.json (node ${i}): must not gossip with production (load_ring_state=false)`,
      ),
    );
  });
});
