import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeEntry } from '../entries/code-points.js';
import { REPO_ROOT } from '../repo/paths.js';
import { summaryLines } from '../replay/summary.js';
import { signatureKey } from '../shrink/failure-signature.js';
import { formatDrift } from '../snapshot/profile/drift-report.js';
import type { DataCheckResult } from './data-check.js';

const HEADLINES = {
  'no new shapes': 'no new shapes; nothing to replay',
  handled: 'new shapes, the deployed code handles them',
  'cannot handle': 'production data changed in a way the deployed code cannot handle',
} as const;

/** The one line a person reads first; the first run says it had no baseline. */
export function headline(result: DataCheckResult): string {
  if (!result.baseline && result.outcome === 'handled')
    return 'no baseline yet (first run): replayed everything, the deployed code handles it';
  if (!result.baseline && result.outcome === 'cannot handle')
    return `no baseline yet (first run): ${HEADLINES['cannot handle']}`;
  return HEADLINES[result.outcome];
}

const rel = (path: string) => relative(REPO_ROOT, path) || '.';
const deployedName = (r: DataCheckResult) =>
  `${r.deployed.ref}${r.deployed.patch ? ` + ${rel(r.deployed.patch)}` : ''}`;

/** For machines: the outcome, the drift's findings, the failing groups with their entries, the fixtures. */
export function dataCheckJson(result: DataCheckResult) {
  return {
    outcome: result.outcome,
    headline: headline(result),
    snapshot: result.snapshot,
    baseline: result.baseline ?? null,
    deployed: result.deployed,
    newShapes: result.drift ? result.drift.findings : null,
    replay: result.replay
      ? {
          passed: result.replay.passed,
          failedChecks: result.replay.api.checks.filter((c) => c.failures.length).map((c) => c.name),
          browserPassed: result.replay.browser?.passed ?? null,
        }
      : null,
    failures: result.shrunk
      ? result.shrunk.shrink.groups.map((group) => ({
          signature: signatureKey(group.signature),
          entries: group.entries.map((entry) => ({ id: entry.id, name: entry.name, described: describeEntry(entry) })),
        }))
      : null,
    notReproduced: result.shrunk?.shrink.notReproduced.map(signatureKey) ?? null,
    notDataDependent: result.shrunk?.shrink.notDataDependent.map(signatureKey) ?? null,
    fixtures: result.shrunk?.files.map(rel) ?? [],
    fixturesMasked: result.shrunk?.masked ?? null,
    acceptedAs: result.acceptedAs ? rel(result.acceptedAs) : null,
  };
}

/** For a GitLab job summary or a merge-request note. */
function dataCheckMarkdown(result: DataCheckResult): string {
  const out = [`### Data check: ${headline(result)}`, ''];
  out.push(
    `- snapshot \`${result.snapshot.id}\` taken ${result.snapshot.takenAt}${result.snapshot.masked ? ', masked at the source' : ', **UNMASKED** (--unmasked)'}`,
    `- deployed: \`${deployedName(result)}\``,
    `- baseline: ${result.baseline ? `last accepted snapshot, taken ${result.baseline.takenAt}` : 'none (first run, or the cache was lost): every shape counts as new'}`,
    '',
  );
  if (result.drift && result.drift.findings.length) out.push(formatDrift(result.drift, 'markdown').trim(), '');
  if (result.replay) {
    out.push('#### Replay', '', '```text', ...summaryLines(result.replay, REPO_ROOT), '```', '');
  }
  if (result.shrunk) {
    out.push('#### Failing groups and the entries that cause them', '');
    for (const group of result.shrunk.shrink.groups) {
      out.push(`- \`${signatureKey(group.signature)}\``);
      for (const entry of group.entries) out.push(`  - ${describeEntry(entry)}`);
    }
    for (const s of result.shrunk.shrink.notDataDependent)
      out.push(`- \`${signatureKey(s)}\`: fails on an empty keyspace too (the code, not the data)`);
    for (const s of result.shrunk.shrink.notReproduced)
      out.push(`- \`${signatureKey(s)}\`: not reproduced by any probe`);
    out.push('', '#### Fixtures', '');
    for (const file of result.shrunk.files) out.push(`- \`${rel(file)}\``);
    out.push(
      '',
      result.shrunk.masked
        ? 'Commit them under `ci/regressions/fixtures/`: plain CI then fails on this shape until the code handles it.'
        : '**UNMASKED**: the fixtures hold production text as it is; do not commit them.',
      '',
    );
  }
  return out.join('\n');
}

/** Writes report.md and report.json into `dir`; returns their paths. */
export function writeDataCheckReports(dir: string, result: DataCheckResult): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, 'report.md');
  const json = join(dir, 'report.json');
  writeFileSync(markdown, dataCheckMarkdown(result));
  writeFileSync(json, `${JSON.stringify(dataCheckJson(result), null, 2)}\n`);
  return { markdown, json };
}
