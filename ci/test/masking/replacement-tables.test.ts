import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { replacementTables } from '../../snapshot/masking/replacement-tables.js';
import { replacementTablesJson, TABLES_FILE } from '../../snapshot/masking/tables/generate-replacement-tables.js';
import { unicodeLookups, type UnicodeLookups } from './support/shape-check.js';

let unicode: UnicodeLookups;
beforeAll(async () => {
  unicode = await unicodeLookups();
});

describe('the replacement tables', () => {
  it('when generated again from the Unicode data on this runtime, then they equal the checked-in file', async () => {
    expect(await replacementTablesJson()).toBe(readFileSync(TABLES_FILE, 'utf8'));
  });

  it('when a class is read, then its members share category, script and UTF-8 length, and none is an emoji', () => {
    const tables = replacementTables();
    const problems: string[] = [];
    tables.members.forEach((members, index) => {
      const first = members[0]!;
      const signature = (cp: number) =>
        [unicode.category.of(cp), unicode.script.of(cp), Buffer.byteLength(String.fromCodePoint(cp))].join(' ');
      for (const cp of members) {
        const at = `U+${cp.toString(16)}`;
        if (signature(cp) !== signature(first)) problems.push(`${tables.keys[index]}: ${at} is ${signature(cp)}`);
        if (/\p{Extended_Pictographic}/u.test(String.fromCodePoint(cp))) problems.push(`${at} is pictographic`);
      }
      if (members.length < 2) problems.push(`${tables.keys[index]} has fewer than two members`);
    });
    expect(problems).toEqual([]);
  });

  it('when letters are counted, then the ones with no class-mate are few and listed in docs/masking.md', () => {
    const tables = replacementTables();
    let letters = 0;
    let kept = 0;
    for (let cp = 0; cp < 0x110000; cp++) {
      const gc = unicode.category.of(cp);
      if (!gc.endsWith('_Letter') || gc === 'Cased_Letter') continue;
      letters++;
      if (tables.classOf[cp] === 0) kept++;
    }
    console.warn(`Letters in Unicode ${tables.unicodeVersion}: ${letters}; with no replacement (kept): ${kept}`);
    expect(kept / letters).toBeLessThan(0.01);
  });
});
