import { seededRandom } from '../../entries/seeded-random.js';
import { enumeratedProperty, generalCategory } from '../../snapshot/masking/tables/unicode-properties.js';

/**
 * The reference the commercial tools describe ("character substitution within the same Unicode block"): every code
 * point becomes a random assigned code point of its block. Done per code point, not per UTF-16 unit, so it never cuts
 * a surrogate pair — the most favourable reading. Code points outside any block stay.
 */
export async function sameBlockSubstitution(seed: number): Promise<(value: string) => string> {
  const block = await enumeratedProperty('Block');
  const category = generalCategory();
  const members = new Map<number, number[]>();
  for (let cp = 0; cp < 0x110000; cp++) {
    const gc = category.of(cp);
    const code = block.codes[cp]!;
    if (code === 0 || gc === 'Unassigned' || gc === 'Surrogate' || gc === '') continue;
    const list = members.get(code);
    if (list) list.push(cp);
    else members.set(code, [cp]);
  }
  const random = seededRandom(seed);
  return (value) =>
    Array.from(value, (c) => {
      const list = members.get(block.codes[c.codePointAt(0)!]!);
      return list ? String.fromCodePoint(list[Math.floor(random() * list.length)]!) : c;
    }).join('');
}
