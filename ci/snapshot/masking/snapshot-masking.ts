import { basename } from 'node:path';
import { SnapshotError } from '../artifact/manifest.js';
import type { MaskingRecord } from '../artifact/masking-record.js';
import { ALGORITHM, createMasker } from './masker.js';
import { loadMaskingPolicy, type MaskingPolicy, type PolicyTable } from './masking-policy.js';

/** What a take or a restore needs to mask: the secret key, and the policy (ci/masking-policy.yaml unless given). */
export interface SnapshotMasking {
  key: string | Uint8Array;
  policy?: MaskingPolicy;
}

export type TextMask = (value: string) => string;

export interface MaskingPlan {
  /** For the manifest: the policy, the key's fingerprint and every column's action. */
  record: MaskingRecord & { state: 'masked' };
  /** The table's shaped columns, each with the function that masks its values. */
  masksFor(table: string): Map<string, TextMask>;
}

/**
 * Checks the whole keyspace against the policy before anything is read (an unknown table or column fails here, all
 * problems in one message) and builds the masker from the key.
 */
export function planMasking(masking: SnapshotMasking, tables: readonly PolicyTable[]): MaskingPlan {
  let policy: MaskingPolicy;
  let actions: Map<string, Map<string, 'keep' | 'shape'>>;
  let masker: ReturnType<typeof createMasker>;
  try {
    policy = masking.policy ?? loadMaskingPolicy();
    actions = policy.planFor(tables);
    masker = createMasker({ key: masking.key });
  } catch (error) {
    throw new SnapshotError(`Masking cannot start: ${(error as Error).message}`);
  }
  const maskText: TextMask = (value) => masker.maskText(value);
  return {
    record: {
      state: 'masked',
      algorithm: ALGORITHM,
      keyFingerprint: masker.fingerprint,
      policy: { name: basename(policy.source), sha256: policy.digest },
      columns: Object.fromEntries([...actions].map(([table, columns]) => [table, Object.fromEntries(columns)])),
    },
    masksFor(table) {
      const shaped = [...(actions.get(table) ?? [])].filter(([, action]) => action === 'shape');
      return new Map(shaped.map(([column]) => [column, maskText]));
    },
  };
}
