/** Length in Unicode code points, the unit the API's limits are written in (not UTF-16 units, not graphemes). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
