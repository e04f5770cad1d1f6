import fc from 'fast-check';
import { BODY_LIMIT } from './entry-rules.js';
import { acceptableMessage, acceptableName, hostileText } from './hostile-text.js';

const json = (value: unknown) => JSON.stringify(value) ?? 'null';

/** Keys an entry must refuse or that have bitten JavaScript servers (prototype pollution, near-misses of real fields). */
const suspiciousKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'Name',
  'name ',
  'message\u0000',
  'id',
  'createdAt',
  '',
);
const anyValue = fc.jsonValue({ stringUnit: 'binary', maxDepth: 2 });

/**
 * JSON object text built from key/value pairs, so it can hold what an object literal cannot: `__proto__` as an own key
 * and the same key twice (JSON.parse keeps the last one).
 */
const objectText = (pairs: Array<[string, unknown]>) => `{${pairs.map(([k, v]) => `${json(k)}:${json(v)}`).join(',')}}`;

const entryField = (name: 'name' | 'message') =>
  fc.tuple(
    fc.constant(name),
    fc.oneof(
      { weight: 3, arbitrary: name === 'name' ? acceptableName : acceptableMessage },
      { weight: 2, arbitrary: hostileText },
      { weight: 1, arbitrary: anyValue },
    ),
  );

/** Bodies shaped like an entry, with fields missing, doubled, mistyped or joined by extra keys. */
export const entryLikeDocument = fc
  .tuple(
    fc.array(entryField('name'), { minLength: 0, maxLength: 2 }),
    fc.array(entryField('message'), { minLength: 0, maxLength: 2 }),
    fc.array(fc.tuple(fc.oneof(suspiciousKey, fc.string({ unit: 'binary', maxLength: 8 })), anyValue), {
      maxLength: 2,
    }),
  )
  .chain(([names, messages, extras]) =>
    fc.shuffledSubarray([...names, ...messages, ...extras], {
      minLength: names.length + messages.length + extras.length,
    }),
  )
  .map(objectText);

/** Any JSON text at all: numbers, arrays, nested objects, strings of any code point. */
export const anyJsonText = fc.json({ stringUnit: 'binary', maxDepth: 3 });

const validBodyBytes = fc
  .tuple(acceptableName, acceptableMessage)
  .map(([name, message]) => Buffer.from(json({ name, message })));

/** Byte sequences that are not UTF-8: overlong forms, encoded surrogates (CESU-8/WTF-8), beyond U+10FFFF, stray bytes. */
const invalidUtf8 = fc.constantFrom(
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xff],
  [0xfe],
  [0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
);
/** Byte sequences that are UTF-8 but may break naive readers: a BOM, NUL, raw controls, NEL, a 4-byte emoji. */
const awkwardUtf8 = fc.constantFrom(
  [0xef, 0xbb, 0xbf],
  [0x00],
  [0x1b],
  [0x0a],
  [0xc2, 0x85],
  [0xf0, 0x9f, 0x98, 0x80],
  [0x5c],
  [0x22],
);

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(invalidUtf8, awkwardUtf8, fc.array(fc.nat(255), { minLength: 1, maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(body: Buffer, mutations: Mutation[]): Uint8Array {
  let bytes = body;
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    else if (m.kind === 'replace' && at < bytes.length)
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([m.byte]), bytes.subarray(at + 1)]);
    else if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
  }
  return new Uint8Array(bytes);
}

/** A valid entry padded with JSON whitespace to a total size just under, at or just over the body limit. */
const nearTheLimit = fc.tuple(validBodyBytes, fc.integer({ min: -2, max: 2 })).map(([body, delta]) => {
  const padding = Math.max(0, BODY_LIMIT + delta - body.length);
  return new Uint8Array(Buffer.concat([Buffer.from(' '.repeat(padding)), body]));
});

/** Raw request bodies: noise, valid bodies with bytes inserted, replaced or cut off, and bodies at the size limit. */
export const hostileBytes = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(validBodyBytes, fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([b, m]) => mutate(b, m)),
  },
  { weight: 1, arbitrary: nearTheLimit },
);
