import { GOOD_PASSWORD } from '../test/users.js';

/**
 * Logs in over HTTP as the web app does (CSRF token, Accept, username and
 * password, code) and answers the headers that carry the session onwards.
 */
export async function logInOverHttp(
  base: string,
  username: string,
  code: string,
): Promise<Record<string, string>> {
  const cookies = new Map<string, string>();
  const cookie = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  let token = '';
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(new URL(path, base), {
      method: body ? 'POST' : 'GET',
      headers: {
        cookie: cookie(),
        ...(body ? { 'content-type': 'application/json', 'x-csrf-token': token } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  token = (await call('/api/csrf-token')).token;
  await call('/api/login/start', { acceptApprovedCountry: true });
  await call('/api/login/otp/password', { username, password: GOOD_PASSWORD });
  await call('/api/login/otp/code', { code });
  return { cookie: cookie(), 'x-csrf-token': token };
}
