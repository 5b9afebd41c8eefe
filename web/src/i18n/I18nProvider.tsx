import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { en, type Messages } from './en.js';
import { type Language, readStoredLanguage, resolveLanguage, storeLanguage } from './language.js';
import { sv } from './sv.js';

const dictionaries: Record<Language, Messages> = { en, sv };

interface I18n {
  language: Language;
  t: Messages;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ siteDefault, children }: { siteDefault?: Language; children: ReactNode }) {
  const [stored, setStored] = useState(() => readStoredLanguage(window.localStorage));
  const language = resolveLanguage(stored, siteDefault);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(
    () => ({
      language,
      t: dictionaries[language],
      setLanguage: (next) => {
        storeLanguage(window.localStorage, next);
        setStored(next);
      },
    }),
    [language],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
