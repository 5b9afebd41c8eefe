import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { checkNewPassword } from '../../../../src/identity/password-policy.js';
import { CSRF_TOKEN, fakeApi, ok, type Route, refusal } from '../../../test/fake-api.js';
import { platform, researcher } from '../../../test/platform.js';
import { renderApp } from '../../../test/render-app.js';
import { en } from '../../i18n/en.js';
import { guideLabelText } from '../../i18n/guide-label.js';
import { sv } from '../../i18n/sv.js';

/** The login routes of src/identity/login-routes.ts; the code step answers as `code` says. */
function loginServer(routes: { code?: Route; password?: Route; country?: Route } = {}) {
  let loggedIn = false;
  const api = fakeApi({
    ...platform(() => (loggedIn ? researcher : undefined)),
    'GET /api/login/country': routes.country ?? (() => ok({ allowed: true, country: 'SE' })),
    'POST /api/login/start': () => ok({ next: 'method' }),
    'POST /api/login/otp/password': routes.password ?? (() => ok({ next: 'code' })),
    'POST /api/login/otp/code': routes.code ?? (() => ok({ next: 'portal' })),
    // The server checks the policy as prepareNewPassword does, naming every rule broken and why an
    // easy password is easy to guess.
    'POST /api/login/otp/new-password': async ({ body }) => {
      const { password, repeat } = body as { password: string; repeat: string };
      const { username, fullName } = researcher;
      const { rules, hint } = await checkNewPassword({ password, repeat, username, fullName });
      if (rules.length > 0)
        return refusal('PASSWORD_POLICY', [
          ...rules.map((rule) => ({ field: 'password', problem: rule })),
          ...(hint === null ? [] : [{ field: 'passwordHint', problem: hint }]),
        ]);
      loggedIn = true;
      return ok({ next: 'portal' });
    },
  });
  return { ...api, logIn: () => (loggedIn = true) };
}

const heading = (name: string) => screen.findByRole('heading', { name });

async function toCredentials(user: UserEvent, t = en) {
  await user.click(await screen.findByRole('button', { name: guideLabelText(t.buttons.accept) }));
  await user.click(await screen.findByRole('button', { name: guideLabelText(t.buttons.otp) }));
  await heading(t.login.credentialsTitle);
}

async function toCode(user: UserEvent, t = en) {
  await toCredentials(user, t);
  await user.type(screen.getByLabelText(t.login.username), 'anna');
  await user.type(screen.getByLabelText(t.login.password), 'correct horse');
  await user.click(screen.getByRole('button', { name: guideLabelText(t.buttons.continue) }));
  await heading(t.login.codeTitle);
}

async function enterCode(user: UserEvent, code: string, t = en) {
  await user.type(screen.getByLabelText(t.code.label), code);
  await user.click(screen.getByRole('button', { name: guideLabelText(t.buttons.logIn) }));
}

describe('logging in with a one-time password', () => {
  it('goes from the country through password and code into the portal', async () => {
    const server = loginServer({
      code: () => {
        server.logIn();
        return ok({ next: 'portal' });
      },
    });
    const user = renderApp('/login');
    await heading(en.login.countryTitle);
    await toCode(user);
    await enterCode(user, '123 456');

    await heading(en.portal.welcome('Anna Andersson'));
    expect(window.location.pathname).toBe('/portal');
    expect(server.sentTo('POST /api/login/start')[0]?.body).toEqual({ acceptApprovedCountry: true });
    expect(server.sentTo('POST /api/login/otp/password')[0]?.body).toEqual({
      username: 'anna',
      password: 'correct horse',
    });
    // The app shows the code as "123 456"; the server is sent the digits alone.
    const [code] = server.sentTo('POST /api/login/otp/code');
    expect(code?.body).toEqual({ code: '123456' });
    expect(code?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
  });

  it('after a wrong code says the login failed, back at the password with the username kept', async () => {
    loginServer({ code: () => refusal('LOGIN_FAILED') });
    const user = renderApp('/login');
    await toCode(user);
    await enterCode(user, '000000');

    // The verdict covers username, password and code together, so the user starts the credentials again.
    await heading(en.login.credentialsTitle);
    expect(screen.getByRole('alert')).toHaveTextContent('The username, password or code is wrong.');
    expect(screen.getByLabelText(en.login.username)).toHaveValue('anna');
    expect(screen.getByLabelText(en.login.password)).toHaveValue('');
    expect(window.location.pathname).toBe('/login');
  });

  it('says so, in Swedish too, when the account is locked, and for how long', async () => {
    localStorage.setItem('mona.language', 'sv');
    loginServer({ code: () => refusal('LOGIN_LOCKED', [{ field: 'retryAfterSeconds', problem: '540' }]) });
    const user = renderApp('/login');
    await toCode(user, sv);
    await enterCode(user, '123456', sv);

    await heading(sv.login.credentialsTitle);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'För många misslyckade försök: inloggningen till kontot är spärrad. Försök igen om 9 minuter.',
    );
  });

  it('asks for the six digits again without sending a code that cannot be one', async () => {
    const server = loginServer();
    const user = renderApp('/login');
    await toCode(user);
    await enterCode(user, '12345');

    expect(screen.getByText(en.code.invalid)).toBeInTheDocument();
    // The focus goes back to the field, which a screen reader then announces with its error.
    const field = screen.getByLabelText(en.code.label);
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(expect.stringContaining(en.code.invalid));
    expect(server.sentTo('POST /api/login/otp/code')).toHaveLength(0);
    expect(screen.getByRole('heading', { name: en.login.codeTitle })).toBeInTheDocument();
  });

  it('says how long to wait when passwords have been tried too often', async () => {
    loginServer({
      password: () => refusal('RATE_LIMITED', [{ field: 'retryAfterSeconds', problem: '16' }]),
    });
    const user = renderApp('/login');
    await toCredentials(user);
    await user.type(screen.getByLabelText(en.login.username), 'anna');
    await user.type(screen.getByLabelText(en.login.password), 'correct horse');
    await user.click(screen.getByRole('button', { name: guideLabelText(en.buttons.continue) }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 16 seconds.');
    expect(screen.getByRole('heading', { name: en.login.credentialsTitle })).toBeInTheDocument();
  });

  it('sends a login that took too long back to the start, saying why', async () => {
    loginServer({ password: () => refusal('LOGIN_FLOW_EXPIRED') });
    const user = renderApp('/login');
    await toCredentials(user);
    await user.type(screen.getByLabelText(en.login.username), 'anna');
    await user.type(screen.getByLabelText(en.login.password), 'correct horse');
    await user.click(screen.getByRole('button', { name: guideLabelText(en.buttons.continue) }));

    await heading(en.login.countryTitle);
    expect(screen.getByRole('alert')).toHaveTextContent(en.errors.loginFlowExpired);
  });

  it('keeps a user whose address is in a country not approved from logging in', async () => {
    const server = loginServer({
      country: () => ok({ allowed: false, country: 'US', reason: 'country_not_approved' }),
    });
    renderApp('/login');

    await heading(en.blocked.title);
    expect(screen.getByText(en.blocked.countryNotApproved('United States'))).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: guideLabelText(en.buttons.accept) })).not.toBeInTheDocument();
    expect(server.sentTo('POST /api/login/start')).toHaveLength(0);
  });
});

