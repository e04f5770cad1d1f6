import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { writeTimeText } from '../../snapshot/logical/write-time-text.js';

const { Long } = cassandra.types;

describe('write times as text in a logical snapshot', () => {
  it.each([
    '1764000000000000',
    '0',
    '-1',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
    '-9007199254740993',
    '9223372036854775807',
    '-9223372036854775808',
  ])('when the write time is %s, then its text is exactly that', (text) => {
    expect(writeTimeText(Long.fromString(text))).toBe(text);
  });
});
