import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok, refusal } from '../../../test/fake-api.js';
import { platform, researcher, sessionView } from '../../../test/platform.js';
import { renderApp } from '../../../test/render-app.js';
import { en } from '../../i18n/en.js';

describe('the logged-out page', () => {
  it('tells a user whose session was ended mid-way for an address outside the approved countries why', async () => {
    // The server ends the session at the first request from such an address, and says so from then on.
    let ended = false;
    fakeApi({
      ...platform(() => researcher),
      'GET /api/session': () =>
        ended
          ? refusal('NOT_AUTHENTICATED', [{ field: 'reason', problem: 'country' }])
          : ok(sessionView(researcher)),
      'GET /api/uploads': () =>
        ok({
          uploads: [],
          policy: { allowedTypes: ['csv'], maxBytes: 1024 ** 3 },
          quota: { usedBytes: 0, quotaBytes: 10 * 1024 ** 3 },
          projects: [],
        }),
      'POST /api/uploads': () => {
        ended = true;
        return refusal('COUNTRY_NOT_APPROVED');
      },
    });
    const user = renderApp('/web?tab=files');
    await user.upload(await screen.findByLabelText(en.files.fileLabel), new File(['a,b\n'], 'data.csv'));
    await user.click(screen.getByRole('button', { name: en.files.upload }));

    expect(await screen.findByRole('heading', { name: en.loggedOut.title })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/logged-out');
    expect(screen.getByRole('alert')).toHaveTextContent(en.loggedOut.country);
  });

  it('tells it too when the session is next looked at from there, as when the tab is shown again', async () => {
    let abroad = false;
    fakeApi({
      ...platform(() => researcher),
      // The server refuses the request from abroad, and ends the session with it.
      'GET /api/session': () => (abroad ? refusal('COUNTRY_NOT_APPROVED') : ok(sessionView(researcher))),
    });
    renderApp('/portal');
    expect(
      await screen.findByRole('heading', { name: en.portal.welcome(researcher.fullName) }),
    ).toBeInTheDocument();

    abroad = true;
    document.dispatchEvent(new Event('visibilitychange'));

    expect(await screen.findByRole('heading', { name: en.loggedOut.title })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(en.loggedOut.country);
  });
});
