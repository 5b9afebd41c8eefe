import { useEffect, useId, useRef, useState } from 'react';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { ConfirmDialog } from '../../forms/ConfirmDialog.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { type Account, fetchAccount, MAX_DELETION_REASON_LENGTH, requestDeletion } from './account.js';

/** R31: who the user is, their projects, and ordering the account closed and deleted. */
export function AccountTab() {
  const { t, language } = useI18n();
  const a = t.account;
  const id = useId();
  const [account, setAccount] = useState<Account>();
  const [loadError, setLoadError] = useState<unknown>();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [orderedNow, setOrderedNow] = useState(false);
  const [error, setError] = useState<unknown>();
  const outcome = useRef<HTMLDivElement>(null);

  useEffect(() => {
    fetchAccount().then(setAccount, setLoadError);
  }, []);

  if (loadError !== undefined) return <ErrorAlert error={loadError} />;
  if (!account) {
    return (
      <p className="muted" role="status">
        {a.loading}
      </p>
    );
  }

  async function order() {
    setError(undefined);
    try {
      const { requestedAt } = await requestDeletion(reason);
      setAccount((current) => current && { ...current, deletionRequest: { requestedAt, state: 'open' } });
      setOrderedNow(true);
    } catch (caught) {
      setError(caught);
    }
  }

  function closed(confirmed: boolean) {
    setConfirming(false);
    // The button that opened the dialog is gone once the order is in: start again at the outcome.
    if (confirmed) outcome.current?.focus();
  }

  const request = account.deletionRequest;
  return (
    <div className="account">
      <section aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{a.title}</h2>
        <dl className="facts">
          <div>
            <dt>{a.username}</dt>
            <dd>{account.username}</dd>
          </div>
          <div>
            <dt>{a.fullName}</dt>
            <dd>{account.fullName}</dd>
          </div>
          <div>
            <dt>{a.email}</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>{a.loginMethod}</dt>
            <dd>
              <GuideLabelText label={t.loginMethod[account.loginMethod]} />
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby={`${id}-projects`}>
        <h2 id={`${id}-projects`}>{a.projectsTitle}</h2>
        {account.projects.length === 0 ? (
          <p className="muted">{a.noProjects}</p>
        ) : (
          <ul className="account__projects">
            {account.projects.map((project) => (
              <li key={project.id}>
                <span className="account__project-id">{project.id}</span> {project.name} (
                {t.projectRole[project.role]})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="account__delete" aria-labelledby={`${id}-delete`}>
        <h2 id={`${id}-delete`}>{a.deleteTitle}</h2>
        <div ref={outcome} tabIndex={-1} className="account__outcome">
          {request && (
            <Alert kind={orderedNow ? 'success' : 'info'}>
              <p>{a.requested(formatDateTime(request.requestedAt, language))}</p>
            </Alert>
          )}
          {error !== undefined && <ErrorAlert error={error} />}
        </div>
        {!request && (
          <>
            <p>{a.deleteText}</p>
            <p>{a.deleteBefore}</p>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-reason`}>
                {a.reasonLabel}
              </label>
              <div id={`${id}-reason-hint`} className="field__hint">
                {a.reasonHint(formatNumber(MAX_DELETION_REASON_LENGTH, language))}
              </div>
              <textarea
                id={`${id}-reason`}
                className="field__input field__input--textarea"
                rows={4}
                maxLength={MAX_DELETION_REASON_LENGTH}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                aria-describedby={`${id}-reason-hint`}
              />
            </div>
            <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
              {a.deleteButton}
            </button>
          </>
        )}
      </section>

      {confirming && (
        <ConfirmDialog
          title={a.confirmTitle}
          confirmLabel={a.confirm}
          cancelLabel={a.cancel}
          onConfirm={order}
          onClosed={closed}
        >
          <p>{a.confirmText}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
