import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const CORPUS_FILE = fileURLToPath(new URL('../corpus/hostile-entries.json', import.meta.url));

/** Long text is written as a repeat, so the file stays readable: `{ "repeat": "𝕏", "times": 80 }`. */
const text = z.union([
  z.string(),
  z
    .strictObject({ repeat: z.string().min(1), times: z.number().int().positive(), then: z.string().optional() })
    .transform((r) => r.repeat.repeat(r.times) + (r.then ?? '')),
]);

const corpusSchema = z.array(z.strictObject({ covers: z.array(z.string()).min(1), name: text, message: text })).min(1);

export interface CorpusEntry {
  /** The kinds of text this entry is there to cover, as the corpus README lists them. */
  covers: string[];
  name: string;
  message: string;
}

export function loadHostileCorpus(file = CORPUS_FILE): CorpusEntry[] {
  return corpusSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
