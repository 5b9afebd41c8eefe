/** For tests: a browser at the dev-idp, with plain fetch and a cookie jar, following its redirects. */

export type Arrival =
  | { kind: 'page'; url: URL; status: number; html: string }
  /** Redirected away from the dev-idp: to a client's redirect URI. */
  | { kind: 'left'; url: URL };

export class DevIdpBrowser {
  readonly #cookies = new Map<string, string>();

  /** GETs `url` (POSTs `form`), following redirects until a page, or a redirect to another origin. */
  async go(url: URL | string, form?: Record<string, string>): Promise<Arrival> {
    let current = new URL(url);
    let body = form ? new URLSearchParams(form) : undefined;
    for (;;) {
      const response = await fetch(current, {
        method: body ? 'POST' : 'GET',
        body,
        redirect: 'manual',
        headers: { cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      this.#keepCookies(response);
      const location = response.headers.get('location');
      if (!location)
        return { kind: 'page', url: current, status: response.status, html: await response.text() };
      const next = new URL(location, current);
      if (next.origin !== current.origin) return { kind: 'left', url: next };
      current = next;
      body = undefined;
    }
  }

  // Paths and expiry are ignored: each cookie goes everywhere until the server clears it.
  #keepCookies(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

export type DevIdpChoice =
  | { personalIdentityNumber: string }
  | { typedNumber: string; typedName: string }
  | 'cancel';

/**
 * Follows an authorization URL through the dev-idp's pages as a person would:
 * "Mobile BankID" (or "BankID on this computer"), picks a person and approves,
 * or cancels. Answers where the dev-idp sends the browser back: the client's
 * redirect URI with `code` and `state`, or with `error=access_denied`.
 */
export async function identifyAtDevIdp(
  authorizationUrl: URL | string,
  choice: DevIdpChoice,
  method: 'mobile' | 'this-device' = 'mobile',
): Promise<URL> {
  const browser = new DevIdpBrowser();
  const start = await browser.go(authorizationUrl);
  if (start.kind !== 'page' || start.status !== 200) throw new Error(`no login page at ${authorizationUrl}`);
  await browser.go(new URL(`${start.url.pathname}/${method}`, start.url));
  const form: Record<string, string> =
    choice === 'cancel'
      ? {}
      : 'personalIdentityNumber' in choice
        ? { method, person: choice.personalIdentityNumber }
        : { method, person: 'other', number: choice.typedNumber, name: choice.typedName };
  const end = await browser.go(
    new URL(`${start.url.pathname}/${choice === 'cancel' ? 'cancel' : 'approve'}`, start.url),
    form,
  );
  if (end.kind !== 'left')
    throw new Error(`the dev-idp did not send the browser back (status ${end.status})`);
  return end.url;
}
