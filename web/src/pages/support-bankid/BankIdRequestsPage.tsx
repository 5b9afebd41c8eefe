import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { ConfirmDialog } from '../../forms/ConfirmDialog.js';
import { countryName, formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import {
  accountStateText,
  approveLinkRequest,
  fetchLinkRequests,
  type LinkRequest,
  type RequestFilter,
  rejectLinkRequest,
  requestWarning,
} from './bankid-requests.js';
import './support-bankid.css';

type Decision = 'approve' | 'reject';

/** What the last decision came to, kept as data so that it follows a change of language. */
type Outcome =
  | { decision: 'approve'; username: string; mailed: boolean }
  | { decision: 'reject'; username: string }
  | { decision: Decision; error: unknown };

/** R9: support staff link an account to the BankID identity someone logged in with, or refuse to. */
export function BankIdRequestsPage() {
  const { t } = useI18n();
  const b = t.bankidRequests;
  useDocumentTitle(b.title);
  const [filter, setFilter] = useState<RequestFilter>('pending');
  const [requests, setRequests] = useState<LinkRequest[]>();
  const [loadError, setLoadError] = useState<unknown>();
  // Bumped after each decision, to load the list again.
  const [generation, setGeneration] = useState(0);
  const [confirming, setConfirming] = useState<{ request: LinkRequest; decision: Decision }>();
  const [outcome, setOutcome] = useState<Outcome>();
  const outcomeRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation asks for a fresh list.
  useEffect(() => {
    let current = true;
    setLoadError(undefined);
    fetchLinkRequests(filter).then(
      (loaded) => current && setRequests(loaded),
      (error: unknown) => current && setLoadError(error),
    );
    return () => {
      current = false;
    };
  }, [filter, generation]);

  function show(next: RequestFilter) {
    if (next === filter) return;
    setRequests(undefined);
    setFilter(next);
  }

  async function decide(request: LinkRequest, decision: Decision) {
    try {
      if (decision === 'approve') {
        const { username, mailed } = await approveLinkRequest(request.id);
        setOutcome({ decision, username, mailed });
      } else {
        await rejectLinkRequest(request.id);
        setOutcome({ decision, username: request.username });
      }
    } catch (error) {
      setOutcome({ decision, error });
    }
    // Decided or not, the list has changed: this one, or someone else's decision.
    setGeneration((n) => n + 1);
  }

  function closed(confirmed: boolean) {
    setConfirming(undefined);
    // The button that opened the dialog may be gone with its request: start again at the outcome.
    if (confirmed) outcomeRef.current?.focus();
  }

  return (
    <section className="bankid-requests" aria-labelledby="bankid-requests-title">
      <h1 id="bankid-requests-title">{b.title}</h1>
      <p className="bankid-requests__intro">{b.intro}</p>

      <fieldset className="request-filter">
        <legend>{b.show}</legend>
        {(['pending', 'all'] as const).map((value) => (
          <label key={value} className="request-filter__option">
            <input
              type="radio"
              name="request-filter"
              value={value}
              checked={filter === value}
              onChange={() => show(value)}
            />
            {value === 'pending' ? b.showPending : b.showAll}
          </label>
        ))}
      </fieldset>

      <div ref={outcomeRef} tabIndex={-1} className="bankid-requests__outcome">
        {outcome && <OutcomeMessage outcome={outcome} />}
      </div>

      {loadError !== undefined && <ErrorAlert error={loadError} />}
      {loadError === undefined && !requests && (
        <p className="muted" role="status">
          {b.loading}
        </p>
      )}
      {requests?.length === 0 && (
        <p className="muted">{filter === 'pending' ? b.emptyPending : b.emptyAll}</p>
      )}
      {requests && requests.length > 0 && (
        <ul className="link-requests">
          {requests.map((request) => (
            <RequestCard
              key={request.id}
              request={request}
              onDecide={(decision) => setConfirming({ request, decision })}
            />
          ))}
        </ul>
      )}

      {confirming && (
        <ConfirmDialog
          title={confirming.decision === 'approve' ? b.confirmApproveTitle : b.confirmRejectTitle}
          confirmLabel={confirming.decision === 'approve' ? b.approve : b.reject}
          cancelLabel={b.cancel}
          onConfirm={() => decide(confirming.request, confirming.decision)}
          onClosed={closed}
        >
          <ConfirmText request={confirming.request} decision={confirming.decision} />
        </ConfirmDialog>
      )}
    </section>
  );
}

function RequestCard({
  request,
  onDecide,
}: {
  request: LinkRequest;
  onDecide: (decision: Decision) => void;
}) {
  const { t, language } = useI18n();
  const b = t.bankidRequests;
  const headingId = `request-${request.id}`;
  const pending = request.state === 'pending';
  const warning = pending ? requestWarning(request) : undefined;
  const place = request.country ? countryName(request.country, language) : b.countryUnknown;

  return (
    <li className={pending ? 'link-request' : 'link-request link-request--decided'}>
      <article aria-labelledby={headingId}>
        <div className="link-request__head">
          <h2 id={headingId} className="link-request__username">
            {request.username}
          </h2>
          {!pending && <span className="link-request__state">{t.linkRequestState[request.state]}</span>}
        </div>
        {warning && (
          <div className="link-request__warning">
            <p>
              <strong>{warning === 'no-account' ? b.noAccount : b.accountUnusable}</strong>
            </p>
            {warning === 'no-account' && <p>{b.noAccountText}</p>}
          </div>
        )}
        <dl className="link-request__facts">
          <div>
            <dt>{b.bankid}</dt>
            <dd>
              {request.name}, <span className="link-request__pin">{request.pinMasked}</span>
            </dd>
          </div>
          <div>
            <dt>{b.requestedAt}</dt>
            <dd>
              <time dateTime={request.requestedAt}>{formatDateTime(request.requestedAt, language)}</time>
            </dd>
          </div>
          <div>
            <dt>{b.from}</dt>
            <dd>
              {request.ip} ({place})
            </dd>
          </div>
          {request.accountState !== null && (
            <div>
              <dt>{b.account}</dt>
              <dd>{accountStateText(request.accountState, t)}</dd>
            </div>
          )}
        </dl>
        {pending && (
          <div className="link-request__actions">
            <button
              type="button"
              className="button"
              aria-describedby={headingId}
              onClick={() => onDecide('approve')}
            >
              {b.approve}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-describedby={headingId}
              onClick={() => onDecide('reject')}
            >
              {b.reject}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}

function ConfirmText({ request, decision }: { request: LinkRequest; decision: Decision }) {
  const { t } = useI18n();
  const b = t.bankidRequests;
  const warning = requestWarning(request);
  return (
    <>
      <p>
        {decision === 'approve'
          ? b.confirmApprove(request.username, request.name, request.pinMasked)
          : b.confirmReject(request.username, request.name)}
      </p>
      {decision === 'approve' && warning && (
        <p className="link-request__warning">
          <strong>{warning === 'no-account' ? b.noAccount : b.accountUnusable}</strong>
        </p>
      )}
    </>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  const b = t.bankidRequests;
  if ('error' in outcome) {
    // Not found: approved or rejected meanwhile, by someone else or in another tab.
    if (outcome.error instanceof ApiError && outcome.error.code === 'NOT_FOUND') {
      return (
        <Alert kind="error">
          <p>{t.errors.linkRequestDecided}</p>
        </Alert>
      );
    }
    return <ErrorAlert error={outcome.error} />;
  }
  return (
    <Alert kind="success">
      {outcome.decision === 'approve' ? (
        <>
          <p>{b.approved(outcome.username)}</p>
          <p>{outcome.mailed ? b.mailed : b.notMailed}</p>
        </>
      ) : (
        <p>{b.rejected(outcome.username)}</p>
      )}
    </Alert>
  );
}
