export const languages = ['en', 'sv'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'mona.language';

export function isLanguage(value: unknown): value is Language {
  return languages.some((language) => language === value);
}

/** The user's own choice wins; otherwise the operator's configured default; otherwise English. */
export function resolveLanguage(stored: string | null, siteDefault: Language | undefined): Language {
  if (isLanguage(stored)) return stored;
  return siteDefault ?? 'en';
}

// Storage can be disabled (private browsing, strict settings): the choice then lasts for the visit only.
export function readStoredLanguage(storage: Pick<Storage, 'getItem'>): string | null {
  try {
    return storage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'>, language: Language): void {
  try {
    storage.setItem(storageKey, language);
  } catch {
    // Keep the in-memory choice; see readStoredLanguage.
  }
}

/** Each language is named in itself, so a reader finds their own whatever the current language. */
export const languageNames: Record<Language, string> = { en: 'English', sv: 'Svenska' };
