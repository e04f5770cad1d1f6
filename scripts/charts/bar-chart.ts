// Grouped bar charts as plain SVG text: no browser, no canvas, nothing to install, and a diff shows what changed.

export interface BarGroup {
  /** Shown under the group; '\n' starts a second line. */
  label: string;
  /** One value per series, in the chart's series order; undefined leaves a gap. */
  values: Array<number | undefined>;
}

export interface BarChart {
  title: string;
  /** The y axis' unit, e.g. "requests/s". */
  unit: string;
  series: string[];
  groups: BarGroup[];
  /** A horizontal line, e.g. a target. */
  line?: { value: number; label: string };
  /** How a bar's value is printed above it. */
  format?: (value: number) => string;
}

const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#9c755f', '#e15759', '#76b7b2'];
const FONT = 'font-family="system-ui, sans-serif"';

const round = (v: number) => Math.round(v * 10) / 10;

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A round upper bound for the axis, at or above `max`, that five grid lines divide into round steps. */
function niceCeiling(max: number): number {
  const power = 10 ** Math.floor(Math.log10(max || 1));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((v) => v >= max)!;
}

export function barChartSvg(chart: BarChart): string {
  const format = chart.format ?? ((v: number) => (v >= 100 || v === 0 ? v.toFixed(0) : v.toPrecision(2)));
  // Room for two-line group labels such as "list, first page / 100 connections".
  const width = Math.max(720, 110 + chart.groups.length * Math.max(140, chart.series.length * 26 + 34));
  const height = 380;
  const plot = { left: 70, right: width - 20, top: 70, bottom: height - 70 };
  const values = chart.groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined));
  const top = niceCeiling(Math.max(...values, chart.line?.value ?? 0) * 1.08);
  // Coordinates to a tenth of a pixel keep the files short and their diffs readable.
  const y = (v: number) => round(plot.bottom - (v / top) * (plot.bottom - plot.top));
  const groupWidth = (plot.right - plot.left) / chart.groups.length;
  const barWidth = Math.min(26, (groupWidth - 16) / chart.series.length);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `${FONT} font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">` +
      `${escapeXml(chart.title)}</text>`,
  ];
  chart.series.forEach((name, i) => {
    const x = plot.left + i * 170;
    out.push(`<rect x="${x}" y="36" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`);
    out.push(`<text x="${x + 17}" y="46">${escapeXml(name)}</text>`);
  });
  for (let i = 0; i <= 5; i++) {
    const v = (top / 5) * i;
    out.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${plot.left - 6}" y="${y(v) + 4}" text-anchor="end">${format(v)}</text>`);
  }
  const yLabel = `translate(16 ${(plot.top + plot.bottom) / 2}) rotate(-90)`;
  out.push(`<text transform="${yLabel}" text-anchor="middle">${escapeXml(chart.unit)}</text>`);
  chart.groups.forEach((group, g) => {
    const start = plot.left + g * groupWidth + (groupWidth - barWidth * chart.series.length) / 2;
    group.values.forEach((value, s) => {
      if (value === undefined) return;
      const x = round(start + s * barWidth);
      const colour = COLOURS[s % COLOURS.length];
      const bar = { x, y: y(value), width: round(barWidth - 3), height: round(plot.bottom - y(value)) };
      out.push(`<rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" fill="${colour}"/>`);
      const label = `x="${round(x + bar.width / 2)}" y="${bar.y - 4}" text-anchor="middle" font-size="9"`;
      out.push(`<text ${label}>${format(value)}</text>`);
    });
    group.label.split('\n').forEach((line, l) => {
      const cx = round(plot.left + (g + 0.5) * groupWidth);
      out.push(`<text x="${cx}" y="${plot.bottom + 18 + l * 15}" text-anchor="middle">${escapeXml(line)}</text>`);
    });
  });
  if (chart.line) {
    const ly = y(chart.line.value);
    out.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${ly}" y2="${ly}" stroke="#c00" stroke-dasharray="6 4"/>`);
    const label = escapeXml(chart.line.label);
    out.push(`<text x="${plot.right}" y="${ly - 5}" text-anchor="end" fill="#c00">${label}</text>`);
  }
  out.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#333"/>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
