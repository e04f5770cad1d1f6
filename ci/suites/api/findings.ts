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
}

/** Collects problems per entry, so one entry named by several checks is reported once with all of them. */
export class Offenders {
  private readonly byId = new Map<string, OffendingEntry>();

  add(entry: StoredRow, problem: string): void {
    const found = this.byId.get(entry.id) ?? { entry, problems: [] };
    found.problems.push(problem);
    this.byId.set(entry.id, found);
  }

  list(): OffendingEntry[] {
    return [...this.byId.values()];
  }
}

export function writeFindings(file: string, findings: ApiFindings): void {
  writeFileSync(file, JSON.stringify(findings));
}

export function readFindings(file: string): ApiFindings {
  return JSON.parse(readFileSync(file, 'utf8')) as ApiFindings;
}
