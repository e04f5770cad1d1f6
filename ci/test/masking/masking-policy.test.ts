import { describe, expect, it } from 'vitest';
import {
  loadMaskingPolicy,
  MaskingPolicyError,
  parseMaskingPolicy,
  type PolicyColumn,
} from '../../snapshot/masking/index.js';

const column = (name: string, type: string, kind: PolicyColumn['kind'] = 'regular'): PolicyColumn => ({
  name,
  type,
  kind,
});

const ENTRY_TEXT = [column('message', 'text'), column('name', 'text')];
const GUESTBOOK = [
  {
    name: 'entries_by_day',
    columns: [column('day', 'text', 'partition_key'), column('id', 'timeuuid', 'clustering'), ...ENTRY_TEXT],
  },
  {
    name: 'entries_by_id',
    columns: [column('day', 'text'), column('id', 'timeuuid', 'partition_key'), ...ENTRY_TEXT],
  },
  { name: 'entry_days', columns: [column('day', 'text', 'clustering'), column('shard', 'int', 'partition_key')] },
];

const DEFAULTS = 'defaults: { keyColumns: keep, timestampColumns: keep, textColumns: shape }\n';
const policy = (tables: string) => parseMaskingPolicy(`${DEFAULTS}tables:\n${tables}`, 'test-policy.yaml');

describe('the checked-in masking policy', () => {
  it('when planned against the guestbook schema, then names and messages are shaped and everything else kept', () => {
    const plan = loadMaskingPolicy().planFor(GUESTBOOK);
    expect(Object.fromEntries([...plan].map(([table, actions]) => [table, Object.fromEntries(actions)]))).toEqual({
      entries_by_day: { day: 'keep', id: 'keep', message: 'shape', name: 'shape' },
      entries_by_id: { day: 'keep', id: 'keep', message: 'shape', name: 'shape' },
      entry_days: { day: 'keep', shard: 'keep' },
    });
  });
});

describe('columnAction', () => {
  const book = policy('  entries_by_id:\n    day: keep\n');

  it('when a column is not named, then its kind or type picks the default', () => {
    expect(book.columnAction('entries_by_id', column('id', 'timeuuid', 'partition_key'))).toBe('keep');
    expect(book.columnAction('entries_by_id', column('created', 'timestamp'))).toBe('keep');
    expect(book.columnAction('entries_by_id', column('email', 'text'))).toBe('shape');
    expect(book.columnAction('entries_by_id', column('day', 'text'))).toBe('keep');
  });

  it('when a column has no rule and no default covers its type, then the error names table, column and type', () => {
    expect(() => book.columnAction('entries_by_id', column('avatar', 'blob'))).toThrow(
      new MaskingPolicyError(
        'Table entries_by_id, column avatar (blob) has no masking rule in test-policy.yaml: ' +
          'name it under tables.entries_by_id as keep or shape',
      ),
    );
  });

  it('when the table is not in the policy, then the error names the table', () => {
    expect(() => book.columnAction('visitors', column('email', 'text'))).toThrow(
      /^Table visitors is not in the masking policy test-policy\.yaml/,
    );
  });

  it('when shape is asked of a column that is not text, then it is refused', () => {
    expect(() => policy('  t:\n    n: shape\n').columnAction('t', column('n', 'int'))).toThrow(
      'Table t, column n is int: shape masking applies to text columns only',
    );
  });
});

describe('planFor', () => {
  it('when the policy and the schema disagree, then one error lists every problem', () => {
    const stale = policy('  entries_by_day:\n    nmae: shape\n  entries_by_id:\n  gone:\n    x: keep\n');
    const schema = [...GUESTBOOK.slice(0, 2), { name: 'entry_days', columns: [column('shard', 'int', 'regular')] }];
    expect(() => stale.planFor(schema)).toThrow(
      new MaskingPolicyError(
        [
          'The masking policy test-policy.yaml names column nmae of table entries_by_day, which it lacks',
          'Table entry_days is not in the masking policy test-policy.yaml: add it, naming an action for its columns',
          'The masking policy test-policy.yaml names table gone, which the keyspace does not have',
        ].join('\n'),
      ),
    );
  });
});

describe('parseMaskingPolicy', () => {
  it.each([
    ['an unknown action', `${DEFAULTS}tables:\n  t:\n    c: hide\n`, /tables\.t\.c: Invalid option: expected one of/],
    ['a missing default', 'defaults: { keyColumns: keep, textColumns: shape }\ntables: {}\n', /timestampColumns/],
    ['an unknown field', `${DEFAULTS}tables: {}\nextra: 1\n`, /Unrecognized key: "extra"/],
    ['broken YAML', 'defaults: [\n', /is not valid YAML/],
  ])('when the file has %s, then loading fails naming the file and the place', (_what, text, message) => {
    expect(() => parseMaskingPolicy(text, 'bad.yaml')).toThrow(message);
    expect(() => parseMaskingPolicy(text, 'bad.yaml')).toThrow(/bad\.yaml/);
  });

  it('when the file does not exist, then the error says which file', () => {
    expect(() => loadMaskingPolicy('/nonexistent/masking-policy.yaml')).toThrow(
      /^Cannot read the masking policy \/nonexistent\/masking-policy\.yaml/,
    );
  });
});
