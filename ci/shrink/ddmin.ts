/** Whether a candidate set still shows the failure; called once per distinct set (the caller may cache). */
export type StillFails<T> = (subset: readonly T[]) => Promise<boolean>;

function split<T>(items: readonly T[], parts: number): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const end = start + Math.floor((items.length - start) / (parts - i));
    chunks.push(items.slice(start, end));
    start = end;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

/**
 * Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing Input", 2002): a 1-minimal subset of
 * `items` that still fails — removing any single element of it makes the failure go away. No npm package keeps one
 * up to date, so here it is, small. `items` must fail as a whole.
 */
export async function ddmin<T>(items: readonly T[], stillFails: StillFails<T>): Promise<T[]> {
  let current = [...items];
  let parts = 2;
  while (current.length >= 2) {
    const chunks = split(current, Math.min(parts, current.length));
    let reduced = false;
    for (const chunk of chunks) {
      if (await stillFails(chunk)) {
        current = chunk;
        parts = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced && chunks.length > 2) {
      for (const chunk of chunks) {
        const complement = current.filter((item) => !chunk.includes(item));
        if (await stillFails(complement)) {
          current = complement;
          parts = Math.max(parts - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      if (parts >= current.length) break;
      parts = Math.min(parts * 2, current.length);
    }
  }
  return current;
}

/**
 * Every independent cause: ddmin finds one minimal failing subset, it is set aside, and the search runs again on the
 * rest until the rest no longer fails. Three entries that each break the list alone come back as three causes of one.
 */
export async function isolateCauses<T>(items: readonly T[], stillFails: StillFails<T>): Promise<T[][]> {
  const causes: T[][] = [];
  let rest = [...items];
  while (rest.length > 0 && (await stillFails(rest))) {
    const cause = await ddmin(rest, stillFails);
    causes.push(cause);
    rest = rest.filter((item) => !cause.includes(item));
  }
  return causes;
}
