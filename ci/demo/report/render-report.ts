import escapeHtml from 'escape-html';
import { printable } from '../../entries/code-points.js';
import { seconds } from '../narrator.js';
import type { RecordedStory, ReportOffender, ReportScreenshot } from './recorded-story.js';
import { REPORT_CSS } from './report-style.js';

// Entries are hostile text: every string goes through `text`, which first shows bidi overrides, zero-width and
// control characters as ⟨U+…⟩ (as the terminal does) and then escapes markup; each name is also isolated in <bdi>.
const text = (value: string) => escapeHtml(printable(value, Number.MAX_SAFE_INTEGER));
const attribute = (value: string) => escapeHtml(encodeURI(value));

// No script, no network: the page may only show its own inline style and the images beside it.
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:";

function verdictClass(cell: string): string {
  if (cell.startsWith('PASS')) return ' class="pass"';
  if (cell.startsWith('FAIL')) return ' class="fail"';
  return '';
}

function beforeAfter(table: string[][]): string {
  const [header = [], ...rows] = table;
  const head = header.map((cell) => `<th scope="col">${text(cell)}</th>`).join('');
  const body = rows
    .map(
      ([label = '', ...cells]) =>
        `<tr><th scope="row">${text(label)}</th>${cells.map((c) => `<td${verdictClass(c)}>${text(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="before-after"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function screenshot(shot: ReportScreenshot): string {
  const seen = shot.seen ? ` <em>${text(shot.seen)}</em>` : '';
  return `<figure><figcaption><strong>${text(shot.title)}</strong> ${text(shot.caption)}${seen}</figcaption>
<img src="${attribute(shot.file)}" alt="${text(shot.title)}"></figure>`;
}

function offender(entry: ReportOffender): string {
  const codePoints = [
    entry.nameCodePoints && `<li>name: ${text(entry.nameCodePoints)}</li>`,
    entry.messageCodePoints && `<li>message: ${text(entry.messageCodePoints)}</li>`,
  ].join('');
  const problems = entry.problems.map((p) => `<li>${text(p)}</li>`).join('');
  return `<li class="offender"><p><bdi class="entry-name">${text(entry.name)}</bdi> <code>${text(entry.id)}</code></p>
<ul class="code-points">${codePoints}</ul><ul class="problems">${problems}</ul></li>`;
}

function offenders(story: RecordedStory): string {
  if (!story.offending.length) return '<p>The replay named no entry.</p>';
  const more = story.moreOffending ? `<p>… and ${story.moreOffending} more (see the JUnit XML).</p>` : '';
  const logged = story.apiErrors.length
    ? `<p>The API logged: ${story.apiErrors.map((line) => `<code>${text(line)}</code>`).join(' ')}</p>`
    : '';
  return `<ol class="offenders">\n${story.offending.map(offender).join('\n')}\n</ol>${more}${logged}`;
}

function timings(story: RecordedStory): string {
  const rows = story.timings.map((t) => `<tr><td>${text(seconds(t.ms))}</td><td>${text(t.title)}</td></tr>`);
  return `<table class="timings"><tbody>${rows.join('')}</tbody></table>`;
}

/** The demo's story as one HTML page: inline style, no script, screenshots referenced from its own folder. */
export function renderReport(story: RecordedStory, generatedAt = new Date()): string {
  const verdict = story.held
    ? 'The story held: dummy data passed the change, a copy of production caught it and named the entries, HEAD passes.'
    : 'The story did not hold: see the table and the terminal output.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<title>Guestbook demo: tested against a copy of production</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>The change passed on dummy data. A copy of production caught it.</h1>
<p class="verdict ${story.held ? 'pass' : 'fail'}">${text(verdict)}</p></header>
<section id="before-after"><h2>Before / after</h2>
${beforeAfter(story.table)}</section>
<section id="screenshots"><h2>The page</h2>
${story.screenshots.map((pair) => `<div class="pair">${pair.map(screenshot).join('\n')}</div>`).join('\n')}
</section>
<section id="offending"><h2>The entries that break the change</h2>
${offenders(story)}</section>
<section id="timings"><h2>Time per step</h2>
${timings(story)}</section>
<footer>Written by <code>npm run demo</code> on ${text(generatedAt.toISOString())}.</footer>
</body>
</html>
`;
}
