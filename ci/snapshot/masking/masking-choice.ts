import { readFileSync } from 'node:fs';
import type { SnapshotMasking } from './snapshot-masking.js';

/** The environment variable that carries the key: in CI a protected, masked variable. */
export const MASKING_KEY_VARIABLE = 'MASKING_KEY';

/** A command line that leaves masking undecided or contradicts itself; the CLIs print it with their usage. */
export class MaskingChoiceError extends Error {
  override name = 'MaskingChoiceError';
}

export interface MaskingFlags {
  /** --masking-key-file: a file holding the key (one trailing newline is not part of it). */
  keyFile?: string | undefined;
  /** --unmasked: the explicit opt-in to copy production text as it is. */
  unmasked?: boolean | undefined;
  env?: NodeJS.ProcessEnv;
}

/**
 * The key from --masking-key-file or $MASKING_KEY, or 'unmasked' when --unmasked says so; undefined when neither is
 * given (the caller decides whether it needs one). Giving both a key and --unmasked is refused.
 */
export function maskingFromFlags({
  keyFile,
  unmasked,
  env = process.env,
}: MaskingFlags): SnapshotMasking | 'unmasked' | undefined {
  const fromEnv = env[MASKING_KEY_VARIABLE];
  if (keyFile && fromEnv) {
    throw new MaskingChoiceError(`Give the masking key once: --masking-key-file or $${MASKING_KEY_VARIABLE}, not both`);
  }
  const key = keyFile ? readKeyFile(keyFile) : fromEnv || undefined;
  if (key && unmasked) {
    throw new MaskingChoiceError(
      `--unmasked contradicts the masking key given (${keyFile ? '--masking-key-file' : `$${MASKING_KEY_VARIABLE}`}): drop one`,
    );
  }
  if (unmasked) return 'unmasked';
  return key ? { key } : undefined;
}

/** The one sentence for a command that would copy production text and was given neither a key nor --unmasked. */
export function missingKeyMessage(action: string): string {
  return (
    `${action} needs a masking key: set $${MASKING_KEY_VARIABLE} or pass --masking-key-file FILE ` +
    '(or pass --unmasked to copy production text as it is, on purpose)'
  );
}

function readKeyFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MaskingChoiceError(
      `Cannot read the masking key file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return text.replace(/\r?\n$/, '');
}
