import type { Entry } from '@guestbook/api';
import { loadHostileCorpus } from './corpus.js';
import { interleave, ordinaryEntries } from './ordinary-entries.js';
import { signEntries } from './sign-entries.js';

export interface SeedOptions {
  /** How many ordinary entries to sign. */
  ordinary?: number;
  /** Whether to sign the hostile corpus among them. */
  corpus?: boolean;
  seed?: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  signed: Entry[];
  ordinary: number;
  corpus: number;
}

/** Signs the book the way its visitors do: mostly ordinary entries, with the hostile corpus arriving among them. */
export async function seedProduction(baseUrl: string, options: SeedOptions = {}): Promise<SeedResult> {
  const ordinary = ordinaryEntries(options.ordinary ?? 40, options.seed ?? 1);
  const corpus = options.corpus === false ? [] : loadHostileCorpus().map(({ name, message }) => ({ name, message }));
  // The corpus's first entry is signed last: the newest entry, on the first page, like the visitor of the story who
  // signed the night after the deploy.
  const [latest, ...earlier] = corpus;
  const signed = await signEntries(
    baseUrl,
    [...interleave(ordinary, earlier), ...(latest ? [latest] : [])],
    options.log,
  );
  return { signed, ordinary: ordinary.length, corpus: corpus.length };
}
