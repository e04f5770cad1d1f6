import { relative } from 'node:path';
import { describeEntry } from '../entries/code-points.js';
import type { SuitesResult } from './run-suites.js';

const MAX_LISTED = 10;

/** The lines a person reads after a run: which entries broke what, why (as the API logged it), and where the reports are. */
export function summaryLines(result: SuitesResult, cwd = process.cwd()): string[] {
  const lines: string[] = [];
  const failedChecks = result.api.checks.filter((check) => check.failures.length);
  const passedCount = result.api.checks.length - failedChecks.length;
  lines.push(`API suite: ${passedCount}/${result.api.checks.length} checks passed on ${result.api.entries} entries`);
  for (const covered of result.api.coverage) lines.push(`  ${covered}`);
  const offendingCount = result.api.offending.length + result.api.moreOffending;
  if (offendingCount) {
    lines.push(`Entries that break the API (${offendingCount}):`);
    for (const { entry, problems } of result.api.offending.slice(0, MAX_LISTED)) {
      lines.push(`  ✗ ${describeEntry(entry)}`);
      for (const p of [...new Set(problems)].slice(0, 3)) lines.push(`      ${p}`);
    }
    if (offendingCount > MAX_LISTED) lines.push(`  … and ${offendingCount - MAX_LISTED} more (see the JUnit XML)`);
  }
  const other = failedChecks
    .flatMap((check) => check.failures.flatMap((failure) => failure.split('\n')))
    .filter((f) => !result.api.offending.some((offender) => f.includes(offender.entry.id)));
  for (const f of other.slice(0, 5)) lines.push(`  ✗ ${f}`);
  const causes = [...new Set(result.apiErrors)];
  if (causes.length) lines.push(`The API logged: ${causes.slice(0, 3).join(' | ')}`);
  if (result.browser) {
    lines.push(`Browser suite: ${result.browser.passed ? 'passed' : 'failed'} on ${result.browser.checked} entries`);
    for (const failure of result.browser.failures.slice(0, 3)) {
      const [first = '', ...rest] = failure.split('\n');
      // The headline, then the listed entries or the diff lines (+/-) under it, not the stack.
      const details = rest.filter((l) => /^\s*[-+] /.test(l) && !/Expected|Received/.test(l)).slice(0, 5);
      lines.push(`  ✗ ${first.replace(/^Error: /, '')}`, ...details.map((l) => `    ${l.trim()}`));
    }
    lines.push(`  report: ${relative(cwd, result.browser.reportDir)}/index.html`);
  }
  lines.push(`  JUnit: ${relative(cwd, result.apiJUnit)}`);
  return lines;
}
