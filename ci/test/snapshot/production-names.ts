import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { entryRowAt, entryWrites } from '@guestbook/api';
import { connect, type CqlEndpoint } from '../../snapshot/cql-client.js';
import { loadHostileCorpus } from '../../seed/corpus.js';
import { PROFILE_FILE, type SnapshotProfile } from '../../snapshot/profile/snapshot-profile.js';
import { unicodeTables } from '../../snapshot/profile/unicode-tables.js';
import { ordinaryEntries } from '../../seed/ordinary-entries.js';
import { applyGuestbookSchema } from '../../seed/synthetic-entries.js';

/** What the demo signs into production: the hostile corpus and 40 ordinary entries. */
export const PRODUCTION_ENTRIES = [...loadHostileCorpus(), ...ordinaryEntries(40, 1)];

/** Signed one second apart, each entry's three writes at a write time of their own (µs). */
export const writeTimeOf = (i: number) => 1_717_200_000_000_000 + i * 1_000_000;
/** Every fifth entry expires: a day after it was written, so a restore must carry the TTL over. */
export const ttlOf = (i: number) => (i % 5 === 0 ? 86_400 : undefined);

export async function seedProductionEntries(endpoint: CqlEndpoint, keyspace: string): Promise<void> {
  await applyGuestbookSchema(endpoint, keyspace);
  const client = await connect(endpoint, keyspace);
  try {
    for (const [i, entry] of PRODUCTION_ENTRIES.entries()) {
      const row = entryRowAt(entry, new Date(Date.UTC(2024, 5, 1, 12, 0, i)));
      const ttl = ttlOf(i);
      for (const { query, params } of entryWrites(row)) {
        const using = ` USING TIMESTAMP ${writeTimeOf(i)}${ttl ? ` AND TTL ${ttl}` : ''}`;
        await client.execute(query.replace(/\)\s*$/, `)${using}`), params, { prepare: true });
      }
    }
  } finally {
    await client.shutdown();
  }
}

/**
 * The words of the corpus's CQL-injection name ("'; DROP KEYSPACE guestbook; --") are also CQL's own, in the schema, the node's prepared statements and the
 * keyspace's own names: an artifact and a node's logs hold them whatever the masking.
 */
export const STRUCTURAL_WORDS = ['DROP', 'KEYSPACE', 'guestbook'];

/** Words of the production names, for grepping: runs of letters (with their marks) of at least `letters` letters. */
export function nameWords(letters: number): string[] {
  const words = PRODUCTION_ENTRIES.flatMap((e) => e.name.split(/[^\p{L}\p{M}]+/u));
  return [...new Set(words)].filter((w) => [...w.matchAll(/\p{L}/gu)].length >= letters);
}

/**
 * Every regular file under `directory`, recursively, with its bytes. A running node compacts its own tables while
 * they are read: when a listed file is gone, its replacement may not be listed yet, so the whole walk starts over.
 */
export async function filesUnder(directory: string, attempts = 5): Promise<{ path: string; bytes: Buffer }[]> {
  const found: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    try {
      found.push({ path, bytes: await readFile(path) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempts <= 1) throw error;
      return filesUnder(directory, attempts - 1);
    }
  }
  return found;
}

/** The needles (as UTF-8) found in any of the files, each with the first file holding it. */
export function grepBytes(files: { path: string; bytes: Buffer }[], needles: string[]): Map<string, string> {
  const hits = new Map<string, string>();
  for (const needle of needles) {
    const bytes = Buffer.from(needle, 'utf8');
    const file = files.find((f) => f.bytes.includes(bytes));
    if (file) hits.set(needle, file.path);
  }
  return hits;
}

/**
 * profile.json names shapes in Unicode's own words (scripts such as "Bengali", categories such as "Private Use"),
 * which a production name can share ("Ben", "Private"). Checks that every such key is Unicode vocabulary, an emoji
 * sequence without letters or a code point number, and returns the file with those keys blanked, so that a grep
 * of what is left finds production's words only if they leaked.
 */
export async function withoutUnicodeVocabulary(file: { path: string; bytes: Buffer }) {
  if (!file.path.endsWith(PROFILE_FILE)) return file;
  const { scripts, categories } = await unicodeTables();
  const profile = JSON.parse(file.bytes.toString('utf8')) as SnapshotProfile;
  const blank = (record: Record<string, unknown>, allowed: (key: string) => boolean, what: string) =>
    Object.fromEntries(
      Object.entries(record).map(([key, value], i) => {
        if (!allowed(key))
          throw new Error(`${file.path}: ${what} key ${JSON.stringify(key)} is not Unicode vocabulary`);
        return [`${what}-${i}`, value];
      }),
    );
  for (const column of Object.values(profile.columns)) {
    const c = column as unknown as Record<string, Record<string, unknown>>;
    c.scripts = blank(c.scripts!, (k) => scripts.includes(k), 'script');
    c.categories = blank(c.categories!, (k) => categories.includes(k), 'category');
    c.invisibles = blank(c.invisibles!, (k) => /^U\+[0-9A-F]{4,6}$/.test(k), 'invisible');
    c.sequences = blank(c.sequences!, (k) => !/\p{L}/u.test(k), 'sequence');
  }
  return { path: file.path, bytes: Buffer.from(JSON.stringify(profile)) };
}
