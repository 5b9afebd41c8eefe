export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * An error the platform reported, or one we met talking to it.
 * Shape of the body: `{ error: { code, message, correlationId?, fields? } }`.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly correlationId: string | undefined;
  readonly fields: FieldProblem[];

  constructor(
    code: string,
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (value: unknown): value is string => typeof value === 'string';

function parseFields(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) =>
    isRecord(entry) && typeof entry.field === 'string' && typeof entry.problem === 'string'
      ? [{ field: entry.field, problem: entry.problem }]
      : [],
  );
}

export function toApiError(body: unknown, status: number): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const correlationId = typeof error.correlationId === 'string' ? error.correlationId : undefined;
    return new ApiError(error.code, error.message, {
      status,
      correlationId,
      fields: parseFields(error.fields),
    });
  }
  return new ApiError('http_error', `Request failed with status ${status}`, { status });
}

/** Checks a response body's shape; returns undefined for a body it does not accept. */
export type Parse<T> = (body: unknown) => T | undefined;

/**
 * What the session needs to hear about other calls: the server counts every API call but
 * GET /api/session as activity of a logged-in user, and a 401 means the session is gone.
 */
export type ApiEvent = 'activity' | 'not-authenticated';

const listeners = new Set<(event: ApiEvent) => void>();

export function onApiEvent(listener: (event: ApiEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: ApiEvent): void {
  for (const listener of listeners) listener(event);
}

async function request<T>(path: string, init: RequestInit, parse: Parse<T>, passive: boolean): Promise<T> {
  const response = await fetch(path, init);
  const body: unknown = await response.json().catch(() => undefined);
  if (!passive && response.ok) emit('activity');
  if (!passive && response.status === 401) emit('not-authenticated');
  if (!response.ok) throw toApiError(body, response.status);
  const value = parse(body);
  if (value === undefined) throw new ApiError('invalid_response', `Unexpected response from ${path}`);
  return value;
}

interface GetOptions {
  signal?: AbortSignal;
  /** True for a call the server does not count as activity (only GET /api/session). */
  passive?: boolean;
}

/** GET a JSON resource and check its shape with `parse`. */
export function getJson<T>(path: string, parse: Parse<T>, options: GetOptions = {}): Promise<T> {
  const init = { headers: { accept: 'application/json' }, signal: options.signal };
  return request(path, init, parse, options.passive ?? false);
}

// One token per page load; fetched again only when the server no longer accepts it.
let csrfToken: Promise<string> | undefined;

function fetchCsrfToken(): Promise<string> {
  csrfToken ??= getJson(
    '/api/csrf-token',
    (body) => (isRecord(body) && typeof body.token === 'string' ? body.token : undefined),
    { passive: true },
  ).catch((error: unknown) => {
    csrfToken = undefined;
    throw error;
  });
  return csrfToken;
}

/** POST JSON with the CSRF token, and check the answer's shape with `parse`. */
export async function postJson<T>(path: string, body: unknown, parse: Parse<T>): Promise<T> {
  const send = async () => {
    const headers = {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': await fetchCsrfToken(),
    };
    return request(path, { method: 'POST', headers, body: JSON.stringify(body) }, parse, false);
  };
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CSRF_TOKEN_INVALID') throw error;
    csrfToken = undefined;
    return send();
  }
}
