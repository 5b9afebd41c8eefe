import type { Messages } from '../i18n/en.js';
import { ApiError } from './client.js';

export interface ErrorText {
  text: string;
  /** The correlation id, for errors the user cannot fix and support may need to look up. */
  reference?: string;
}

/** What to tell the user about a failed call: one sentence per error code the API documents. */
export function errorText(error: unknown, t: Messages): ErrorText {
  // fetch rejects only when no answer arrived at all.
  if (!(error instanceof ApiError)) return { text: t.errors.network };
  const { errors } = t;
  switch (error.code) {
    case 'LOGIN_FAILED':
      return { text: errors.loginFailed };
    case 'LOGIN_LOCKED':
      return { text: lockedText(error, t) };
    case 'RATE_LIMITED':
      return { text: errors.rateLimited };
    case 'LOGIN_FLOW_EXPIRED':
      return { text: errors.loginFlowExpired };
    case 'COUNTRY_NOT_APPROVED':
      return { text: errors.countryNotApproved };
    case 'ENROLMENT_FAILED':
      return { text: errors.enrolmentFailed };
    case 'CODE_WRONG':
      return { text: errors.codeWrong };
    case 'TERMS_OUTDATED':
      return { text: errors.termsOutdated };
    case 'BANKID_UNAVAILABLE':
      return { text: errors.bankidUnavailable };
    case 'CLOSED_FOR_MAINTENANCE':
      return { text: errors.closedForMaintenance };
    case 'LINK_REQUEST_UNUSABLE':
      return { text: errors.linkRequestUnusable };
    case 'PASSWORD_POLICY':
      return { text: passwordRuleText(error.problemWith('password'), t) };
    case 'VALIDATION_FAILED':
      return { text: errors.validation };
    case 'NOT_AUTHENTICATED':
      return { text: errors.notAuthenticated };
    case 'UPLOAD_NAME_REFUSED':
      return { text: errors.uploadNameRefused };
    case 'UPLOAD_TYPE_NOT_ALLOWED':
      return { text: errors.uploadTypeNotAllowed };
    case 'UPLOAD_EMPTY':
      return { text: errors.uploadEmpty };
    // PAYLOAD_TOO_LARGE: the server's general limit on a request body, met before the upload's own check.
    case 'UPLOAD_TOO_LARGE':
    case 'PAYLOAD_TOO_LARGE':
      return { text: errors.uploadTooLarge };
    case 'UPLOAD_INTERRUPTED':
      return { text: errors.uploadInterrupted };
    case 'NO_SESSION_HOST':
      return { text: errors.noSessionHost };
    case 'DESKTOP_NOT_ALLOWED':
      return { text: errors.desktopNotAllowed };
    // Support may need to look up why the session host failed.
    case 'DESKTOP_START_FAILED':
      return error.correlationId
        ? { text: errors.desktopStartFailed, reference: error.correlationId }
        : { text: errors.desktopStartFailed };
    // Support may need to look it up: the platform's own storage is full, not the user's.
    case 'STORAGE_FULL':
      return error.correlationId
        ? { text: errors.storageFull, reference: error.correlationId }
        : { text: errors.storageFull };
    default:
      return error.correlationId
        ? { text: errors.unexpected, reference: error.correlationId }
        : { text: errors.unexpected };
  }
}

function lockedText(error: ApiError, t: Messages): string {
  const seconds = Number(error.problemWith('retryAfterSeconds'));
  if (!Number.isFinite(seconds) || seconds <= 0) return t.errors.loginLockedWhile;
  return t.errors.loginLocked(Math.ceil(seconds / 60));
}

type PasswordRule = keyof Messages['passwordRule'];

/** The rule a refused password breaks, in words; a rule this version does not know gets a general text. */
export function passwordRuleText(rule: string | undefined, t: Messages): string {
  const known = (candidate: string | undefined): candidate is PasswordRule =>
    candidate !== undefined && Object.hasOwn(t.passwordRule, candidate);
  return t.passwordRule[known(rule) ? rule : 'other'];
}
