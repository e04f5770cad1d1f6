import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import junitReportBuilder, { type Builder } from 'junit-report-builder';
import type { CaseResult } from './suite-report.js';

// The package is CommonJS whose module.exports is the builder itself, while its types describe a default export.
const builder = junitReportBuilder as unknown as Builder;

// XML 1.0 cannot carry these at all, not even escaped; a stored entry may hold them (U+FFFF is valid text).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlSafe = (text: string) => text.replace(NOT_XML, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

/** Writes the cases as JUnit XML, the format GitLab shows in a merge request's test report. */
export function writeJUnit(file: string, suiteName: string, cases: CaseResult[]): void {
  const report = builder.newBuilder();
  const suite = report.testSuite().name(suiteName);
  for (const c of cases) {
    const test = suite.testCase().className(xmlSafe(c.className)).name(xmlSafe(c.name)).time(c.ms / 1000);
    // The first problem is the summary GitLab lists; all of them go in the body.
    if (c.failures.length) test.failure(xmlSafe(c.failures[0]!)).stacktrace(xmlSafe(c.failures.join('\n')));
  }
  mkdirSync(dirname(file), { recursive: true });
  report.writeTo(file);
}
