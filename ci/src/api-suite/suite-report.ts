import type { StoredEntry } from '../replay/stored-entries.js';

/** One test case as JUnit and the terminal show it. */
export interface CaseResult {
  className: string;
  name: string;
  ms: number;
  failures: string[];
}

/** An entry some check failed on, with every problem found for it. */
export interface OffendingEntry {
  entry: StoredEntry;
  problems: string[];
}

export interface ApiSuiteReport {
  cases: CaseResult[];
  offending: OffendingEntry[];
  entries: number;
  ms: number;
}

/** Collects problems per entry, so one entry named by several checks is reported once with all of them. */
export class Offenders {
  private readonly byId = new Map<string, OffendingEntry>();

  add(entry: StoredEntry, problem: string): void {
    const found = this.byId.get(entry.id) ?? { entry, problems: [] };
    found.problems.push(problem);
    this.byId.set(entry.id, found);
  }

  list(): OffendingEntry[] {
    return [...this.byId.values()];
  }
}

export async function timed(className: string, name: string, run: (fail: (problem: string) => void) => Promise<void>): Promise<CaseResult> {
  const began = performance.now();
  const failures: string[] = [];
  try {
    await run((problem) => failures.push(problem));
  } catch (error) {
    failures.push(`could not run: ${(error as Error).message}`);
  }
  return { className, name, ms: Math.round(performance.now() - began), failures };
}
