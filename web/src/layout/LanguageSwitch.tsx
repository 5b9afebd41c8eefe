import { useI18n } from '../i18n/I18nProvider.js';
import { languageNames, languages } from '../i18n/language.js';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t.layout.language}</legend>
      {languages.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {languageNames[option]}
        </button>
      ))}
    </fieldset>
  );
}
