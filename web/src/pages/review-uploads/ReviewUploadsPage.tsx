import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { ConfirmDialog } from '../../forms/ConfirmDialog.js';
import { formatBytes, formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import {
  contentUrl,
  type Decision,
  decide,
  fetchReviewUploads,
  type ReviewUpload,
} from './review-uploads.js';
import './review-uploads.css';

/** What the last decision came to, kept as data so that it follows a change of language. */
type Outcome = { approved: boolean; name: string; username: string } | { error: unknown };

/** Longest note the server accepts. */
const maxNoteLength = 2000;

/** Reviewers approve or reject uploads for projects whose uploads wait for a person (R23). */
export function ReviewUploadsPage() {
  const { t } = useI18n();
  const r = t.reviewUploads;
  useDocumentTitle(r.title);
  const [uploads, setUploads] = useState<ReviewUpload[]>();
  const [loadError, setLoadError] = useState<unknown>();
  // Bumped after each decision, to load the list again.
  const [generation, setGeneration] = useState(0);
  const [approving, setApproving] = useState<ReviewUpload>();
  const [outcome, setOutcome] = useState<Outcome>();
  // A decided upload leaves the list at once, before the queue is next read.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const outcomeRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation asks for a fresh list.
  useEffect(() => {
    let current = true;
    setLoadError(undefined);
    fetchReviewUploads().then(
      (loaded) => current && setUploads(loaded),
      (error: unknown) => current && setLoadError(error),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  async function send(upload: ReviewUpload, decision: Decision) {
    try {
      await decide(upload.id, decision);
      setDecided((ids) => new Set(ids).add(upload.id));
      setOutcome({ approved: decision.approve, name: upload.name, username: upload.username });
    } catch (error) {
      setOutcome({ error });
    }
    // Decided or not, the list has changed: this one, or someone else's decision.
    setGeneration((n) => n + 1);
  }

  async function reject(upload: ReviewUpload, note: string) {
    await send(upload, { approve: false, note });
    outcomeRef.current?.focus();
  }

  const waiting = uploads?.filter((upload) => !decided.has(upload.id));

  function closed(confirmed: boolean) {
    setApproving(undefined);
    // The button that opened the dialog is gone with its upload: start again at the outcome.
    if (confirmed) outcomeRef.current?.focus();
  }

  return (
    <section className="review-uploads" aria-labelledby="review-uploads-title">
      <h1 id="review-uploads-title">{r.title}</h1>
      <p className="review-uploads__intro">{r.intro}</p>

      <div ref={outcomeRef} tabIndex={-1} className="review-uploads__outcome">
        {outcome && <OutcomeMessage outcome={outcome} />}
      </div>

      {loadError !== undefined && <ErrorAlert error={loadError} />}
      {loadError === undefined && !waiting && (
        <p className="muted" role="status">
          {r.loading}
        </p>
      )}
      {waiting?.length === 0 && <p className="muted">{r.empty}</p>}
      {waiting && waiting.length > 0 && (
        <ul className="review-list">
          {waiting.map((upload) => (
            <ReviewCard
              key={upload.id}
              upload={upload}
              onApprove={() => setApproving(upload)}
              onReject={(note) => reject(upload, note)}
            />
          ))}
        </ul>
      )}

      {approving && (
        <ConfirmDialog
          title={r.confirmApproveTitle}
          confirmLabel={r.approve}
          cancelLabel={r.cancel}
          onConfirm={() => send(approving, { approve: true })}
          onClosed={closed}
        >
          <p>{r.confirmApprove(approving.name, approving.username)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ReviewCard({
  upload,
  onApprove,
  onReject,
}: {
  upload: ReviewUpload;
  onApprove: () => void;
  onReject: (note: string) => Promise<void>;
}) {
  const { t, language } = useI18n();
  const r = t.reviewUploads;
  const headingId = `${useId()}-name`;

  return (
    <li className="review-upload">
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="review-upload__name">
          {upload.name}
        </h2>
        <dl className="review-upload__facts">
          <div>
            <dt>{r.user}</dt>
            <dd>{upload.username}</dd>
          </div>
          <div>
            <dt>{r.size}</dt>
            <dd>{formatBytes(upload.bytes, language)}</dd>
          </div>
          <div>
            <dt>{r.received}</dt>
            <dd>
              <time dateTime={upload.receivedAt}>{formatDateTime(upload.receivedAt, language)}</time>
            </dd>
          </div>
          <div>
            <dt>{r.project}</dt>
            <dd>
              {upload.projectId ? `${upload.projectId} ${upload.projectName ?? ''}`.trim() : r.noProject}
            </dd>
          </div>
        </dl>
        {/* Four eyes: the server refuses a reviewer their own upload, so the page offers nothing to do. */}
        {upload.ownSubmission ? (
          <p className="review-upload__own">{r.ownSubmission}</p>
        ) : (
          <DecisionControls upload={upload} headingId={headingId} onApprove={onApprove} onReject={onReject} />
        )}
      </article>
    </li>
  );
}

function DecisionControls({
  upload,
  headingId,
  onApprove,
  onReject,
}: {
  upload: ReviewUpload;
  headingId: string;
  onApprove: () => void;
  onReject: (note: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const r = t.reviewUploads;
  const id = useId();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const rejectButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (rejecting) noteField.current?.focus();
  }, [rejecting]);

  async function submitRejection(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = note.trim();
    setNoteMissing(!trimmed);
    if (!trimmed) {
      noteField.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await onReject(trimmed);
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    setRejecting(false);
    setNoteMissing(false);
    // Back where the user was; the button is rendered again by the time this runs.
    window.setTimeout(() => rejectButton.current?.focus());
  }

  return rejecting ? (
    <form className="form review-upload__reject" noValidate onSubmit={(event) => void submitRejection(event)}>
      <div className={noteMissing ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor={`${id}-note`}>
          {r.noteLabel}
        </label>
        {noteMissing && (
          <p id={`${id}-note-error`} className="field__error">
            {r.noteRequired}
          </p>
        )}
        <textarea
          ref={noteField}
          id={`${id}-note`}
          className="field__input field__input--textarea"
          rows={3}
          required
          maxLength={maxNoteLength}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={noteMissing ? true : undefined}
          aria-describedby={noteMissing ? `${id}-note-error` : undefined}
        />
      </div>
      <div className="review-upload__actions">
        <button type="submit" className="button" disabled={busy} aria-describedby={headingId}>
          {r.rejectConfirm}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={cancel}>
          {r.cancel}
        </button>
      </div>
    </form>
  ) : (
    <div className="review-upload__actions">
      <a
        className="button button--secondary"
        href={contentUrl(upload.id)}
        download={upload.name}
        aria-describedby={headingId}
      >
        {r.download}
      </a>
      <button type="button" className="button" aria-describedby={headingId} onClick={onApprove}>
        {r.approve}
      </button>
      <button
        ref={rejectButton}
        type="button"
        className="button button--secondary"
        aria-describedby={headingId}
        onClick={() => setRejecting(true)}
      >
        {r.reject}
      </button>
    </div>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  const r = t.reviewUploads;
  if ('error' in outcome) {
    // Not found: decided meanwhile, by someone else or in another tab.
    if (outcome.error instanceof ApiError && outcome.error.code === 'NOT_FOUND') {
      return (
        <Alert kind="error">
          <p>{t.errors.uploadDecided}</p>
        </Alert>
      );
    }
    return <ErrorAlert error={outcome.error} />;
  }
  return (
    <Alert kind="success">
      <p>
        {outcome.approved
          ? r.approved(outcome.name, outcome.username)
          : r.rejected(outcome.name, outcome.username)}
      </p>
    </Alert>
  );
}
