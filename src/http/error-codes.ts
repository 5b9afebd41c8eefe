/**
 * The stable code of every error a client can see. Its own file, free of imports, so that the web
 * app can check codes against it without taking in the server's catalogue (`errors.ts`), which gives
 * each code its status and message.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'CSRF_TOKEN_INVALID',
  'CROSS_ORIGIN_REFUSED',
  'NOT_AUTHENTICATED',
  'LOGIN_FAILED',
  'ENROLMENT_FAILED',
  'COUNTRY_NOT_APPROVED',
  'PASSWORD_POLICY',
  'CODE_WRONG',
  'LOGIN_FLOW_EXPIRED',
  'LINK_REQUEST_UNUSABLE',
  'BANKID_UNAVAILABLE',
  'UPLOAD_NAME_REFUSED',
  'UPLOAD_TYPE_NOT_ALLOWED',
  'UPLOAD_EMPTY',
  'UPLOAD_TOO_LARGE',
  'UPLOAD_INTERRUPTED',
  'STORAGE_FULL',
  'TERMS_OUTDATED',
  'LOGIN_LOCKED',
  'NOT_FOUND',
  'OWN_SUBMISSION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'CLOSED_FOR_MAINTENANCE',
  'NOT_READY',
  'DESKTOP_NOT_ALLOWED',
  'RDP_UNAVAILABLE',
  'NO_SESSION_HOST',
  'DESKTOP_START_FAILED',
  'HOST_NOT_AUTHENTICATED',
  'HOST_REGISTRATION_STALE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isCatalogueCode(value: unknown): value is ErrorCode {
  return ERROR_CODES.some((code) => code === value);
}
