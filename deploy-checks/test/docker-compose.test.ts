import { describe, expect, it } from 'vitest';
import { checkComposeAgainstContract } from '../src/compose-check.js';
import { validateCompose } from '../src/json-schemas.js';
import { readYaml } from '../src/repo-files.js';

/** A fresh parsed copy for each test, so a test can break it freely. */
const compose = () =>
  readYaml('docker-compose.yml') as {
    services: Record<string, Record<string, unknown>>;
    networks: Record<string, unknown>;
  };

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

    expect(validateCompose(broken)).toContain(
      'docker-compose.yml/services/cassandra: must NOT have additional properties (helthcheck)',
    );
  });

  it('when a healthcheck interval is not a duration, then the schema rejects it', () => {
    const broken = compose();
    (broken.services.api!.healthcheck as Record<string, unknown>).interval = 'ten seconds';

    expect(validateCompose(broken)).toContain(
      'docker-compose.yml/services/api/healthcheck/interval: must match format "duration"',
    );
  });

  it('when the API gets a variable it does not read, then the check names it', () => {
    const broken = compose();
    broken.services.api!.environment = {
      ...(broken.services.api!.environment as object),
      CASSANDRA_KEYSPCE: 'guestbook',
    };

    expect(checkComposeAgainstContract(broken)).toEqual([
      'docker-compose.yml services.api.environment: sets CASSANDRA_KEYSPCE, which api/src/config.ts does not read',
    ]);
  });

  it('when the API gets a value its config refuses, then the check reports the API refusal', () => {
    const broken = compose();
    broken.services.api!.environment = { ...(broken.services.api!.environment as object), TRUST_PROXY: 'true' };

    expect(checkComposeAgainstContract(broken)).toEqual([
      expect.stringMatching(
        /^docker-compose\.yml services\.api\.environment: the API would refuse this environment: .*TRUST_PROXY: a number of proxy hops/s,
      ),
    ]);
  });

  it('when the cursor secret falls back to a value written in the file, then the check refuses it', () => {
    const broken = compose();
    (broken.services.api!.environment as Record<string, string>).CURSOR_SECRET =
      '${CURSOR_SECRET:-local-compose-cursor-secret-change-me}';

    expect(checkComposeAgainstContract(broken)).toEqual([
      'docker-compose.yml: CURSOR_SECRET must come from the operator (${CURSOR_SECRET:?message}); a fallback in the file is public',
    ]);
  });

  it('when the cursor secret is written in the file, then the check refuses it', () => {
    const broken = compose();
    (broken.services.api!.environment as Record<string, string>).CURSOR_SECRET =
      'local-compose-cursor-secret-change-me';

    expect(checkComposeAgainstContract(broken)).toEqual([
      'docker-compose.yml: CURSOR_SECRET must come from the operator (${CURSOR_SECRET:?message}); a fallback in the file is public',
      'services.api: CURSOR_SECRET must be the one given to Compose (${CURSOR_SECRET:?...})',
    ]);
  });

  it('when the cursor secret is required without the colon, then an empty CURSOR_SECRET= would pass, and the check says so', () => {
    const broken = compose();
    (broken.services.api!.environment as Record<string, string>).CURSOR_SECRET = '${CURSOR_SECRET?set it}';

    expect(checkComposeAgainstContract(broken)).toEqual([
      'docker-compose.yml: CURSOR_SECRET must come from the operator (${CURSOR_SECRET:?message}); a fallback in the file is public',
    ]);
  });

  it('when TRUST_PROXY is unset, then every visitor behind nginx shares one rate-limit bucket, and the check says so', () => {
    const broken = compose();
    delete (broken.services.api!.environment as Record<string, string>).TRUST_PROXY;

    expect(checkComposeAgainstContract(broken)).toEqual(
      ['172.18.0.5', '192.168.32.4'].map((proxy) =>
        expect.stringMatching(
          new RegExp(
            `^docker-compose\\.yml services\\.api\\.environment: via web \\(nginx\\).*counts visitor 203\\.0\\.113\\.7 as ${proxy.replaceAll('.', '\\.')} \\(TRUST_PROXY false\\): every visitor shares`,
          ),
        ),
      ),
    );
  });

  it('when TRUST_PROXY trusts one hop, then visitors to the published API port can name themselves, and the check says so', () => {
    const broken = compose();
    (broken.services.api!.environment as Record<string, string>).TRUST_PROXY = '1';

    expect(checkComposeAgainstContract(broken)).toEqual([
      'docker-compose.yml services.api.environment: via the published API port, no proxy, a visitor who sends X-Forwarded-For: 198.51.100.23 is counted as 198.51.100.23 (TRUST_PROXY 1): anyone can pick a fresh rate-limit bucket',
    ]);
  });

  it('when the Cassandra node keeps the periodic commit log, then the check reports it', () => {
    const broken = compose();
    const { JVM_EXTRA_OPTS: _flags, ...environment } = broken.services.cassandra!.environment as Record<string, string>;
    broken.services.cassandra!.environment = environment;

    expect(checkComposeAgainstContract(broken)).toEqual([
      'services.cassandra: the only copy must be on disk before a write is acknowledged; JVM_EXTRA_OPTS lacks -Dcassandra.config.allow_system_properties=true -Dcassandra.settings.commitlog_sync=batch -Dcassandra.settings.commitlog_sync_period=0ms',
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

    expect(checkComposeAgainstContract(broken)).toEqual([
      'services.cassandra-test: shares network(s) default with production Cassandra',
    ]);
  });

  it('when a service is missing, then the check names it once, and what depended on it', () => {
    const broken = compose();
    delete broken.services.web;

    expect(checkComposeAgainstContract(broken)).toEqual([
      'docker-compose.yml: no service "web"',
      'services.web: API_UPSTREAM must be http://api:3000',
      'services.web: does not publish container port 8080',
      'services.web: healthcheck must probe :8080/healthz',
      'no service runs the image guestbook/web:local',
    ]);
  });

  it('when the API healthcheck probes a path the API does not serve, then the check reports it', () => {
    const broken = compose();
    (broken.services.api!.healthcheck as { test: string[] }).test = [
      'CMD',
      'wget',
      '-q',
      'http://127.0.0.1:3000/health',
    ];

    expect(checkComposeAgainstContract(broken)).toEqual([
      'services.api: healthcheck must probe :3000/readyz or /healthz (probes http://127.0.0.1:3000/health)',
    ]);
  });
});
