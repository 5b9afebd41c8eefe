import type { z } from 'zod';
import { csrfToken as csrfTokenAnswer } from '../../../src/http/csrf-contract.js';
import { type ErrorCode, isCatalogueCode } from '../../../src/http/error-codes.js';
import { errorAnswer, type fieldProblem } from '../../../src/http/error-contract.js';

/** The codes of errors the app meets itself: an error answer it cannot read, or an answer of the wrong shape. */
type ClientErrorCode = 'http_error' | 'invalid_response';

/** A code from the server's catalogue, or one of the app's own. */
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export type FieldProblem = z.output<typeof fieldProblem>;

/**
 * An error the platform reported, or one we met talking to it.
 * Shape of the body: `{ error: { code, message, correlationId?, fields? } }`.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number | undefined;
  readonly correlationId: string | undefined;
  readonly fields: FieldProblem[];

  constructor(
    code: ApiErrorCode,
    message: string,
    details: { status?: number; correlationId?: string; fields?: FieldProblem[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = details.status;
    this.correlationId = details.correlationId;
    this.fields = details.fields ?? [];
  }

  /** The problem reported for one field, e.g. `retryAfterSeconds` or `password`. */
  problemWith(field: string): string | undefined {
    return this.fields.find((entry) => entry.field === field)?.problem;
  }
}

export function toApiError(body: unknown, status: number): ApiError {
  const parsed = errorAnswer.safeParse(body);
  if (!parsed.success) return new ApiError('http_error', `Request failed with status ${status}`, { status });
  const { code, message, correlationId, fields } = parsed.data.error;
  // A code this page does not know (the server was updated since it loaded): unreadable, but its
  // correlation id still helps support.
  return new ApiError(isCatalogueCode(code) ? code : 'http_error', message, {
    status,
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(fields === undefined ? {} : { fields }),
  });
}

/** A route's answer as its contract (a `*-contract.ts` zod schema) describes it; T is what the page reads. */
export type Contract<T> = z.ZodType<T>;

/**
 * What the session needs to hear about other calls: the server counts API calls as activity of a
 * logged-in user, except a few it is polled with (marked passive), and some refusals mean the session
 * is gone (see `endsSession`).
 */
export type ApiEvent = 'activity' | 'session-gone';

const listeners = new Set<(event: ApiEvent) => void>();

export function onApiEvent(listener: (event: ApiEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: ApiEvent): void {
  for (const listener of listeners) listener(event);
}

async function request<T>(
  path: string,
  init: RequestInit,
  contract: Contract<T>,
  passive: boolean,
): Promise<T> {
  const response = await fetch(path, init);
  const body: unknown = await response.json().catch(() => undefined);
  return settle(path, response.status, body, contract, passive);
}

/**
 * A refusal after which the server holds no session for this browser: not logged in (401), or a request
 * from outside the approved countries, whose session the server ended there and then.
 */
function endsSession(error: ApiError): boolean {
  return error.status === 401 || error.code === 'COUNTRY_NOT_APPROVED';
}

/** An answer's status and body: the events it means for the session, then the value or the error. */
function settle<T>(path: string, status: number, body: unknown, contract: Contract<T>, passive: boolean): T {
  const ok = status >= 200 && status < 300;
  if (!passive && ok) emit('activity');
  if (!ok) {
    const error = toApiError(body, status);
    if (!passive && endsSession(error)) emit('session-gone');
    throw error;
  }
  const answer = contract.safeParse(body);
  if (!answer.success) throw new ApiError('invalid_response', `Unexpected response from ${path}`);
  return answer.data;
}

interface GetOptions {
  signal?: AbortSignal;
  /** True for a call the server does not count as activity (GET /api/session, /api/uploads, /api/notices). */
  passive?: boolean;
}

/** GET a JSON resource and check it against its contract. */
export function getJson<T>(path: string, contract: Contract<T>, options: GetOptions = {}): Promise<T> {
  const init = { headers: { accept: 'application/json' }, signal: options.signal };
  return request(path, init, contract, options.passive ?? false);
}

// One token per page load; fetched again only when the server no longer accepts it.
let csrfToken: Promise<string> | undefined;

function fetchCsrfToken(): Promise<string> {
  csrfToken ??= getJson('/api/csrf-token', csrfTokenAnswer, { passive: true })
    .then((answer) => answer.token)
    .catch((error: unknown) => {
      csrfToken = undefined;
      throw error;
    });
  return csrfToken;
}

/** Sends once; if the server no longer accepts the CSRF token, fetches a new one and sends again. */
async function withCsrfToken<T>(send: (token: string) => Promise<T>): Promise<T> {
  try {
    return await send(await fetchCsrfToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CSRF_TOKEN_INVALID') throw error;
    csrfToken = undefined;
    return send(await fetchCsrfToken());
  }
}

/** POST JSON with the CSRF token, and check the answer against its contract. */
export function postJson<T>(path: string, body: unknown, contract: Contract<T>): Promise<T> {
  return withCsrfToken((token) => {
    const headers = { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': token };
    return request(path, { method: 'POST', headers, body: JSON.stringify(body) }, contract, false);
  });
}

/** A file the server made for this request: its name (from Content-Disposition) and its bytes. */
export interface MadeFile {
  name: string;
  blob: Blob;
}

const ATTACHMENT_NAME = /filename="([A-Za-z0-9._-]{1,200})"/;

/** POST with the CSRF token for an attachment (an RDP file); errors come as JSON like any other call. */
export function postForFile(path: string, body: unknown): Promise<MadeFile> {
  return withCsrfToken(async (token) => {
    const headers = { 'content-type': 'application/json', 'x-csrf-token': token };
    const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    const name = ATTACHMENT_NAME.exec(response.headers.get('content-disposition') ?? '')?.[1];
    if (!response.ok || !name) {
      const body: unknown = await response.json().catch(() => undefined);
      const error = toApiError(body, response.ok ? 500 : response.status);
      if (endsSession(error)) emit('session-gone');
      throw error;
    }
    emit('activity');
    return { name, blob: await response.blob() };
  });
}

/** How much of a request body has been sent, in bytes. */
export interface Progress {
  sent: number;
  total: number;
}

/**
 * POST a file as the whole request body (no multipart) with the CSRF token and the given headers,
 * and check the answer against its contract. XMLHttpRequest, because fetch cannot report how much
 * of a body it has sent; `onProgress` hears that as it goes.
 */
export function postFile<T>(
  path: string,
  file: Blob,
  headers: Record<string, string>,
  contract: Contract<T>,
  onProgress?: (progress: Progress) => void,
): Promise<T> {
  return withCsrfToken(async (token) => {
    const all = {
      ...headers,
      accept: 'application/json',
      'content-type': 'application/octet-stream',
      'x-csrf-token': token,
    };
    const { status, body } = await sendBody(path, file, all, onProgress);
    return settle(path, status, body, contract, false);
  });
}

function sendBody(
  path: string,
  file: Blob,
  headers: Record<string, string>,
  onProgress: ((progress: Progress) => void) | undefined,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) =>
      onProgress?.({ sent: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    // Like a rejected fetch: no answer arrived at all.
    xhr.onerror = () => reject(new TypeError('The upload could not be sent'));
    xhr.onabort = () => reject(new TypeError('The upload was aborted'));
    xhr.send(file);
  });
}
