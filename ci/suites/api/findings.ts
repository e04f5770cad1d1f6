import { readFileSync, writeFileSync } from 'node:fs';
import type { StoredRow } from '../../entries/stored-entries.js';

/** An entry some check failed on, with every problem found for it. */
export interface OffendingEntry {
  entry: StoredRow;
  problems: string[];
}

/** What the API suite leaves for the summary beside the runner's own reports: how much it read, and who broke what. */
export interface ApiFindings {
  entries: number;
  offending: OffendingEntry[];
  /** Offending entries beyond those kept: a broken API can break every entry, and the report stays readable. */
  moreOffending: number;
  coverage: string[];
}

const KEEP_OFFENDERS = 1000;

/** Collects problems per entry, so one entry named by several checks is reported once with all of them. */
export class Offenders {
  private readonly byId = new Map<string, OffendingEntry>();
  more = 0;

  add(entry: StoredRow, problem: string): void {
    const found = this.byId.get(entry.id);
    if (found) found.problems.push(problem);
    else if (this.byId.size < KEEP_OFFENDERS) this.byId.set(entry.id, { entry, problems: [problem] });
    else this.more++;
  }

  list(): OffendingEntry[] {
    return [...this.byId.values()];
  }
}

/** Failure lines of one check, capped: the first ones name entries, the count says how many more there were. */
export class Problems {
  private readonly lines: string[] = [];
  private dropped = 0;

  constructor(private readonly keep = 200) {}

  readonly add = (problem: string): void => {
    if (this.lines.length < this.keep) this.lines.push(problem);
    else this.dropped++;
  };

  get count(): number {
    return this.lines.length + this.dropped;
  }

  text(): string {
    return [...this.lines, ...(this.dropped ? [`… and ${this.dropped} more`] : [])].join('\n');
  }
}

export function writeFindings(file: string, findings: ApiFindings): void {
  writeFileSync(file, JSON.stringify(findings));
}

export function readFindings(file: string): ApiFindings {
  return JSON.parse(readFileSync(file, 'utf8')) as ApiFindings;
}
