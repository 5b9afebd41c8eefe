import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DevIdp, DevIdpRefused, startDevIdp, TEST_IDENTITIES } from './dev-idp.js';
import { DevIdpBrowser, identifyAtDevIdp } from './drive.js';
import { subjectFor } from './test-identities.js';

const REDIRECT_URI = 'http://rp.example/callback';
const CLIENT = {
  clientId: 'mona',
  clientSecret: 'correct horse battery staple',
  redirectUris: [REDIRECT_URI],
};
const consoleSpies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
  vi.spyOn(console, level).mockImplementation(() => {}),
);

let idp: DevIdp;

beforeAll(async () => {
  idp = await startDevIdp({
    port: 0,
    operatorName: 'Test Statistics Office',
    clients: [CLIENT],
    environment: 'test',
  });
});

afterAll(async () => {
  await idp.close();
});

/** mona's side, as the relying party: openid-client, allowed plain HTTP to the local broker. */
async function relyingParty(auth = client.ClientSecretPost(CLIENT.clientSecret)) {
  const config = await client.discovery(new URL(idp.issuer), CLIENT.clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  });
  const checks = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  });
  const redeem = (callback: URL) =>
    client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  return { config, url, redeem };
}

describe('the development BankID broker', () => {
  it('publishes a code-flow-only discovery document with PKCE S256', async () => {
    expect(idp.issuer).toBe(`http://127.0.0.1:${idp.port}`);
    const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile'],
    });
    expect(discovery.grant_types_supported).toEqual(['authorization_code']);
  });

  it('identifies a test person and puts the person in the signed ID token', async () => {
    const person = TEST_IDENTITIES[1];
    if (!person) throw new Error('no test identities');
    const rp = await relyingParty();
    const callback = await identifyAtDevIdp(rp.url, {
      personalIdentityNumber: person.personalIdentityNumber,
    });
    expect(callback.href.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    const tokens = await rp.redeem(callback);
    expect(tokens.claims()).toMatchObject({
      iss: idp.issuer,
      aud: CLIENT.clientId,
      sub: subjectFor(person.personalIdentityNumber),
      personal_identity_number: person.personalIdentityNumber,
      name: person.name,
      given_name: person.givenName,
      family_name: person.familyName,
    });
    expect(tokens.refresh_token).toBeUndefined();
    const header = JSON.parse(Buffer.from(tokens.id_token?.split('.')[0] ?? '', 'base64url').toString());
    expect(header.alg).toBe('RS256');
  });

  it('redeems a code once only', async () => {
    const rp = await relyingParty(client.ClientSecretBasic(CLIENT.clientSecret));
    const callback = await identifyAtDevIdp(
      rp.url,
      { typedNumber: '19650372-9847', typedName: 'Anna Provare' },
      'this-device',
    );
    const tokens = await rp.redeem(callback);
    expect(tokens.claims()).toMatchObject({ personal_identity_number: '196503729847', name: 'Anna Provare' });
    await expect(rp.redeem(callback)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong client secret', async () => {
    const rp = await relyingParty(client.ClientSecretPost('wrong secret'));
    const callback = await identifyAtDevIdp(rp.url, { personalIdentityNumber: '196503129840' });
    await expect(rp.redeem(callback)).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('answers Cancel with access_denied', async () => {
    const rp = await relyingParty();
    const callback = await identifyAtDevIdp(rp.url, 'cancel');
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    await expect(rp.redeem(callback)).rejects.toMatchObject({ error: 'access_denied' });
  });

  it('refuses an authorization request without PKCE', async () => {
    const { config } = await relyingParty();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid' });
    const arrival = await new DevIdpBrowser().go(url);
    expect(arrival.kind).toBe('left');
    expect(arrival.url.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('the login pages', () => {
  /** Starts a login in `browser` and answers the URL of its first page. */
  async function openLogin(browser: DevIdpBrowser, uiLocales?: string): Promise<{ url: URL; html: string }> {
    const { url } = await relyingParty();
    if (uiLocales) url.searchParams.set('ui_locales', uiLocales);
    const arrival = await browser.go(url);
    if (arrival.kind !== 'page' || arrival.status !== 200) throw new Error('no login page');
    return arrival;
  }
  const at = (page: { url: URL }, action: string) => new URL(`${page.url.pathname}/${action}`, page.url);

  it('imitate a BankID broker and say it is a test', async () => {
    const browser = new DevIdpBrowser();
    const choice = await openLogin(browser);
    expect(choice.url.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    expect(choice.html).toContain('TEST SERVICE — not real BankID. Only for development and tests.');
    expect(choice.html).toContain('TESTTJÄNST — inte riktigt BankID. Endast för utveckling och test.');
    expect(choice.html).toContain('You are identifying to Test Statistics Office');
    expect(choice.html).toContain('>BankID on this computer</a>');
    expect(choice.html).toContain('>Mobile BankID</a>');
    const mobile = await browser.go(at(choice, 'mobile'));
    expect(mobile.kind === 'page' && mobile.html).toContain('Which test person approves?');
    expect(mobile.kind === 'page' && mobile.html).toContain('>Approve (test)</button>');
  });

  it('speak Swedish when the client asks for it', async () => {
    const choice = await openLogin(new DevIdpBrowser(), 'sv');
    expect(choice.html).toContain('Du legitimerar dig hos Test Statistics Office');
    expect(choice.html).toContain('>Mobilt BankID</a>');
  });

  it('refuse an invalid typed number on the page', async () => {
    const browser = new DevIdpBrowser();
    const choice = await openLogin(browser);
    const refused = await browser.go(at(choice, 'approve'), {
      method: 'this-device',
      person: 'other',
      number: '196503129841',
      name: 'Anna Provare',
    });
    expect(refused).toMatchObject({ kind: 'page', status: 200 });
    expect(refused.kind === 'page' && refused.html).toContain('That is not a valid personal identity number');
  });

  it('ask again at every login, in the same browser', async () => {
    const browser = new DevIdpBrowser();
    const first = await openLogin(browser);
    const done = await browser.go(at(first, 'approve'), { person: '196503129840' });
    expect(done.kind).toBe('left');
    const second = await openLogin(browser);
    expect(second.url.pathname).not.toBe(first.url.pathname);
  });

  it('serve the animated QR code as SVG, to the interaction only', async () => {
    const browser = new DevIdpBrowser();
    const choice = await openLogin(browser);
    expect((await fetch(at(choice, 'qr'))).status).toBe(400); // without the interaction's cookie
    await browser.go(at(choice, 'mobile'));
    const qr = await browser.go(at(choice, 'qr'));
    expect(qr).toMatchObject({ kind: 'page', status: 200 });
    expect(qr.kind === 'page' && qr.html).toMatch(/^<svg /);
  });
});

it('refuses to start in production', async () => {
  await expect(
    startDevIdp({ port: 0, operatorName: 'x', clients: [CLIENT], environment: 'production' }),
  ).rejects.toThrow(DevIdpRefused);
});

it('prints nothing on the console', () => {
  for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
});
