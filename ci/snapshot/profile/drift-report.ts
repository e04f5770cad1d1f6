import { codePointLabel, codePointName } from '../code-point-label.js';
import type { Drift, DriftFinding } from './drift.js';

export type DriftFormat = 'text' | 'markdown' | 'json';
export const DRIFT_FORMATS: readonly DriftFormat[] = ['text', 'markdown', 'json'];

const EMOJI_WORDS: Record<string, string> = {
  zwj: 'ZWJ emoji sequences',
  flag: 'flag emoji',
  keycap: 'keycap emoji',
  'skin-tone': 'emoji with a skin tone',
  tag: 'tag-sequence emoji (subdivision flags)',
};
const SEQUENCE_WORDS: Record<string, string> = {
  zwj: 'ZWJ emoji',
  flag: 'flag',
  keycap: 'keycap',
  'skin-tone': 'skin-tone emoji',
  tag: 'tag-sequence flag',
};
const MEASURE_WORDS: Record<string, string> = { graphemes: 'graphemes', utf8Bytes: 'UTF-8 bytes' };

const words = (name: string) => name.replace(/_/g, ' ');
const columnName = (column: string) => column.slice(column.indexOf('.') + 1);

/** 🏴 + tags gbwls; 👩‍👩‍👧‍👦 → WOMAN, WOMAN, GIRL, BOY: joiners and variation selectors are left out of the names. */
function sequenceNames(sequence: string): string {
  const names: string[] = [];
  let tags = '';
  for (const ch of sequence) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xe0020 && cp <= 0xe007e) tags += String.fromCodePoint(cp - 0xe0000);
    else if (cp !== 0x200d && cp !== 0xfe0f && cp !== 0xe007f) names.push(codePointName(cp));
  }
  return [...names, ...(tags ? [`tags "${tags}"`] : [])].join(', ');
}

const since = (f: DriftFinding) =>
  f.firstSeen ? ` (first written ${f.firstSeen.slice(0, 16).replace('T', ' ')} UTC)` : '';

/** One finding in plain words, without its column: "first entries in Telugu script: 3 (first written …)". */
function describeFinding(f: DriftFinding): string {
  switch (f.kind) {
    case 'column':
      return `first entries in this column: ${f.values}`;
    case 'script':
      return `first entries in ${words(f.key)} script: ${f.values}${since(f)}`;
    case 'category':
      return `first entries with ${words(f.key)} characters: ${f.values}${since(f)}`;
    case 'invisible': {
      const label = codePointLabel(parseInt(f.key.slice(2), 16));
      return `first entries with ${label}${f.detail ? ` (${f.detail})` : ''}: ${f.values}${since(f)}`;
    }
    case 'emoji':
      return `first entries with ${EMOJI_WORDS[f.key] ?? f.key}: ${f.values}${since(f)}`;
    case 'sequence':
      return `first ${SEQUENCE_WORDS[f.detail ?? ''] ?? 'emoji'} ${f.key} (${sequenceNames(f.key)}): ${f.values}${since(f)}`;
    case 'normalization':
      return `first entries ${f.key.replace('-', ' in ')}: ${f.values}${since(f)}`;
    case 'longest':
      return `longest ${columnName(f.column)} grew from ${f.from} to ${f.to} ${MEASURE_WORDS[f.key] ?? f.key}`;
  }
}

interface ColumnGroup {
  /** `table.column` for each column with exactly these findings: a denormalized copy reports once. */
  columns: string[];
  lines: string[];
}

const isTagCharacter = (f: DriftFinding) =>
  f.kind === 'invisible' && parseInt(f.key.slice(2), 16) >= 0xe0000 && parseInt(f.key.slice(2), 16) <= 0xe007f;

/** Tag characters spell a subdivision flag's letters (or hide ASCII text): one line for all of a column's. */
function describeTags(tags: DriftFinding[]): string {
  const first = tags
    .map((t) => t.firstSeen)
    .filter((t): t is string => !!t)
    .sort()[0];
  const values = Math.max(...tags.map((t) => t.values ?? 0));
  return `first entries with tag characters (${tags.map((t) => t.key).join(', ')}): ${values}${since({ ...tags[0]!, firstSeen: first ?? null })}`;
}

function groupByColumn(drift: Drift): ColumnGroup[] {
  const perColumn = new Map<string, string[]>();
  const tagsPerColumn = new Map<string, DriftFinding[]>();
  for (const f of drift.findings) {
    if (isTagCharacter(f)) tagsPerColumn.set(f.column, [...(tagsPerColumn.get(f.column) ?? []), f]);
    else perColumn.set(f.column, [...(perColumn.get(f.column) ?? []), describeFinding(f)]);
  }
  for (const [column, tags] of tagsPerColumn)
    perColumn.set(column, [...(perColumn.get(column) ?? []), describeTags(tags)]);
  const groups = new Map<string, ColumnGroup>();
  for (const [column, lines] of perColumn) {
    const key = `${columnName(column)}\n${lines.join('\n')}`;
    const group = groups.get(key);
    if (group) group.columns.push(column);
    else groups.set(key, { columns: [column], lines });
  }
  return [...groups.values()];
}

const heading = (group: ColumnGroup) => `${columnName(group.columns[0]!)} (${group.columns.join(', ')})`;
const NOTHING = 'no new shapes: production holds nothing its previous snapshot did not';

export function formatDrift(drift: Drift, format: DriftFormat): string {
  const groups = groupByColumn(drift);
  const span = `${drift.from.takenAt} → ${drift.to.takenAt}`;
  if (format === 'json') return `${JSON.stringify({ ...drift, new: drift.findings.length > 0 }, null, 2)}\n`;
  if (format === 'markdown') {
    const body = groups.length
      ? groups.map(
          (g) => `**${escapeMarkdown(heading(g))}**\n\n${g.lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}`,
        )
      : [`${NOTHING[0]!.toUpperCase()}${NOTHING.slice(1)}.`];
    return `### Production data drift\n\nSnapshots ${span}\n\n${body.join('\n\n')}\n`;
  }
  if (groups.length === 0) return `Drift ${span}: ${NOTHING}.\n`;
  const body = groups.map((g) => `${heading(g)}:\n${g.lines.map((l) => `  - ${l}`).join('\n')}`);
  return `Drift ${span}: what production holds now that it did not before\n${body.join('\n')}\n`;
}

const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
