/**
 * The initials of ci/regressions/001-author-initials-utf16.patch, as the patched API computes them: UTF-16 units, so
 * a name whose first or last word starts beyond the BMP yields half a surrogate pair. The avatar URL then calls
 * encodeURIComponent, which throws on it, and the whole list answers 500: that is how the demo's regression fails.
 */
function naiveInitials(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = words[0] ?? '';
  const last = words.at(-1) ?? '';
  const initials = words.length > 1 ? first.charAt(0) + last.charAt(0) : first.slice(0, 2);
  return initials.toUpperCase() || '?';
}

/** Whether the regression's avatar URL throws on this name (the criterion for "the regression still fails"). */
export function breaksNaiveInitials(name: string): boolean {
  try {
    encodeURIComponent(naiveInitials(name));
    return false;
  } catch {
    return true;
  }
}
