import { PASSWORD_SPECIALS } from '../../../src/identity/password-contract.js';
import { useI18n } from '../i18n/I18nProvider.js';

// Spaced out, so that each one can be read.
const specials = [...PASSWORD_SPECIALS].join(' ');

export function PasswordPolicy() {
  const { t } = useI18n();
  return (
    <div className="password-policy">
      <p>{t.password.policyTitle}</p>
      <ul>
        <li>{t.password.ruleLength}</li>
        <li>{t.password.ruleKinds}</li>
        <li>{t.password.ruleUsername}</li>
        <li>{t.password.ruleDictionary}</li>
        <li>{t.password.ruleGuessable}</li>
        <li>{t.password.ruleCharacters}</li>
        <li>{t.password.ruleNotCurrent}</li>
      </ul>
      <p>
        {t.password.specials} <code className="password-policy__specials">{specials}</code>
      </p>
    </div>
  );
}
