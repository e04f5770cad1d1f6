import { describe, expect, it } from 'vitest';
import { checkComposeAgainstContract } from '../../src/deploy/compose-check.js';
import { validateCompose } from '../../src/deploy/json-schemas.js';
import { readYaml } from '../../src/deploy/repo-files.js';

/** A fresh parsed copy for each test, so a test can break it freely. */
const compose = () => readYaml('docker-compose.yml') as { services: Record<string, Record<string, unknown>>; networks: Record<string, unknown> };

describe('docker-compose.yml', () => {
  it('when validated against the Compose Specification JSON schema, then it has no errors', () => {
    expect(validateCompose(compose())).toEqual([]);
  });

  it("when compared with the deploy contract and the API's config loader, then everything agrees", () => {
    expect(checkComposeAgainstContract(compose())).toEqual([]);
  });

  it('when a service field is misspelt, then the schema rejects it', () => {
    const broken = compose();
    const { healthcheck, ...rest } = broken.services.cassandra!;
    broken.services.cassandra = { ...rest, helthcheck: healthcheck };

    expect(validateCompose(broken)).toContain('docker-compose.yml/services/cassandra: must NOT have additional properties (helthcheck)');
  });

  it('when a healthcheck interval is not a duration, then the schema rejects it', () => {
    const broken = compose();
    (broken.services.api!.healthcheck as Record<string, unknown>).interval = 'ten seconds';

    expect(validateCompose(broken)).toContain('docker-compose.yml/services/api/healthcheck/interval: must match format "duration"');
  });

  it('when the API gets a variable it does not read, then the check names it', () => {
    const broken = compose();
    broken.services.api!.environment = { ...(broken.services.api!.environment as object), CASSANDRA_KEYSPCE: 'guestbook' };

    expect(checkComposeAgainstContract(broken)).toEqual([
      'docker-compose.yml services.api.environment: sets CASSANDRA_KEYSPCE, which api/src/config.ts does not read',
    ]);
  });

  it('when the API gets a value its config refuses, then the check reports the API refusal', () => {
    const broken = compose();
    broken.services.api!.environment = { ...(broken.services.api!.environment as object), CURSOR_SECRET: 'short' };

    expect(checkComposeAgainstContract(broken)).toEqual([
      expect.stringMatching(/^docker-compose\.yml services\.api\.environment: the API would refuse this environment: .*CURSOR_SECRET: at least 16 characters/s),
    ]);
  });

  it('when the web proxies to the wrong API port, then the check reports it', () => {
    const broken = compose();
    broken.services.web!.environment = { API_UPSTREAM: 'http://api:8080' };

    expect(checkComposeAgainstContract(broken)).toEqual(['services.web: API_UPSTREAM must be http://api:3000']);
  });

  it('when the test Cassandra can reach the production one, then the check refuses the replay setup', () => {
    const broken = compose();
    delete broken.services['cassandra-test']!.networks;

    expect(checkComposeAgainstContract(broken)).toEqual(['services.cassandra-test: shares network(s) default with production Cassandra']);
  });

  it('when the API healthcheck probes a path the API does not serve, then the check reports it', () => {
    const broken = compose();
    (broken.services.api!.healthcheck as { test: string[] }).test = ['CMD', 'wget', '-q', 'http://127.0.0.1:3000/health'];

    expect(checkComposeAgainstContract(broken)).toEqual([
      'services.api: healthcheck must probe :3000/readyz or /healthz (probes http://127.0.0.1:3000/health)',
    ]);
  });
});
