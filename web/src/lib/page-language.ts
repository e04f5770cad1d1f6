/** The page is written in English; this is the language its dates fall back to when <html lang> names none. */
const DEFAULT_LANGUAGE = 'en';

/**
 * The language the page's text is written in, from <html lang>. Dates and relative times follow it rather than the
 * browser's preference, so a German browser does not show "vor 5 Minuten" among English words.
 */
export function pageLanguage(root: { lang: string } | undefined = globalThis.document?.documentElement): string {
  const lang = root?.lang.trim();
  if (!lang) return DEFAULT_LANGUAGE;
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? DEFAULT_LANGUAGE;
  } catch {
    // Not a language tag at all (lang="english"): Intl would throw, and the page must still show its dates.
    return DEFAULT_LANGUAGE;
  }
}
