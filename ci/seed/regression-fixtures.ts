import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { entryWrites } from '@guestbook/api';
import cassandra from 'cassandra-driver';
import { z } from 'zod';
import { withClient, type CqlEndpoint } from '../snapshot/cql-client.js';

const { concurrent, types } = cassandra;

/** Where committed regression fixtures live: one JSON-lines file per failure a shrink isolated. */
export const REGRESSION_FIXTURES_DIR = join(import.meta.dirname, '..', 'regressions', 'fixtures');

// Line 1 says what failed; every further line is one entry as the keyspace held it, with its original id and time.
const headerSchema = z.strictObject({
  fixture: z.literal('guestbook-regression/1'),
  signature: z.strictObject({
    check: z.string(),
    status: z.number().int(),
    code: z.string(),
    errorClass: z.string(),
  }),
  example: z.string(),
  causes: z.number().int().positive(),
  /** The masking fingerprint (algorithm, tables, key id) when names and messages were pseudonymised, else null. */
  masking: z.string().nullable(),
  shrunkFrom: z.number().int().nonnegative(),
});
const entrySchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  createdAt: z.iso.datetime(),
  name: z.string(),
  message: z.string(),
  /** Which minimal cause the entry belongs to (0-based). */
  cause: z.number().int().nonnegative(),
  codePoints: z.strictObject({ name: z.string(), message: z.string() }),
});

export type FixtureHeader = z.infer<typeof headerSchema>;
export type FixtureEntry = z.infer<typeof entrySchema>;

export interface RegressionFixture {
  file: string;
  header: FixtureHeader;
  entries: FixtureEntry[];
}

export class FixtureError extends Error {
  override name = 'FixtureError';
}

const parseLine = <T>(schema: z.ZodType<T>, line: string, where: string): T => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new FixtureError(`${where} is not JSON; regenerate the fixture with \`npm run shrink\` or remove it.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FixtureError(
      `${where}: ${issue.path.join('.') || 'the line'} ${issue.message.toLowerCase()}; regenerate the fixture with \`npm run shrink\` or remove it.`,
    );
  }
  return parsed.data;
};

export function readRegressionFixture(file: string): RegressionFixture {
  const shown = relative(process.cwd(), file);
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length < 2) throw new FixtureError(`${shown} holds no entries; remove it or run \`npm run shrink\` again.`);
  return {
    file,
    header: parseLine(headerSchema, lines[0]!, `${shown} line 1`),
    entries: lines.slice(1).map((line, i) => parseLine(entrySchema, line, `${shown} line ${i + 2}`)),
  };
}

/** Every committed fixture, in file-name order; none when the folder is absent. */
export function readRegressionFixtures(dir = REGRESSION_FIXTURES_DIR): RegressionFixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => readRegressionFixture(join(dir, name)));
}

/** The fixtures' entries, each once (two fixtures may hold the same entry for two checks it breaks). */
export function fixtureEntries(fixtures: readonly RegressionFixture[]): FixtureEntry[] {
  const byId = new Map<string, FixtureEntry>();
  for (const fixture of fixtures) for (const entry of fixture.entries) byId.set(entry.id, entry);
  return [...byId.values()];
}

/**
 * Writes fixture entries into a keyspace the way the API lays entries out, with their original ids: they are rows that
 * production held, which the API may no longer accept through a sign (and would give new ids and times if it did).
 */
export async function writeFixtureEntries(
  endpoint: CqlEndpoint,
  keyspace: string,
  entries: readonly FixtureEntry[],
): Promise<void> {
  const writes = entries.flatMap((entry) =>
    entryWrites({ id: types.TimeUuid.fromString(entry.id), day: entry.day, name: entry.name, message: entry.message }),
  );
  await withClient(
    endpoint,
    (client) => concurrent.executeConcurrent(client, writes, { concurrencyLevel: 32, raiseOnFirstError: true }),
    keyspace,
  );
}
