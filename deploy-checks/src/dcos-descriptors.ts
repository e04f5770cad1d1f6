import { isRecord } from './repo-files.js';

/* Parsed DC/OS descriptors are plain JSON; these accessors keep the checks readable without casting everywhere. */
type Doc = Record<string, unknown>;
export const at = (doc: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (isRecord(node) || Array.isArray(node) ? (node as Doc)[key] : undefined), doc);
export const records = (value: unknown): Doc[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export interface DcosDescriptors {
  options: unknown;
  apiApp: unknown;
  webApp: unknown;
  testNodeTemplate: unknown;
  replayJob: unknown;
}

/** What the Cassandra service options say, which every app and job must agree with. */
export interface Ring {
  dc: string;
  nodes: number;
}

/** Marathon env values may be secret references; the API sees a string there, so stand in a valid one. */
export function resolvedEnv(app: unknown): Record<string, string> {
  const env = at(app, 'env');
  if (!isRecord(env)) return {};
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : `secret-store-value-for-${key}`,
    ]),
  );
}
