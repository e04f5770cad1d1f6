import type { EntriesRepository } from '../../src/entries/entries.repository.js';

export interface SeedOptions {
  entries: number;
  days: number;
}

/** `entries` entries spread evenly over the last `days` days, written with the API's own repository, 32 at a time. */
export async function seedEntries(repository: EntriesRepository, options: SeedOptions): Promise<number> {
  const { entries, days } = options;
  const began = performance.now();
  const now = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < entries; i = next++) {
        const at = new Date(now - Math.floor((i / entries) * days * 86_400_000) - 1000);
        await repository.insert({ name: `Visitor ${i} ✍️`, message: `Entry ${i}: Grüße, こんにちは, 🦄` }, at);
      }
    }),
  );
  return (performance.now() - began) / 1000;
}
