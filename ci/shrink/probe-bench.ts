import { randomBytes } from 'node:crypto';
import { entryFromRow, entryWrites } from '@guestbook/api';
import cassandra from 'cassandra-driver';
import type { StoredRow } from '../entries/stored-entries.js';
import { startApiProcess, type ApiProcess } from '../replay/api-process.js';
import { connect, type CqlClient, type CqlEndpoint } from '../snapshot/cql-client.js';
import { AvatarChecks, readEntries, readEntryProblems } from '../suites/api/entry-reads.js';
import { Offenders } from '../suites/api/findings.js';
import { walkList } from '../suites/api/list-walk.js';
import { isServerError, requestPath, signatureKey, signatureOf, type FailureSignature } from './failure-signature.js';

const { concurrent, types } = cassandra;

/** The checks a probe can re-run: the list walk, and reading each entry by id (with its avatar). */
export type ProbeCheck = 'list' | 'by id';

/** Which check a signature's failure comes from. */
export function checkFor(signature: FailureSignature): ProbeCheck[] {
  if (signature.check === 'GET /api/entries') return ['list'];
  if (signature.check === 'GET /api/entries/:id' || signature.check.startsWith('GET /api/avatars')) return ['by id'];
  return ['list', 'by id'];
}

/** What one probe saw: each distinct failure signature, with one of its problem lines as an example. */
export type ProbeResult = Map<string, { signature: FailureSignature; example: string }>;

const LOG_SETTLE_MS = 1000;

/** Error classes the API logged, by request path, from pino JSON lines. */
function errorClassesByPath(lines: string[]): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const line of lines) {
    try {
      const record = JSON.parse(line) as { level?: number; path?: string; err?: { type?: string } };
      if ((record.level ?? 0) >= 50 && record.path) byPath.set(record.path, record.err?.type ?? 'Error');
    } catch {
      // not a JSON log line
    }
  }
  return byPath;
}

/**
 * A scratch keyspace on a real node and the API under test on it. Each probe empties the keyspace of the previous
 * probe's rows, writes just the candidate entries with their original ids (so their original times and day
 * partitions), re-runs the named checks with the API suite's own code, and reads the error classes the API logged.
 */
export class ProbeBench {
  private written: StoredRow[] = [];
  probes = 0;

  private constructor(
    private readonly api: ApiProcess,
    private readonly client: CqlClient,
    readonly keyspace: string,
  ) {}

  static async start(options: { endpoint: CqlEndpoint; checkout: string; webDistDir?: string }): Promise<ProbeBench> {
    const keyspace = `shrink_${Date.now()}_${randomBytes(2).toString('hex')}`;
    // The API creates its keyspace and schema at start-up, as in production.
    const api = await startApiProcess({
      checkout: options.checkout,
      endpoint: options.endpoint,
      keyspace,
      ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
      env: { RATE_LIMIT_SIGN_PER_MINUTE: '1000000' },
    });
    try {
      return new ProbeBench(api, await connect(options.endpoint, keyspace), keyspace);
    } catch (error) {
      await api.stop();
      throw error;
    }
  }

  get apiUrl(): string {
    return this.api.url;
  }

  /** Loads exactly `entries` and runs `checks` against the API; resolves to the failures seen, none when all passed. */
  async probe(entries: readonly StoredRow[], checks: readonly ProbeCheck[]): Promise<ProbeResult> {
    this.probes++;
    await this.load(entries);
    const marker = this.api.logLines().at(-1);
    const problems: string[] = [];
    if (checks.includes('list')) await this.walk(problems);
    if (checks.includes('by id')) {
      const avatars = new AvatarChecks(this.api.url);
      const read = async (entry: StoredRow) => {
        problems.push(...(await readEntryProblems(this.api.url, entry, avatars)));
      };
      await readEntries([...entries], read, { concurrency: 8 });
    }
    const classes = await this.loggedErrorClasses(marker, problems);
    const result: ProbeResult = new Map();
    for (const problem of problems) {
      const signature = signatureOf(problem, (path) => classes.get(path) ?? 'none');
      const key = signatureKey(signature);
      if (!result.has(key)) result.set(key, { signature, example: problem });
    }
    return result;
  }

  private async walk(problems: string[]): Promise<void> {
    const stored = this.listOrder();
    const offenders = new Offenders();
    // A line about an entry starts with its description ("🦄 Luna" (entry …) — …: GET …); the same problem, bare,
    // is in `offenders`. Lines about no entry in particular come bare.
    const fail = (line: string) => {
      if (!line.startsWith('"')) problems.push(line);
    };
    try {
      await walkList({ baseUrl: this.api.url, stored, offenders, fail });
    } finally {
      await stored.return(undefined);
    }
    for (const offender of offenders.list()) problems.push(...offender.problems);
  }

  /** The scratch keyspace in list order, read with the bench's own client: newest day first, newest first inside. */
  private async *listOrder(): AsyncGenerator<StoredRow> {
    const days = await this.client.execute('SELECT day FROM entry_days WHERE shard = 0', [], { prepare: true });
    for (const { day } of days.rows as unknown as Array<{ day: string }>) {
      const rows = await this.client.execute('SELECT id, name, message FROM entries_by_day WHERE day = ?', [day], {
        prepare: true,
      });
      for (const row of rows.rows) yield { ...entryFromRow(row), day };
    }
  }

  /** Deletes what the last probe wrote, then writes these entries: the keyspace holds nothing else. */
  private async load(entries: readonly StoredRow[]): Promise<void> {
    const removals = this.written.flatMap((row) => {
      const id = types.TimeUuid.fromString(row.id);
      return [
        { query: 'DELETE FROM entries_by_day WHERE day = ? AND id = ?', params: [row.day, id] },
        { query: 'DELETE FROM entries_by_id WHERE id = ?', params: [id] },
        { query: 'DELETE FROM entry_days WHERE shard = 0 AND day = ?', params: [row.day] },
      ];
    });
    await concurrent.executeConcurrent(this.client, removals, { concurrencyLevel: 32, raiseOnFirstError: true });
    const writes = entries.flatMap((row) =>
      entryWrites({ id: types.TimeUuid.fromString(row.id), day: row.day, name: row.name, message: row.message }),
    );
    await concurrent.executeConcurrent(this.client, writes, { concurrencyLevel: 32, raiseOnFirstError: true });
    this.written = [...entries];
  }

  /**
   * The API's error lines since `marker`, by path. The API writes its log line before it answers, but the line reaches
   * this process through a pipe: for a 5xx whose line has not arrived yet, wait a moment.
   */
  private async loggedErrorClasses(marker: string | undefined, problems: string[]): Promise<Map<string, string>> {
    const wanted = new Set(problems.filter(isServerError).map(requestPath));
    const began = Date.now();
    for (;;) {
      const lines = this.api.logLines();
      const since = marker === undefined ? lines : lines.slice(lines.lastIndexOf(marker) + 1);
      const classes = errorClassesByPath(since);
      const arrived = [...wanted].every((path) => classes.has(path));
      if (arrived || Date.now() - began > LOG_SETTLE_MS) return classes;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await this.client.execute(`DROP KEYSPACE IF EXISTS ${this.keyspace}`, [], { readTimeout: 60_000 }).catch(() => {});
    await this.client.shutdown();
    await this.api.stop();
  }
}
