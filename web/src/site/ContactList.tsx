import { useI18n } from '../i18n/I18nProvider.js';
import type { Operator } from './site.js';

/** The operator's support contact: e-mail always, phone and website when configured. */
export function ContactList({ operator }: { operator: Operator }) {
  const { t } = useI18n();
  const { supportEmail, supportPhone, websiteUrl } = operator;
  return (
    <dl className="contact-list">
      <div>
        <dt>{t.layout.email}</dt>
        <dd>
          <a href={`mailto:${supportEmail}`}>{supportEmail}</a>
        </dd>
      </div>
      {supportPhone && (
        <div>
          <dt>{t.layout.phone}</dt>
          <dd>
            <a href={`tel:${supportPhone.replace(/[^\d+]/g, '')}`}>{supportPhone}</a>
          </dd>
        </div>
      )}
      {websiteUrl && (
        <div>
          <dt>{t.layout.website}</dt>
          <dd>
            <a href={websiteUrl}>{websiteUrl.replace(/^https?:\/\//, '').replace(/\/$/, '')}</a>
          </dd>
        </div>
      )}
    </dl>
  );
}
