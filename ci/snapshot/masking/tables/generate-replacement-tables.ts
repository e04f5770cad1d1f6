import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeSubstitutionClasses } from './substitution-classes.js';
import { UNICODE_DATA_VERSION } from './unicode-properties.js';

export const TABLES_FILE = fileURLToPath(new URL('../replacement-tables.json', import.meta.url));

/** [first, count] pairs of consecutive code points, flattened: the classes are mostly long runs. */
function runs(codePoints: number[]): number[] {
  const out: number[] = [];
  for (const cp of codePoints) {
    const last = out.length - 2;
    if (last >= 0 && out[last]! + out[last + 1]! === cp) out[last + 1]!++;
    else out.push(cp, 1);
  }
  return out;
}

/** The tables file's text: the same Unicode data and runtime always give the same bytes. */
export async function replacementTablesJson(): Promise<string> {
  if (process.versions.unicode !== UNICODE_DATA_VERSION) {
    throw new Error(
      `This runtime implements Unicode ${process.versions.unicode}, the data package ${UNICODE_DATA_VERSION}: ` +
        'generate the tables with a Node.js whose ICU implements the same version as the data',
    );
  }
  const { classes, notBoundaryBefore } = await computeSubstitutionClasses();
  const lines = [
    '{',
    `  "unicodeVersion": ${JSON.stringify(UNICODE_DATA_VERSION)},`,
    `  "notBoundaryBefore": ${JSON.stringify(runs(notBoundaryBefore))},`,
    '  "classes": [',
    classes
      .map(({ key, members }) => `    { "key": ${JSON.stringify(key)}, "runs": ${JSON.stringify(runs(members))} }`)
      .join(',\n'),
    '  ]',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TABLES_FILE, await replacementTablesJson());
  process.stdout.write(`Wrote ${TABLES_FILE}\n`);
}
