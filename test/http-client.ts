import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A browser, as far as the API can tell: it keeps cookies, fetches and sends
 * the CSRF token, and comes from one address.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    /** Where its requests come from; set it to move the browser, cookies and all, to another network. */
    public remoteAddress = '127.0.0.1',
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.send('GET', url);
  }

  async post(url: string, payload: unknown = {}): Promise<LightMyRequestResponse> {
    if (!this.csrfToken) this.csrfToken = (await this.get('/api/csrf-token')).json().token;
    return this.send('POST', url, payload);
  }

  /** A POST whose body is sent as it is, as the web app sends a file. */
  async postRaw(
    url: string,
    body: string | Buffer,
    headers: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    if (!this.csrfToken) this.csrfToken = (await this.get('/api/csrf-token')).json().token;
    return this.send('POST', url, body, { 'content-type': 'application/octet-stream', ...headers });
  }

  csrf(): string | null {
    return this.csrfToken;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        ...this.headers,
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...(method === 'POST' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...extraHeaders,
      },
      ...(payload !== undefined ? { payload: payload as string } : {}),
    });
    for (const cookie of response.cookies) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() <= Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
}
