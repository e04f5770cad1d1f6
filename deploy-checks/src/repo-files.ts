import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function repoPath(relative: string): string {
  return `${REPO_ROOT}${relative}`;
}

/** Parses YAML strictly: duplicate keys or syntax errors throw with the file named, instead of silently winning. */
export function readYaml(relative: string): unknown {
  return parseYaml(readFileSync(repoPath(relative), 'utf8'), relative);
}

export function parseYaml(text: string, name = 'YAML'): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS({ maxAliasCount: 100 });
}

export function readJson(relative: string): unknown {
  const text = readFileSync(repoPath(relative), 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${relative}: ${(error as Error).message}`);
  }
}

export function readText(relative: string): string {
  return readFileSync(repoPath(relative), 'utf8');
}

/** Narrowing helper for parsed descriptors, which are plain JSON-like data. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
