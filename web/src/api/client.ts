/** An error the platform reported, or one we met talking to it. Shape of the body: `{ error: { code, message, correlationId? } }`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toApiError(body: unknown, status: number): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const correlationId = typeof error.correlationId === 'string' ? error.correlationId : undefined;
    return new ApiError(error.code, error.message, correlationId);
  }
  return new ApiError('http_error', `Request failed with status ${status}`);
}

/** GET a JSON resource and check its shape with `parse`, which returns undefined for a body it does not accept. */
export async function getJson<T>(
  path: string,
  parse: (body: unknown) => T | undefined,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(body, response.status);
  const value = parse(body);
  if (value === undefined) throw new ApiError('invalid_response', `Unexpected response from ${path}`);
  return value;
}
