import { readManifest } from './artifact/manifest.js';
import { isMasked } from './artifact/masking-record.js';
import {
  createMasker,
  maskingFromFlags,
  missingKeyMessage,
  type MaskingFlags,
  type SnapshotMasking,
} from './masking/index.js';

/**
 * How the copy restored from `artifact` is masked before anything reads it: undefined when the artifact is masked
 * already or the flags say --unmasked, the key otherwise. Without either the command stops: `doing` names it in the
 * message ("Replaying the unmasked snapshot …"). A key too short is refused here, before a node is started.
 */
export async function maskingForCopy(
  artifact: string,
  flags: MaskingFlags,
  doing: string,
): Promise<SnapshotMasking | undefined> {
  if (isMasked((await readManifest(artifact)).masking)) return undefined;
  const choice = maskingFromFlags(flags);
  if (!choice) throw new Error(missingKeyMessage(`${doing} the unmasked snapshot ${artifact}`));
  if (choice === 'unmasked') return undefined;
  createMasker(choice);
  return choice;
}
