import type { ErrorCode } from './error-codes.js';

export type { ErrorCode } from './error-codes.js';

/**
 * Every error a client can see, with a stable code. Clients and tests match
 * on the code; the message is for people and may be reworded. A code is added
 * to `error-codes.ts` first: this catalogue must have exactly those codes.
 */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  VALIDATION_FAILED: { status: 400, message: 'Some of the values sent are not valid.' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    message: 'The request lacks a valid security token. Reload the page and try again.',
  },
  CROSS_ORIGIN_REFUSED: { status: 403, message: 'Requests from other sites are refused.' },
  NOT_AUTHENTICATED: {
    status: 401,
    message: 'You are not logged in, or your session has ended. Log in again.',
  },
  LOGIN_FAILED: { status: 401, message: 'The username, password or code is wrong.' },
  ENROLMENT_FAILED: {
    status: 401,
    message: 'The link, username or password is wrong, or the link has expired.',
  },
  COUNTRY_NOT_APPROVED: {
    status: 403,
    message: 'The service can only be used from the EU/EEA and countries with an EU adequacy decision.',
  },
  PASSWORD_POLICY: { status: 400, message: 'The new password does not follow the password rules.' },
  CODE_WRONG: { status: 400, message: 'The code is wrong or has expired. Enter the code the app shows now.' },
  LOGIN_FLOW_EXPIRED: { status: 409, message: 'The login took too long or was interrupted. Start again.' },
  LINK_REQUEST_UNUSABLE: {
    status: 409,
    message:
      'This request cannot be approved: the account does not exist, is suspended or closed, or the identity is linked to another account.',
  },
  BANKID_UNAVAILABLE: { status: 503, message: 'BankID cannot be reached right now. Try again in a while.' },
  UPLOAD_NAME_REFUSED: {
    status: 400,
    message:
      'The file name cannot be used: avoid / \\ : * ? " < > |, control characters and reserved names such as CON.',
  },
  UPLOAD_TYPE_NOT_ALLOWED: {
    status: 415,
    message: 'Files of this type may not be uploaded. The page lists the allowed types.',
  },
  UPLOAD_EMPTY: { status: 400, message: 'The file is empty.' },
  UPLOAD_TOO_LARGE: { status: 413, message: 'The file is larger than uploads may be.' },
  UPLOAD_INTERRUPTED: { status: 400, message: 'The upload was interrupted. Nothing was kept; try again.' },
  STORAGE_FULL: {
    status: 507,
    message: 'The platform has no room for the file right now. Try again later or contact support.',
  },
  TERMS_OUTDATED: {
    status: 409,
    message: 'A newer version of the terms of use has been published. Read it first.',
  },
  LOGIN_LOCKED: {
    status: 429,
    message: 'Too many failed attempts: logging in is locked for a while. Try again later.',
  },
  NOT_FOUND: { status: 404, message: 'Not found or no access.' },
  OWN_SUBMISSION: {
    status: 403,
    message: 'You submitted this yourself, so another reviewer must review it.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'This type of content is not accepted here.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait a moment and try again.' },
  INTERNAL: {
    status: 500,
    message: 'Something went wrong on our side. If it happens again, give support the correlation id.',
  },
  CLOSED_FOR_MAINTENANCE: {
    status: 503,
    message: 'The platform is closed for planned maintenance. Logging in is possible again when it ends.',
  },
  NOT_READY: { status: 503, message: 'The service is starting or unavailable. Try again shortly.' },
  DESKTOP_NOT_ALLOWED: {
    status: 403,
    message: 'To use Remote Desktop, accept the terms of use in MONA web, log out and log in again.',
  },
  RDP_UNAVAILABLE: {
    status: 503,
    message:
      'Remote Desktop by RDP file is not available for your session right now. Use "Open in browser" instead.',
  },
  NO_SESSION_HOST: {
    status: 503,
    message:
      'No remote desktop can be started right now: every session host is full or unavailable. Try again shortly.',
  },
  DESKTOP_START_FAILED: {
    status: 502,
    message: 'Your remote desktop could not be started. Try again; if it keeps failing, contact support.',
  },
  HOST_NOT_AUTHENTICATED: { status: 401, message: 'Unknown session host or wrong secret.' },
  HOST_REGISTRATION_STALE: {
    status: 409,
    message: 'Another agent registered as this host since: register again.',
  },
} as const satisfies Record<ErrorCode, { status: number; message: string }>;

export interface FieldProblem {
  field: string;
  problem: string;
}

/** An expected refusal: the catalogue's code and status, optionally with field-level detail. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly fields?: FieldProblem[],
  ) {
    super(ERROR_CATALOGUE[code].message);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; correlationId: string; fields?: FieldProblem[] };
}

export function errorBody(code: ErrorCode, correlationId: string, fields?: FieldProblem[]): ErrorBody {
  return {
    error: { code, message: ERROR_CATALOGUE[code].message, correlationId, ...(fields ? { fields } : {}) },
  };
}
