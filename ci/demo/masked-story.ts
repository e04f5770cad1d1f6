import { randomBytes } from 'node:crypto';
import cassandra from 'cassandra-driver';
import { codePointLabel, printable } from '../entries/code-points.js';
import type { SuitesResult } from '../replay/run-suites.js';
import { withClient, type CqlEndpoint } from '../snapshot/cql-client.js';
import { MASKING_KEY_VARIABLE, type SnapshotMasking } from '../snapshot/masking/index.js';

/**
 * The demo's masked run: $MASKING_KEY when set, else a key made for this run only. No demo key is checked in: a key
 * in the repository is one someone could copy to production, and the story holds with any key.
 */
export function demoMasking(env = process.env): SnapshotMasking {
  return { key: env[MASKING_KEY_VARIABLE] || randomBytes(32) };
}

/** An entry the change broke on the masked copy, next to what production holds under the same id. */
export interface MaskedOffender {
  id: string;
  maskedName: string;
  /** The name's code points other than letters and digits, labelled: what masking keeps, so what names the failure. */
  nonLetters: string[];
  /** Production's entry with this id has the same non-letter code points, in the same places, and another text. */
  sameAsProduction: boolean;
}

/** Every code point that is not a letter or a decimal digit, as `U+1F984 UNICORN FACE`, in order, with its index. */
export function nonLetterLabels(text: string): string[] {
  return [...text].flatMap((ch, i) =>
    /[\p{L}\p{Nd}]/u.test(ch) ? [] : [`${i}: ${codePointLabel(ch.codePointAt(0)!)}`],
  );
}

/** Looks up each offending entry of the masked copy in production by id; production's text is compared, never shown. */
export async function compareWithProduction(
  result: SuitesResult,
  production: CqlEndpoint,
  keyspace: string,
): Promise<MaskedOffender[]> {
  return withClient(production, async (client) => {
    const offenders: MaskedOffender[] = [];
    for (const { entry } of result.api.offending) {
      const row = await client.execute(
        `SELECT name FROM ${keyspace}.entries_by_id WHERE id = ?`,
        [cassandra.types.TimeUuid.fromString(entry.id)],
        { prepare: true },
      );
      const original = row.first()?.get('name') as string | undefined;
      const nonLetters = nonLetterLabels(entry.name);
      offenders.push({
        id: entry.id,
        maskedName: entry.name,
        nonLetters,
        sameAsProduction:
          original !== undefined &&
          original !== entry.name &&
          JSON.stringify(nonLetterLabels(original)) === JSON.stringify(nonLetters),
      });
    }
    return offenders;
  });
}

/** Lines for the narrator: each offender by id and masked name, its kept code points, and whether production agrees. */
export function maskedOffenderLines(offenders: MaskedOffender[]): string[] {
  return offenders.map(
    (o) =>
      `${o.sameAsProduction ? '✓' : '✗'} entry ${o.id} "${printable(o.maskedName)}" — kept: ${o.nonLetters.join(', ') || 'none'}` +
      ` — ${o.sameAsProduction ? 'same id and same non-letters as in production' : 'NOT as in production'}`,
  );
}