describe('the new password a first login asks for', () => {
  async function toNewPassword(user: UserEvent, t = en) {
    await toCode(user, t);
    await enterCode(user, '123456', t);
    await heading(t.login.newPasswordTitle);
  }

  const firstLogin = () => ok({ next: 'new-password', reason: 'first_login' });

  it('tells why it is asked for and lists the password rules', async () => {
    loginServer({ code: firstLogin });
    const user = renderApp('/login');
    await toNewPassword(user);

    expect(screen.getByText(en.login.newPasswordFirstLogin)).toBeInTheDocument();
    expect(screen.getByText(en.password.ruleLength)).toBeInTheDocument();
  });

  it('names the rule a refused password breaks, at the field, and clears both fields', async () => {
    const server = loginServer({ code: firstLogin });
    const user = renderApp('/login');
    await toNewPassword(user);
    await user.type(screen.getByLabelText(en.password.newPassword), 'short1A');
    await user.type(screen.getByLabelText(en.password.repeat), 'short1A');
    await user.click(screen.getByRole('button', { name: guideLabelText(en.buttons.logIn) }));

    const field = screen.getByLabelText(en.password.newPassword);
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(expect.stringContaining(en.passwordRule.too_short)),
    );
    expect(field).toHaveValue('');
    expect(screen.getByLabelText(en.password.repeat)).toHaveValue('');
    expect(server.sentTo('POST /api/login/otp/new-password')).toHaveLength(1);
    expect(window.location.pathname).toBe('/login');
  });

  it('says why a refused password is easy to guess, in the language chosen', async () => {
    localStorage.setItem('mona.language', 'sv');
    loginServer({ code: firstLogin });
    const user = renderApp('/login');
    await toNewPassword(user, sv);
    await user.type(screen.getByLabelText(sv.password.newPassword), 'Andersson2026-Xy');
    await user.type(screen.getByLabelText(sv.password.repeat), 'Andersson2026-Xy');
    await user.click(screen.getByRole('button', { name: guideLabelText(sv.buttons.logIn) }));

    const field = screen.getByLabelText(sv.password.newPassword);
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        expect.stringContaining(`${sv.passwordRule.easy_to_guess} ${sv.passwordHint.personal}`),
      ),
    );
    expect(screen.getByText(sv.password.ruleGuessable)).toBeInTheDocument();
  });

  it('keeps the new password when only the repeat differs, and says so at the repeat', async () => {
    loginServer({ code: firstLogin });
    const user = renderApp('/login');
    await toNewPassword(user);
    await user.type(screen.getByLabelText(en.password.newPassword), 'Lagom-Lång-2026');
    await user.type(screen.getByLabelText(en.password.repeat), 'Lagom-Lång-2025');
    await user.click(screen.getByRole('button', { name: guideLabelText(en.buttons.logIn) }));

    const repeat = screen.getByLabelText(en.password.repeat);
    await waitFor(() => expect(repeat).toHaveAccessibleDescription(en.passwordRule.repeat_mismatch));
    expect(repeat).toHaveValue('');
    expect(screen.getByLabelText(en.password.newPassword)).toHaveValue('Lagom-Lång-2026');
  });

  it('logs in once the password follows the rules', async () => {
    const server = loginServer({ code: firstLogin });
    const user = renderApp('/login');
    await toNewPassword(user);
    await user.type(screen.getByLabelText(en.password.newPassword), 'Lagom-Lång-2026');
    await user.type(screen.getByLabelText(en.password.repeat), 'Lagom-Lång-2026');
    await user.click(screen.getByRole('button', { name: guideLabelText(en.buttons.logIn) }));

    await heading(en.portal.welcome('Anna Andersson'));
    expect(server.sentTo('POST /api/login/otp/new-password')[0]?.body).toEqual({
      password: 'Lagom-Lång-2026',
      repeat: 'Lagom-Lång-2026',
    });
  });
});
