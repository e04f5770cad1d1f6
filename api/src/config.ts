import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

const contactPoints = z
  .string()
  .min(1)
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+(:\d{1,5})?$/, 'each contact point is host or host:port')).min(1));

// "SimpleStrategy:1" or "NetworkTopologyStrategy:dc1=3,dc2=3", turned into the map CREATE KEYSPACE takes.
const replication = z
  .string()
  .regex(
    /^(SimpleStrategy:\d+|NetworkTopologyStrategy:[\w-]+=\d+(,[\w-]+=\d+)*)$/,
    'use SimpleStrategy:N or NetworkTopologyStrategy:dc=N[,dc=N]',
  )
  .transform((s): Record<string, string> => {
    const [strategy, spec = ''] = s.split(':');
    if (strategy === 'SimpleStrategy') return { class: 'SimpleStrategy', replication_factor: spec };
    return { class: 'NetworkTopologyStrategy', ...Object.fromEntries(spec.split(',').map((pair) => pair.split('='))) };
  });

// Proxies allowed to name the client in X-Forwarded-For: a number of hops, or addresses, subnets and the names
// loopback, linklocal, uniquelocal. Never "true": then any client could name itself and dodge the per-address limit.
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const trustProxy = z
  .string()
  .transform((s) => (/^\d+$/.test(s) ? Number(s) : s.split(',').map((p) => p.trim())))
  .refine(
    (v) => typeof v === 'number' || v.every((p) => PROXY_NAMES.includes(p) || isIP(p.replace(/\/\d{1,3}$/, '')) !== 0),
    {
      message:
        'a number of proxy hops, or a comma list of addresses, subnets (a.b.c.d/n) or loopback, linklocal, uniquelocal',
    },
  );

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  CASSANDRA_CONTACT_POINTS: contactPoints.default(['127.0.0.1:9042']),
  CASSANDRA_LOCAL_DC: z.string().min(1).default('datacenter1'),
  CASSANDRA_KEYSPACE: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/, 'a Cassandra keyspace name: letters, digits, _')
    .default('guestbook'),
  CASSANDRA_USERNAME: z.string().min(1).optional(),
  CASSANDRA_PASSWORD: z.string().min(1).optional(),
  CASSANDRA_REPLICATION: replication.default({ class: 'SimpleStrategy', replication_factor: '1' }),
  CASSANDRA_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
  CURSOR_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  RATE_LIMIT_SIGN_PER_MINUTE: z.coerce.number().int().positive().default(30),
  TRUST_PROXY: trustProxy.optional(),
  WEB_DIST_DIR: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** `auto`: readable lines on a terminal, JSON otherwise. */
  logFormat: z.infer<typeof schema>['LOG_FORMAT'];
  cassandra: {
    contactPoints: string[];
    localDataCenter: string;
    keyspace: string;
    credentials?: { username: string; password: string };
    replication: Record<string, string>;
    requestTimeoutMs: number;
  };
  cursorSecret: Buffer;
  /** True when no CURSOR_SECRET was set: cursors then stop working after a restart and differ between instances. */
  cursorSecretIsEphemeral: boolean;
  rateLimitSignPerMinute: number;
  /** Express's "trust proxy": who may say, in X-Forwarded-For, which client address a request comes from. */
  trustProxy: number | string[] | false;
  webDistDir?: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once, at boot; a bad value stops the process with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.CASSANDRA_USERNAME) !== Boolean(e.CASSANDRA_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  CASSANDRA_USERNAME and CASSANDRA_PASSWORD must be set together');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    cassandra: {
      contactPoints: e.CASSANDRA_CONTACT_POINTS,
      localDataCenter: e.CASSANDRA_LOCAL_DC,
      keyspace: e.CASSANDRA_KEYSPACE,
      ...(e.CASSANDRA_USERNAME && e.CASSANDRA_PASSWORD
        ? { credentials: { username: e.CASSANDRA_USERNAME, password: e.CASSANDRA_PASSWORD } }
        : {}),
      replication: e.CASSANDRA_REPLICATION,
      requestTimeoutMs: e.CASSANDRA_REQUEST_TIMEOUT_MS,
    },
    cursorSecret: e.CURSOR_SECRET ? Buffer.from(e.CURSOR_SECRET) : randomBytes(32),
    cursorSecretIsEphemeral: !e.CURSOR_SECRET,
    rateLimitSignPerMinute: e.RATE_LIMIT_SIGN_PER_MINUTE,
    trustProxy: e.TRUST_PROXY ?? false,
    ...(e.WEB_DIST_DIR ? { webDistDir: e.WEB_DIST_DIR } : {}),
  };
}
