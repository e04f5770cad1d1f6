/** A failure a person can act on: the message is one sentence saying what to do; `details` (log lines) back it up. */
export class NodeStartError extends Error {
  override name = 'NodeStartError';
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
  }
}

/** Raised when the machine lacks a tool the node needs; the message says what to install. */
export class MissingPrerequisiteError extends NodeStartError {
  override name = 'MissingPrerequisiteError';
}

/**
 * How a command reports a failure: one sentence; the details and the stack only with --verbose. An unexpected error
 * keeps the first line of its message, which still says more than "something went wrong".
 */
export function describeFailure(error: unknown, verbose: boolean): string {
  if (!(error instanceof Error)) return String(error);
  const details = error instanceof NodeStartError ? error.details : undefined;
  if (verbose) return [error.message, details, error.stack].filter(Boolean).join('\n');
  const sentence = error instanceof NodeStartError ? error.message : (error.message.split('\n')[0] ?? error.name);
  const expected = error instanceof NodeStartError && !details;
  return expected ? sentence : `${sentence} (--verbose shows the details)`;
}
