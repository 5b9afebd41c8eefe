import type { Language } from './language.js';

// Swedish dates read "3 mars 2026 14:05", British English "3 Mar 2026, 14:05": both 24-hour, day first.
const locales: Record<Language, string> = { en: 'en-GB', sv: 'sv-SE' };

export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "US" -> "United States" / "USA"; the code itself when the browser does not know it. */
export function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([locales[language]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
