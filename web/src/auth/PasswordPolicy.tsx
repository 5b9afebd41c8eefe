import { useI18n } from '../i18n/I18nProvider.js';

// The special characters the password policy accepts, as the user guide lists them.
const specials = '~ ! @ # $ % ^ & * _ - + = ( ) { } [ ] : ; " \' < > , . ? | \\ /';

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
      </ul>
      <p>
        {t.password.specials} <code className="password-policy__specials">{specials}</code>
      </p>
    </div>
  );
}
