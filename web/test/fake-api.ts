import { vi } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode, errorBody, type FieldProblem } from '../../src/http/errors.js';

/** A request as the fake platform received it. */
export interface ApiRequest {
  method: string;
  /** Path and query, e.g. `/api/review/uploads/u-1/decision`. */
  path: string;
  headers: Headers;
  /** The parsed JSON body; for an upload, the file itself. */
  body: unknown;
}

/** What a route answers: a status and a JSON body (none for 204). */
export interface Answer {
  status: number;
  body?: unknown;
}

export type Route = (request: ApiRequest) => Answer | Promise<Answer>;

/** The token GET /api/csrf-token hands this page; state-changing requests must carry it. */
export const CSRF_TOKEN = 'signed-csrf-token';

export const ok = (body: unknown, status = 200): Answer => ({ status, body });

/** A refusal as the server's error handler sends it: the catalogue's status, message and body. */
export function refusal(code: ErrorCode, fields?: FieldProblem[]): Answer {
  return { status: ERROR_CATALOGUE[code].status, body: errorBody(code, 'req-test', fields) };
}

/**
 * The platform's API, faked where the app meets the network: `fetch`, and XMLHttpRequest for uploads.
 * Routes are keyed `METHOD /path` (no query) and answer as the server's routes do. As on the server,
 * a state-changing request without the CSRF token is refused, and an unknown path is 404 NOT_FOUND.
 */
export function fakeApi(routes: Record<string, Route>) {
  const requests: ApiRequest[] = [];
  const table: Record<string, Route> = { 'GET /api/csrf-token': () => ok({ token: CSRF_TOKEN }), ...routes };

  async function answer(request: ApiRequest): Promise<Answer> {
    requests.push(request);
    if (request.method !== 'GET' && request.headers.get('x-csrf-token') !== CSRF_TOKEN)
      return refusal('CSRF_TOKEN_INVALID');
    const route = table[`${request.method} ${new URL(request.path, window.location.origin).pathname}`];
    return route ? route(request) : refusal('NOT_FOUND');
  }

  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method: init.method ?? 'GET', path: input, headers: new Headers(init.headers), body };
    const { status, body: answered } = await answer(request);
    const text = answered === undefined ? null : JSON.stringify(answered);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('XMLHttpRequest', xhrAnswering(answer));

  return {
    requests,
    /** The requests made to one route, e.g. `sentTo('POST /api/uploads')`. */
    sentTo: (route: string) => requests.filter((request) => `${request.method} ${request.path}` === route),
  };
}

/** Just what the app's upload uses of XMLHttpRequest: one request, its progress, its answer. */
function xhrAnswering(answer: (request: ApiRequest) => Promise<Answer>) {
  return class FakeXhr {
    readonly upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    // Every request gets an answer here, so the app's onerror and onabort are never called.
    onload: (() => void) | null = null;
    status = 0;
    responseText = '';
    private request: ApiRequest = { method: 'GET', path: '/', headers: new Headers(), body: undefined };

    open(method: string, path: string): void {
      this.request = { ...this.request, method, path };
    }

    setRequestHeader(name: string, value: string): void {
      this.request.headers.set(name, value);
    }

    send(file: Blob): void {
      void answer({ ...this.request, body: file }).then(({ status, body }) => {
        const sent = { loaded: file.size, total: file.size, lengthComputable: true };
        this.upload.onprogress?.(sent as ProgressEvent);
        this.status = status;
        this.responseText = body === undefined ? '' : JSON.stringify(body);
        this.onload?.();
      });
    }
  };
}
