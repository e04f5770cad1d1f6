import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('when nothing is set, then every key has its default', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 3000,
      cassandra: {
        contactPoints: ['127.0.0.1:9042'],
        localDataCenter: 'datacenter1',
        keyspace: 'guestbook',
        replication: { class: 'SimpleStrategy', replication_factor: '1' },
      },
      cursorSecretIsEphemeral: true,
      rateLimitSignPerMinute: 30,
    });
    expect(config.cassandra.credentials).toBeUndefined();
  });

  it('when values are set, then they are parsed into typed settings', () => {
    const config = loadConfig({
      PORT: '8080',
      CASSANDRA_CONTACT_POINTS: 'cass-1:9042, cass-2',
      CASSANDRA_REPLICATION: 'NetworkTopologyStrategy:dc1=3,dc2=2',
      CASSANDRA_USERNAME: 'app',
      CASSANDRA_PASSWORD: 's3cret',
      CURSOR_SECRET: 'sixteen-chars-at-least',
    });

    expect(config.port).toBe(8080);
    expect(config.cassandra.contactPoints).toEqual(['cass-1:9042', 'cass-2']);
    expect(config.cassandra.replication).toEqual({ class: 'NetworkTopologyStrategy', dc1: '3', dc2: '2' });
    expect(config.cassandra.credentials).toEqual({ username: 'app', password: 's3cret' });
    expect(config.cursorSecretIsEphemeral).toBe(false);
  });

  it.each([
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ CASSANDRA_KEYSPACE: 'drop table;' }, 'CASSANDRA_KEYSPACE'],
    [{ CASSANDRA_REPLICATION: 'three' }, 'CASSANDRA_REPLICATION'],
    [{ CASSANDRA_CONTACT_POINTS: 'a b' }, 'CASSANDRA_CONTACT_POINTS'],
    [{ CURSOR_SECRET: 'short' }, 'CURSOR_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CASSANDRA_USERNAME: 'app' }, 'CASSANDRA_PASSWORD'],
  ])('when %o is set, then start-up fails naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
