import type { NewEntry } from '@guestbook/api';

/**
 * The data a team writes by hand for its tests: a few friendly ASCII names and messages. Everything passes on it —
 * which is the point the replay makes.
 */
export const DUMMY_ENTRIES: readonly NewEntry[] = [
  { name: 'Alice', message: 'Hello from the test suite!' },
  { name: 'Bob Smith', message: 'Great talk, thanks.' },
  { name: 'Carol', message: 'Signing the guestbook.\nSecond line.' },
  { name: 'Dave Jones', message: 'Testing 1, 2, 3' },
  { name: 'Eve', message: 'Nice demo' },
  { name: 'Frank Miller', message: 'See you next year' },
];
