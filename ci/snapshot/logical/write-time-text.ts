import type cassandra from 'cassandra-driver';

/**
 * A write time as decimal text. Long's own toString divides 64-bit numbers in software (about 400 ns a cell here); a
 * write time in µs since 1970 is a safe integer, whose text as a number is exact. Anything larger keeps the exact path.
 */
export function writeTimeText(value: cassandra.types.Long): string {
  const n = value.toNumber();
  return Number.isSafeInteger(n) ? String(n) : value.toString();
}
