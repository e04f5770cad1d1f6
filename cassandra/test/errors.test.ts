import { describe, expect, it } from 'vitest';
import { MissingPrerequisiteError, NodeStartError, describeFailure } from '../src/errors.js';

describe('describeFailure', () => {
  it('when a prerequisite is missing, then its sentence is all that is printed', () => {
    const error = new MissingPrerequisiteError('Maven was not found: install it.');

    expect(describeFailure(error, false)).toBe('Maven was not found: install it.');
  });

  it('when a start fails with log lines behind it, then the sentence points at --verbose, which prints them', () => {
    const error = new NodeStartError(
      'Cassandra exited during start-up: /n/logs/system.log says why.',
      'ERROR line 1\nERROR line 2',
    );

    expect(describeFailure(error, false)).toBe(
      'Cassandra exited during start-up: /n/logs/system.log says why. (--verbose shows the details)',
    );
    expect(describeFailure(error, true)).toMatch(
      /^NodeStartError: Cassandra exited .* says why\.\nERROR line 1\nERROR line 2\n +at /,
    );
  });

  it('when a caller prints the message of such an error, then the log lines come with it', () => {
    const error = new NodeStartError('Cassandra exited during start-up: /n/logs/system.log says why.', 'ERROR line 1');

    expect(error.message).toBe('Cassandra exited during start-up: /n/logs/system.log says why.\nERROR line 1');
  });

  it('when the error is unexpected, then only the first line of its message is printed without --verbose', () => {
    const error = new Error('nodetool drain failed (exit 1): Connection refused\n\tat a long Java stack');

    expect(describeFailure(error, false)).toBe(
      'nodetool drain failed (exit 1): Connection refused (--verbose shows the details)',
    );
  });
});
