import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Progress } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { formatBytes, formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import {
  checkFile,
  type FileProblem,
  fetchMyFiles,
  fileProblemText,
  isUnfinished,
  type MyFiles,
  outcomeText,
  rejectionDetail,
  stateText,
  type Upload,
  type UploadPolicy,
  uploadErrorText,
  uploadFile,
} from '../../uploads/uploads.js';

/** How often the list is asked for again while an upload is on its way. */
const refreshMs = 2000;

/**
 * The user's uploads, refreshed while any is still being checked or reviewed. Only while the page
 * is visible: each refresh is a call the server counts as activity, which a hidden tab should not make.
 */
function useMyFiles() {
  const [files, setFiles] = useState<MyFiles>();
  const [error, setError] = useState<unknown>();
  // Counts finished loads, so that each one schedules the next while one is needed.
  const [loads, setLoads] = useState(0);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const loaded = await fetchMyFiles();
      if (ticket !== latest.current) return;
      setFiles(loaded);
      setError(undefined);
    } catch (caught) {
      if (ticket === latest.current) setError(caught);
    } finally {
      setLoads((n) => n + 1);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const unfinished = files?.uploads.some(isUnfinished) ?? false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each finished load schedules the next.
  useEffect(() => {
    if (!unfinished) return;
    let timer: number | undefined;
    const later = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), refreshMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void load();
      else window.clearTimeout(timer);
    };
    if (document.visibilityState === 'visible') later();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [unfinished, loads, load]);

  /** A new upload, shown at once; the refresh that follows brings its progress. */
  const added = useCallback((upload: Upload) => {
    latest.current++;
    setFiles((current) => current && { ...current, uploads: [upload, ...current.uploads] });
    setLoads((n) => n + 1);
  }, []);

  return { files, error, added };
}

/** R23: what may be uploaded and what becomes of it, the storage used, the upload itself, and the uploads so far. */
export function MyFilesTab() {
  const { t } = useI18n();
  const { files, error, added } = useMyFiles();
  // The file uploaded last on this page: the banner over the form follows its state.
  const [latestId, setLatestId] = useState<string>();

  if (!files) {
    if (error !== undefined) return <ErrorAlert error={error} />;
    return (
      <p className="muted" role="status">
        {t.files.loading}
      </p>
    );
  }
  return (
    <div className="my-files">
      <div className="my-files__top">
        <UploadSection
          policy={files.policy}
          projects={files.projects}
          latest={files.uploads.find((upload) => upload.id === latestId)}
          onUploaded={(upload) => {
            setLatestId(upload.id);
            added(upload);
          }}
        />
        <StorageSection quota={files.quota} />
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
      <UploadList uploads={files.uploads} projects={files.projects} />
    </div>
  );
}

type Problem = FileProblem | { problem: 'none-chosen' };

