import type { Language } from './language.js';

// Swedish dates read "3 mars 2026 14:05", British English "3 Mar 2026, 14:05": both 24-hour, day first.
const locales: Record<Language, string> = { en: 'en-GB', sv: 'sv-SE' };

export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The time of day, "14:05"; with the date, "4 Mar, 02:15" / "4 mars 02:15", when it is not on the day of `now`. */
export function formatClock(iso: string, language: Language, now: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions =
    date.toDateString() === now.toDateString()
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locales[language], options).format(date);
}

/** "US" -> "United States" / "USA"; the code itself when the browser does not know it. */
export function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([locales[language]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// Binary multiples with the short names Windows uses, since My Documents is seen in a Windows desktop.
const byteUnits: Record<Language, readonly string[]> = {
  en: ['KB', 'MB', 'GB', 'TB'],
  sv: ['kB', 'MB', 'GB', 'TB'],
};
const byteWords: Record<Language, (count: string, one: boolean) => string> = {
  en: (count, one) => `${count} ${one ? 'byte' : 'bytes'}`,
  sv: (count) => `${count} byte`,
};

/** 12_897_485 -> "12.3 MB" / "12,3 MB"; whole bytes below 1 KB; at most one decimal, none from 100 up. */
export function formatBytes(bytes: number, language: Language): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(locales[language], { maximumFractionDigits: digits }).format(value);
  if (!Number.isFinite(bytes) || bytes < 1024) {
    const whole = Math.max(0, Math.round(Number.isFinite(bytes) ? bytes : 0));
    return byteWords[language](number(whole, 0), whole === 1);
  }
  const units = byteUnits[language];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // Rounded the way it is shown, so that 1023.96 KB is not shown as "1024 KB".
  const digits = value >= 100 ? 0 : 1;
  const rounded = Number(value.toFixed(digits));
  if (rounded >= 1024 && unit < units.length - 1) return `${number(1, 1)} ${units[unit + 1]}`;
  return `${number(rounded, digits)} ${units[unit]}`;
}

/** 2000 -> "2,000" / "2 000". */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locales[language]).format(value);
}
