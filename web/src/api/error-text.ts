import type { Messages } from '../i18n/en.js';
import { ApiError, type ApiErrorCode } from './client.js';

export interface ErrorText {
  text: string;
  /** The correlation id, for errors the user cannot fix and support may need to look up. */
  reference?: string;
}

/** How one error code is put to the user. */
type Wording = (error: ApiError, t: Messages) => ErrorText;

/** The name of one of the fixed sentences in the dictionary's `errors`. */
type Sentence = {
  [Name in keyof Messages['errors']]: Messages['errors'][Name] extends string ? Name : never;
}[keyof Messages['errors']];

const plain =
  (sentence: Sentence): Wording =>
  (_error, t) => ({ text: t.errors[sentence] });

/** For errors the user cannot fix: the text, and the correlation id support can look up. */
const withReference =
  (sentence: Sentence): Wording =>
  (error, t) =>
    error.correlationId
      ? { text: t.errors[sentence], reference: error.correlationId }
      : { text: t.errors[sentence] };

/** A fault in the app or the platform, not in anything the user did. */
const unexpected = withReference('unexpected');

/**
 * One wording for every code the app can meet: a code added to the catalogue (src/http/error-codes.ts)
 * fails the typecheck here until it has one.
 */
const wordings: Record<ApiErrorCode, Wording> = {
  BAD_REQUEST: unexpected,
  VALIDATION_FAILED: plain('validation'),
  // Met only when a fresh token was refused too (see withCsrfToken in client.ts): a reload starts afresh.
  CSRF_TOKEN_INVALID: plain('csrfTokenInvalid'),
  CROSS_ORIGIN_REFUSED: unexpected,
  NOT_AUTHENTICATED: plain('notAuthenticated'),
  LOGIN_FAILED: plain('loginFailed'),
  ENROLMENT_FAILED: plain('enrolmentFailed'),
  COUNTRY_NOT_APPROVED: plain('countryNotApproved'),
  PASSWORD_POLICY: (error, t) => ({
    text: passwordRuleText(error.problemWith('password'), t, error.problemWith('passwordHint')),
  }),
  CODE_WRONG: plain('codeWrong'),
  LOGIN_FLOW_EXPIRED: plain('loginFlowExpired'),
  LINK_REQUEST_UNUSABLE: plain('linkRequestUnusable'),
  BANKID_UNAVAILABLE: plain('bankidUnavailable'),
  UPLOAD_NAME_REFUSED: plain('uploadNameRefused'),
  UPLOAD_TYPE_NOT_ALLOWED: plain('uploadTypeNotAllowed'),
  UPLOAD_EMPTY: plain('uploadEmpty'),
  UPLOAD_TOO_LARGE: plain('uploadTooLarge'),
  UPLOAD_INTERRUPTED: plain('uploadInterrupted'),
  // Support may need to look it up: the platform's own storage is full, not the user's.
  STORAGE_FULL: withReference('storageFull'),
  TERMS_OUTDATED: plain('termsOutdated'),
  LOGIN_LOCKED: (error, t) => ({ text: lockedText(error, t) }),
  // Pages that can meet it say what it means there: a project, an upload or a request gone.
  NOT_FOUND: unexpected,
  // The review page offers no decision on one's own upload; another tab or an old list may still try.
  OWN_SUBMISSION: plain('ownSubmission'),
  // The server's general limit on a request body, met before the upload's own check.
  PAYLOAD_TOO_LARGE: plain('uploadTooLarge'),
  UNSUPPORTED_MEDIA_TYPE: unexpected,
  RATE_LIMITED: (error, t) => ({ text: rateLimitedText(error, t) }),
  INTERNAL: unexpected,
  CLOSED_FOR_MAINTENANCE: plain('closedForMaintenance'),
  // Only /readyz answers it, which load balancers call, not the app.
  NOT_READY: unexpected,
  DESKTOP_NOT_ALLOWED: plain('desktopNotAllowed'),
  RDP_UNAVAILABLE: plain('rdpUnavailable'),
  NO_SESSION_HOST: plain('noSessionHost'),
  // Support may need to look up why the session host failed.
  DESKTOP_START_FAILED: withReference('desktopStartFailed'),
  // Only the session hosts' agents meet these, on routes the app never calls (src/desktop/host-routes.ts).
  HOST_NOT_AUTHENTICATED: unexpected,
  HOST_REGISTRATION_STALE: unexpected,
  http_error: unexpected,
  invalid_response: unexpected,
};

/** What to tell the user about a failed call: one sentence per error code the API documents. */
export function errorText(error: unknown, t: Messages): ErrorText {
  // fetch rejects only when no answer arrived at all.
  if (!(error instanceof ApiError)) return { text: t.errors.network };
  return wordings[error.code](error, t);
}

/** A wait the server named (growing delays between password tries), or a general one. */
function rateLimitedText(error: ApiError, t: Messages): string {
  const seconds = Number(error.problemWith('retryAfterSeconds'));
  if (!Number.isFinite(seconds) || seconds <= 0) return t.errors.rateLimited;
  return t.errors.rateLimitedFor(Math.ceil(seconds));
}

function lockedText(error: ApiError, t: Messages): string {
  const seconds = Number(error.problemWith('retryAfterSeconds'));
  if (!Number.isFinite(seconds) || seconds <= 0) return t.errors.loginLockedWhile;
  return t.errors.loginLocked(Math.ceil(seconds / 60));
}

type PasswordRule = keyof Messages['passwordRule'];
type PasswordHint = keyof Messages['passwordHint'];

/**
 * The rule a refused password breaks, in words, and for an easy one why it is easy to guess; a rule
 * this version does not know gets a general text, a hint it does not know none.
 */
export function passwordRuleText(rule: string | undefined, t: Messages, hint?: string): string {
  const knownRule = (candidate: string | undefined): candidate is PasswordRule =>
    candidate !== undefined && Object.hasOwn(t.passwordRule, candidate);
  const knownHint = (candidate: string | undefined): candidate is PasswordHint =>
    candidate !== undefined && Object.hasOwn(t.passwordHint, candidate);
  const text = t.passwordRule[knownRule(rule) ? rule : 'other'];
  return rule === 'easy_to_guess' && knownHint(hint) ? `${text} ${t.passwordHint[hint]}` : text;
}
