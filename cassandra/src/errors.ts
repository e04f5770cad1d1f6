/**
 * A failure a person can act on: `sentence` says what to do; `details` (log lines) back it up. The message holds both,
 * so a caller that prints `message` loses nothing; command lines print the sentence alone (see describeFailure).
 */
export class NodeStartError extends Error {
  override name = 'NodeStartError';
  constructor(
    readonly sentence: string,
    readonly details?: string,
  ) {
    super(details ? `${sentence}\n${details}` : sentence);
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
  if (verbose) return error.stack ?? error.message;
  if (error instanceof NodeStartError) {
    return error.details ? `${error.sentence} (--verbose shows the details)` : error.sentence;
  }
  return `${error.message.split('\n')[0]} (--verbose shows the details)`;
}
