import { request } from 'node:http';
import type { TestUser } from './users.js';

/**
 * The web app as a real server sees it, over the network: it keeps cookies, sends the CSRF token, and
 * survives the server's restart (the session lives in the database).
 */
export class PortalClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken = '';

  constructor(public base: string) {}

  async logIn(user: TestUser): Promise<void> {
    this.csrfToken = (await (await this.send('GET', '/api/csrf-token')).json()).token;
    for (const [path, body] of [
      ['/api/login/start', { acceptApprovedCountry: true }],
      ['/api/login/otp/password', { username: user.username, password: user.password }],
      ['/api/login/otp/code', { code: user.code(new Date()) }],
    ] as const) {
      const response = await this.send('POST', path, body);
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    }
  }

  get(path: string): Promise<Response> {
    return this.send('GET', path);
  }

  post(path: string, body: unknown = {}): Promise<Response> {
    return this.send('POST', path, body);
  }

  /**
   * Sends a file as the web app does, `pieces` one after another with a pause between them, and answers
   * the status, or the error when the connection broke.
   */
  upload(name: string, pieces: Buffer[]): Promise<{ status: number; body: string } | { error: string }> {
    const url = new URL('/api/uploads', this.base);
    return new Promise((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          ...this.headers(),
          'content-type': 'application/octet-stream',
          'content-length': String(pieces.reduce((sum, piece) => sum + piece.length, 0)),
          'x-file-name': encodeURIComponent(name),
        },
      });
      req.once('error', (error) =>
        resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }),
      );
      req.once('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.once('error', (error) => resolve({ error: error.message }));
      });
      const write = async () => {
        for (const piece of pieces) {
          if (req.destroyed) return;
          req.write(piece);
          await new Promise((next) => setTimeout(next, 50));
        }
        req.end();
      };
      void write();
    });
  }

  private headers(): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      'x-csrf-token': this.csrfToken,
    };
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const response = await fetch(new URL(path, this.base), {
      method,
      headers: { ...this.headers(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }
}