function UploadSection({
  policy,
  projects,
  latest,
  onUploaded,
}: {
  policy: UploadPolicy;
  projects: MyFiles['projects'];
  latest: Upload | undefined;
  onUploaded: (upload: Upload) => void;
}) {
  const { t, language } = useI18n();
  const f = t.files;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [projectId, setProjectId] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [sending, setSending] = useState<{ name: string; progress: Progress }>();
  const [error, setError] = useState<unknown>();
  // Whether the banner shows `latest`: not once another file is chosen.
  const [showLatest, setShowLatest] = useState(false);
  const maxSize = formatBytes(policy.maxBytes, language);
  const problemText =
    problem && (problem.problem === 'none-chosen' ? f.chooseFile : fileProblemText(problem, maxSize, t));

  function chosen(): File | undefined {
    return input.current?.files?.[0];
  }

  // A quick answer as soon as a file is chosen; the server still decides.
  function onChoose() {
    const file = chosen();
    setShowLatest(false);
    setError(undefined);
    setProblem(file ? checkFile(file, policy) : undefined);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = chosen();
    const found: Problem | undefined = file ? checkFile(file, policy) : { problem: 'none-chosen' };
    setProblem(found);
    setShowLatest(false);
    setError(undefined);
    if (!file || found) {
      input.current?.focus();
      return;
    }
    setSending({ name: file.name, progress: { sent: 0, total: file.size } });
    try {
      const upload = await uploadFile(file, projectId || undefined, (progress) =>
        setSending({ name: file.name, progress }),
      );
      if (input.current) input.current.value = '';
      onUploaded(upload);
      setShowLatest(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSending(undefined);
    }
  }

  const refusal = error === undefined ? undefined : uploadErrorText(error, t);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <section className="my-files__upload" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{f.uploadTitle}</h2>
      <p>{f.intro}</p>
      <p id={hintId}>
        {f.allowedTypes}{' '}
        <span className="allowed-types">{policy.allowedTypes.map((type) => `.${type}`).join(', ')}</span>.{' '}
        {f.maxSize(maxSize)}
      </p>
      <p>{f.whatHappens}</p>
      <p>{f.sameName}</p>

      <form className="form upload-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <div className={problemText ? 'field field--error' : 'field'}>
          <label className="field__label" htmlFor={`${id}-file`}>
            {f.fileLabel}
          </label>
          {problemText && (
            <p id={errorId} className="field__error">
              {problemText}
            </p>
          )}
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            className="upload-form__file"
            accept={policy.allowedTypes.map((type) => `.${type}`).join(',')}
            aria-invalid={problemText ? true : undefined}
            aria-describedby={problemText ? `${errorId} ${hintId}` : hintId}
            onChange={onChoose}
            disabled={sending !== undefined}
          />
        </div>
        {projects.length > 1 && (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-project`}>
              {f.projectLabel}
            </label>
            <select
              id={`${id}-project`}
              className="field__input"
              value={projectId}
              onChange={(event) => setProjectId(event.target.value)}
              disabled={sending !== undefined}
            >
              <option value="">{f.noProject}</option>
              {projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.id} {project.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button" disabled={sending !== undefined}>
          {f.upload}
        </button>
      </form>

      {sending && <UploadProgress name={sending.name} progress={sending.progress} />}
      {refusal && (
        <Alert kind="error">
          <p>{refusal.text}</p>
          {refusal.reference && <p className="muted">{t.errors.reference(refusal.reference)}</p>}
        </Alert>
      )}
      {showLatest && latest && <UploadOutcome upload={latest} />}
    </section>
  );
}

/** The banner over the form: what became of the file just uploaded, kept in step with the list. */
function UploadOutcome({ upload }: { upload: Upload }) {
  const { t } = useI18n();
  const outcome = outcomeText(upload, t);
  // A new box at each change of kind, so that a rejection is announced as an alert.
  return (
    <Alert key={outcome.kind} kind={outcome.kind}>
      <p>{outcome.text}</p>
    </Alert>
  );
}

function UploadProgress({ name, progress }: { name: string; progress: Progress }) {
  const { t } = useI18n();
  const id = useId();
  const total = Math.max(progress.total, 1);
  const percent = Math.min(100, Math.round((progress.sent / total) * 100));
  return (
    <div className="upload-progress">
      <label htmlFor={id}>
        {t.files.uploading(name)} ({percent} %)
      </label>
      <progress id={id} max={total} value={Math.min(progress.sent, total)}>
        {percent} %
      </progress>
    </div>
  );
}

function StorageSection({ quota }: { quota: MyFiles['quota'] }) {
  const { t, language } = useI18n();
  const id = useId();
  const used = t.files.storageUsed(
    formatBytes(quota.usedBytes, language),
    formatBytes(quota.quotaBytes, language),
  );
  return (
    <section className="storage" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.files.storageTitle}</h2>
      <p id={`${id}-label`} className="storage__label">
        {t.files.storageLabel}
      </p>
      <meter
        className="storage__meter"
        min={0}
        max={Math.max(quota.quotaBytes, 1)}
        value={Math.min(quota.usedBytes, quota.quotaBytes)}
        high={quota.quotaBytes * 0.9}
        optimum={0}
        aria-labelledby={`${id}-label`}
        aria-valuetext={used}
      />
      <p className="storage__used">{used}</p>
    </section>
  );
}

function UploadList({ uploads, projects }: { uploads: Upload[]; projects: MyFiles['projects'] }) {
  const { t } = useI18n();
  const f = t.files;
  const id = useId();
  return (
    <section className="uploads" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{f.listTitle}</h2>
      {uploads.length === 0 ? (
        <p className="muted">{f.listEmpty}</p>
      ) : (
        <>
          {uploads.some(isUnfinished) && <p className="muted">{f.refreshing}</p>}
          <ul className="upload-list">
            {uploads.map((upload) => (
              <UploadItem key={upload.id} upload={upload} projects={projects} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function UploadItem({ upload, projects }: { upload: Upload; projects: MyFiles['projects'] }) {
  const { t, language } = useI18n();
  const f = t.files;
  const detail = rejectionDetail(upload);
  const project = upload.projectId && projects.find((candidate) => candidate.id === upload.projectId);
  return (
    <li className={`upload upload--${upload.state}`}>
      <div className="upload__head">
        <h3 className="upload__name">{upload.name}</h3>
        <p className="upload__state">{stateText(upload, t)}</p>
      </div>
      <dl className="upload__facts">
        <div>
          <dt>{f.size}</dt>
          <dd>{formatBytes(upload.bytes, language)}</dd>
        </div>
        <div>
          <dt>{f.uploadedAt}</dt>
          <dd>
            <time dateTime={upload.receivedAt}>{formatDateTime(upload.receivedAt, language)}</time>
          </dd>
        </div>
        {upload.projectId && (
          <div>
            <dt>{f.project}</dt>
            <dd>{project ? `${project.id} ${project.name}` : upload.projectId}</dd>
          </div>
        )}
      </dl>
      {detail?.kind === 'note' && (
        <p className="upload__detail">
          <span className="upload__detail-label">{t.uploadState.reviewerNote}:</span> {detail.text}
        </p>
      )}
      {detail?.kind === 'technical' && (
        <details className="upload__detail">
          <summary>{t.uploadState.technicalDetail}</summary>
          {/* The checker's own words, for support; it writes them in English. */}
          <p lang="en">{detail.text}</p>
        </details>
      )}
    </li>
  );
}
