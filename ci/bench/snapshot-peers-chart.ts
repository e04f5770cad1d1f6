/**
 * npm run bench:snapshot-chart -w ci -- <peers.json> [<out.svg>]
 *
 * Draws the peer comparison that `npm run bench:snapshot` wrote (peers.json in its --dir) as grouped bars of rows per
 * second, one group per size: our logical take next to cqlsh COPY TO, our restore next to COPY FROM. Plain SVG, no
 * dependencies, so the chart in docs/ can be redrawn from any run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PeerResult, PeerStep } from './snapshot-bench-peers.js';

const [input, output = 'docs/images/snapshot-logical-vs-cqlsh.svg'] = process.argv.slice(2);
if (!input) throw new Error('Usage: snapshot-peers-chart.ts <peers.json> [<out.svg>]');
const where = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const results = JSON.parse(await readFile(where(input), 'utf8')) as PeerResult[];

const SERIES: { step: PeerStep; colour: string }[] = [
  { step: 'ours: logical take', colour: '#1b7f3b' },
  { step: 'cqlsh COPY TO', colour: '#9cc7a8' },
  { step: 'ours: restore as SSTables', colour: '#1f5fa8' },
  { step: 'ours: restore over CQL', colour: '#6f93c4' },
  { step: 'cqlsh COPY FROM', colour: '#a9c1e0' },
];
const sizes = [...new Set(results.map((r) => r.entries))].sort((a, b) => a - b);
const rate = (r: PeerResult) => r.rows / (r.ms / 1000);
const top = Math.max(...results.map(rate)) * 1.1;

const [width, height, left, bottom, plotTop] = [760, 380, 70, 60, 40];
const plotHeight = height - bottom - plotTop;
const groupWidth = (width - left - 20) / sizes.length;
const barWidth = (groupWidth - 30) / SERIES.length;
const y = (value: number) => plotTop + plotHeight * (1 - value / top);
const parts: string[] = [];
for (let tick = 0; tick <= 4; tick++) {
  const value = (top / 4) * tick;
  parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`);
  parts.push(`<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end">${Math.round(value / 1000)}k</text>`);
}
sizes.forEach((size, g) => {
  const x0 = left + g * groupWidth + 15;
  SERIES.forEach(({ step, colour }, i) => {
    const result = results.find((r) => r.entries === size && r.step === step);
    if (!result) return;
    const x = x0 + i * barWidth;
    parts.push(
      `<rect x="${x}" y="${y(rate(result))}" width="${barWidth - 2}" height="${plotTop + plotHeight - y(rate(result))}" fill="${colour}">` +
        `<title>${step}: ${Math.round(rate(result))} rows/s (${(result.ms / 1000).toFixed(1)} s)</title></rect>`,
    );
  });
  parts.push(
    `<text x="${x0 + (groupWidth - 30) / 2}" y="${height - bottom + 18}" text-anchor="middle">${size.toLocaleString('en-US')} entries</text>`,
  );
});
SERIES.forEach(({ step, colour }, i) => {
  const x = left + (i % 3) * 220;
  const row = height - 22 + Math.floor(i / 3) * 16;
  parts.push(
    `<rect x="${x}" y="${row - 10}" width="12" height="12" fill="${colour}"/><text x="${x + 16}" y="${row}">${step}</text>`,
  );
});
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 16}" font-family="sans-serif" font-size="12">
<text x="${left}" y="20" font-size="14">Logical snapshot vs cqlsh COPY: rows per second (higher is better)</text>
${parts.join('\n')}
</svg>
`;
await writeFile(where(output), svg);
console.log(`Wrote ${where(output)}`);
