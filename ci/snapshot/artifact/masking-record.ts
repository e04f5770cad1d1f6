import { z } from 'zod';

/**
 * What the manifest says about masking. "masked": every text cell the policy names was pseudonymised before it was
 * written, and the record says with which policy (file name and sha256), which key (its fingerprint, never the key)
 * and what each column got. "unmasked": production text as it is, said loudly, with the reason.
 */
export const maskingRecord = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('masked'),
    algorithm: z.string(),
    keyFingerprint: z.string(),
    policy: z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    columns: z.record(z.string(), z.record(z.string(), z.enum(['keep', 'shape']))),
  }),
  z.object({ state: z.literal('unmasked'), warning: z.string() }),
]);

export type MaskingRecord = z.infer<typeof maskingRecord>;

export const UNMASKED_BY_CHOICE: MaskingRecord = {
  state: 'unmasked',
  warning: 'UNMASKED: taken with --unmasked; every name and message is production text as it is',
};

export const UNMASKED_RAW_SSTABLES: MaskingRecord = {
  state: 'unmasked',
  warning:
    'UNMASKED: a physical snapshot holds the raw SSTables; restore it with a masking key to mask the copy in place',
};

/** An artifact written before masking existed says nothing: it is unmasked. */
export const isMasked = (record: MaskingRecord | undefined): boolean => record?.state === 'masked';
